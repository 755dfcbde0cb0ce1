package com.example.northwind.local.design;

import com.example.northwind.schema.NorthwindData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the design files drawn from the item model and a real sample of the data: the NoSQL Workbench model and
 * the table picture ({@code ./generate-docs.sh}). A test regenerates them and fails when a committed file differs.
 */
public final class DesignDocs {
    public static final String WORKBENCH = "docs/northwind.workbench.json";
    public static final String TABLE_LAYOUT = "docs/table-layout.svg";

    private DesignDocs() {
    }

    /** Each generated file (path relative to the project root) with its content. */
    public static Map<String, String> files(DesignSample sample) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(WORKBENCH, WorkbenchModel.render(sample));
        files.put(TABLE_LAYOUT, TableLayoutSvg.render(sample));
        return files;
    }

    /** Arguments: the project root (default "."), the data folder (default: where the app finds it). */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        Path data = args.length > 1 ? Path.of(args[1]) : NorthwindData.locate();
        for (Map.Entry<String, String> file : files(DesignSample.load(data)).entrySet()) {
            Path path = root.resolve(file.getKey());
            String before = Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "";
            if (before.equals(file.getValue())) {
                System.out.println("up to date  " + path);
            } else {
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
                System.out.println("regenerated " + path);
            }
        }
    }
}
