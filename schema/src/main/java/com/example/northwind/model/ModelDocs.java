package com.example.northwind.model;

import com.example.northwind.schema.EntityType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The tables of the docs (docs/key-design.md, docs/query-api.md, docs/command-api.md), rendered from the item model. Each generated block sits
 * between two markers in its file; the prose around it stays hand-written. {@link DocsGenerator} rewrites the
 * blocks, and a test fails when a committed file differs from what this renders.
 */
public final class ModelDocs {
    /** A generated block of a file: its name and its content. */
    public record Block(String name, String content) {
        public String begin() {
            return "<!-- BEGIN GENERATED " + name + ": edit the item model, then run ./generate-docs.sh -->";
        }

        public String end() {
            return "<!-- END GENERATED " + name + " -->";
        }
    }

    private ModelDocs() {
    }

    /** docs/query-api.md: every pattern with an example request and its one read. */
    public static List<Block> queryApiBlocks() {
        return List.of(new Block("query-patterns", patternRequests()));
    }

    /** docs/command-api.md: every command with its parameters and an example request. */
    public static List<Block> commandApiBlocks() {
        return List.of(new Block("command-list", commandRequests()));
    }

    public static List<Block> keyDesignBlocks() {
        return List.of(new Block("items", items()), new Block("patterns", patterns()), new Block("migrations", migrations()),
                new Block("version", "Item-model version (a hash of the tables above and the column types): `"
                        + ModelVersion.current() + "`."));
    }

    /** The file's text with every block replaced by what the model renders now. */
    public static String apply(String text, List<Block> blocks) {
        String out = text;
        for (Block block : blocks) {
            int begin = out.indexOf(block.begin());
            int end = out.indexOf(block.end());
            if (begin < 0 || end < begin) {
                throw new IllegalStateException("markers of the generated block " + block.name() + " are missing: "
                        + block.begin() + " … " + block.end());
            }
            out = out.substring(0, begin + block.begin().length()) + "\n" + block.content() + "\n" + out.substring(end);
        }
        return out;
    }

    static String items() {
        List<String> rows = new ArrayList<>();
        rows.add("| entity (`type`) | item kind | role | pk | sk | data (gsi_1 sort key) | gsi_2: pk2 / sk2 | present | attributes |");
        rows.add("|---|---|---|---|---|---|---|---|---|");
        for (ItemShape s : ItemModel.allShapes()) {
            rows.add("| " + s.entity().typeName() + " | `" + s.kind() + "` | " + s.role() + " | " + code(s.pk().describe())
                    + " | " + code(s.sk().describe()) + " | " + (s.data() == null ? "–" : code(s.data().describe()))
                    + " | " + gsi2(s) + " | " + s.presence().describe() + " | " + (s.carriesAllColumns() ? "all columns" : String.join(", ", s.carries()))
                    + " |");
        }
        rows.add("");
        rows.add("Copied from related entities (a writer must keep these copies in step):");
        rows.add("");
        for (EntityType type : EntityType.values()) {
            for (Enrichment e : ItemModel.enrichments(type)) {
                rows.add("- " + type.typeName() + ": " + e.describe());
            }
        }
        return String.join("\n", rows);
    }

    static String patterns() {
        List<String> rows = new ArrayList<>();
        rows.add("| pattern | answers | params | shown as | request per page (a sharded list: one per shard, merged) |");
        rows.add("|---|---|---|---|---|");
        for (PatternDefinition p : AccessPatterns.all()) {
            Map<String, Read> reads = p.symbolicReads();
            String request = reads.entrySet().stream()
                    .map(e -> (e.getKey().isEmpty() ? "" : e.getKey() + ": ") + e.getValue().describe())
                    .collect(Collectors.joining("<br>"));
            rows.add("| `" + p.name() + "` | " + p.answers() + " | " + (p.params().isEmpty() ? "–" : p.signature())
                    + " | " + p.view().describe() + " | " + request + " |");
        }
        return String.join("\n", rows);
    }

    static String migrations() {
        List<String> rows = new ArrayList<>();
        rows.add("| migration | from → to | phase | step |");
        rows.add("|---|---|---|---|");
        for (Migration m : Migrations.all()) {
            for (Migration.Phase phase : Migration.Phase.values()) {
                for (MigrationStep step : m.steps(phase)) {
                    rows.add("| `" + m.name() + "` | `" + m.fromVersion() + "` → `" + m.toVersion() + "` | "
                            + phase.name().toLowerCase(java.util.Locale.ROOT) + " | " + step.describe() + " |");
                }
            }
        }
        return String.join("\n", rows);
    }

    static String patternRequests() {
        List<String> rows = new ArrayList<>();
        rows.add("| pattern | request (`request.json`) | request: index and key condition (a sharded list: each shard's) |");
        rows.add("|---|---|---|");
        for (PatternDefinition p : AccessPatterns.all()) {
            Map<String, String> values = new java.util.TreeMap<>();
            p.example().forEach((k, v) -> values.put(k, v.toString()));
            rows.add("| `" + p.name() + "` | `" + payload(p) + "` | " + p.read(values).describe() + " |");
        }
        return String.join("\n", rows);
    }

    /** The example request as JSON: {@code {"pattern":"employee","params":{"employeeId":2}}}. */
    public static String payload(PatternDefinition p) {
        StringBuilder out = new StringBuilder("{\"pattern\":\"").append(p.name()).append('"');
        if (!p.example().isEmpty()) {
            out.append(",\"params\":{");
            out.append(p.example().entrySet().stream()
                    .map(e -> '"' + e.getKey() + "\":" + (e.getValue() instanceof String s ? '"' + s + '"' : e.getValue().toString()))
                    .collect(Collectors.joining(",")));
            out.append('}');
        }
        return out.append('}').toString();
    }

    static String commandRequests() {
        List<String> rows = new ArrayList<>();
        rows.add("| command | what it does | params (`?` optional) | request (`request.json`) |");
        rows.add("|---|---|---|---|");
        for (CommandDefinition c : CommandDefinitions.all()) {
            rows.add("| `" + c.name() + "` | " + c.effect() + " | " + (c.params().isEmpty() ? "–" : c.signature())
                    + " | `" + payload(c) + "` |");
        }
        return String.join("\n", rows);
    }

    /**
     * The example request of a command as JSON: {@code {"command":"shipOrder","params":{"orderId":11077}}}. The params
     * keep the example's order; nested objects (order lines) list their members by name, so the text is the same on
     * every run.
     */
    public static String payload(CommandDefinition c) {
        Map<String, Object> request = new java.util.LinkedHashMap<>();
        request.put("command", c.name());
        request.put("params", new java.util.LinkedHashMap<>(c.example()));
        return JsonText.compact(request);
    }

    /** The example's params alone, as an HTTP API body: {@code {"orderId":11077}}. */
    public static String exampleParams(CommandDefinition c) {
        return JsonText.compact(new java.util.LinkedHashMap<>(c.example()));
    }

    private static String gsi2(ItemShape s) {
        return s.pk2() == null ? "–" : code(s.pk2().describe()) + " / " + code(s.sk2().describe());
    }

    private static String code(String text) {
        return "`" + text + "`";
    }
}
