package com.example.northwind.local.explorer;

import com.example.northwind.model.AccessPatterns;
import com.example.northwind.model.CommandDefinition;
import com.example.northwind.model.CommandDefinitions;
import com.example.northwind.model.CommandParam;
import com.example.northwind.model.ParamSpec;
import com.example.northwind.model.PatternDefinition;
import com.example.northwind.model.Read;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the explorer's forms are made of, straight from the item model: every access pattern and every command with
 * its parameters (name, kind, required) and example, and whether a function that runs it is served here.
 */
public final class ExplorerCatalog {
    public static final String QUERY_FUNCTION = "query";
    public static final String COMMAND_FUNCTION = "command";

    private ExplorerCatalog() {
    }

    public static Map<String, Object> of(FunctionRunner runner) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Object> patterns = new ArrayList<>();
        for (PatternDefinition p : AccessPatterns.all()) {
            Map<String, Object> pattern = new LinkedHashMap<>();
            pattern.put("name", p.name());
            pattern.put("description", p.answers());
            List<Object> params = new ArrayList<>();
            for (ParamSpec spec : p.params()) {
                params.add(param(spec.name(), spec.kind().name(), spec.kind().text().label(), spec.required(), false, null));
            }
            pattern.put("params", params);
            pattern.put("example", p.example());
            // A GetItem reads one item by its key: no page size, no next page.
            pattern.put("singleItem", p.symbolicReads().values().stream().allMatch(r -> r instanceof Read.Get));
            pattern.put("reads", p.symbolicReads().values().iterator().next().describe());
            patterns.add(pattern);
        }
        List<Object> commands = new ArrayList<>();
        for (CommandDefinition c : CommandDefinitions.all()) {
            Map<String, Object> command = new LinkedHashMap<>();
            command.put("name", c.name());
            command.put("description", c.effect());
            List<Object> params = new ArrayList<>();
            for (CommandParam spec : c.params()) {
                params.add(param(spec.name(), spec.kind().name(), spec.kind().text().label(), spec.required(), spec.clearable(),
                        spec.description()));
            }
            command.put("params", params);
            command.put("example", c.example());
            commands.add(command);
        }
        out.put("patterns", patterns);
        out.put("commands", commands);
        Map<String, Object> functions = new LinkedHashMap<>();
        functions.put(QUERY_FUNCTION, runner.serves(QUERY_FUNCTION));
        functions.put(COMMAND_FUNCTION, runner.serves(COMMAND_FUNCTION));
        out.put("functions", functions);
        return out;
    }

    /** {@code kind} for the page's input handling; {@code label} what a user reads ("a whole number"). */
    private static Map<String, Object> param(String name, String kind, String label, boolean required, boolean clearable,
                                             String description) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("kind", kind);
        out.put("label", label);
        out.put("required", required);
        out.put("clearable", clearable);
        if (description != null) {
            out.put("description", description);
        }
        return out;
    }
}
