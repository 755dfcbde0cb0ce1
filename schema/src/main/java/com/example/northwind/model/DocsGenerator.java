package com.example.northwind.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Rewrites what is generated from the item model ({@code ./generate-docs.sh}): the tables inside hand-written pages
 * (between their markers) and the files that are generated whole (the pattern and command lists of the local run's
 * help, the HTTP API's OpenAPI document).
 */
public final class DocsGenerator {
    private DocsGenerator() {
    }

    /** The generated files relative to the project root, each with its blocks. */
    public static Map<String, List<ModelDocs.Block>> files() {
        return Map.of("docs/key-design.md", ModelDocs.keyDesignBlocks(), "docs/query-api.md", ModelDocs.queryApiBlocks(),
                "docs/command-api.md", ModelDocs.commandApiBlocks());
    }

    /** The files generated whole, relative to the project root, each with its content. */
    public static Map<String, String> wholeFiles() {
        return Map.of(UsageLists.PATTERNS_FILE, UsageLists.patterns(), UsageLists.COMMANDS_FILE, UsageLists.commands(),
                OpenApiDocument.FILE, OpenApiDocument.json());
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        for (Map.Entry<String, List<ModelDocs.Block>> file : files().entrySet()) {
            Path path = root.resolve(file.getKey());
            String before = Files.readString(path, StandardCharsets.UTF_8);
            write(path, before, ModelDocs.apply(before, file.getValue()));
        }
        for (Map.Entry<String, String> file : wholeFiles().entrySet()) {
            Path path = root.resolve(file.getKey());
            write(path, Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : null, file.getValue());
        }
    }

    private static void write(Path path, String before, String after) throws IOException {
        if (!after.equals(before)) {
            Files.writeString(path, after, StandardCharsets.UTF_8);
            System.out.println("regenerated " + path);
        } else {
            System.out.println("up to date  " + path);
        }
    }
}
