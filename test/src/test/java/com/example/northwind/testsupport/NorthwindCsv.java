package com.example.northwind.testsupport;

import com.example.northwind.schema.NorthwindData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Northwind CSVs read independently of the code under test, for expected values.
 *
 * <p>A deliberately separate, minimal RFC 4180 reader (quoted fields, doubled quotes, line breaks inside
 * quotes). Each row is a map from header to value; an empty field (NULL) is absent from the map.
 */
public final class NorthwindCsv {
    private static final Map<String, List<Map<String, String>>> CACHE = new ConcurrentHashMap<>();

    private NorthwindCsv() {
    }

    /** The real data folder (../shared/northwind unless overridden). */
    public static Path dir() {
        return NorthwindData.locate();
    }

    /** Rows of a file of the real data, e.g. {@code rows("orders.csv")}. */
    public static List<Map<String, String>> rows(String fileName) {
        return CACHE.computeIfAbsent(fileName, f -> read(dir().resolve(f)));
    }

    /** Rows of any CSV file. */
    public static List<Map<String, String>> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<String>> records = parse(text);
        List<String> header = records.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> record : records.subList(1, records.size())) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                String value = i < record.size() ? record.get(i) : "";
                if (!value.isEmpty()) {
                    row.put(header.get(i), value);
                }
            }
            rows.add(Collections.unmodifiableMap(row));
        }
        return Collections.unmodifiableList(rows);
    }

    private static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else if (c != '\r') {
                field.append(c);
            }
        }
        if (field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
