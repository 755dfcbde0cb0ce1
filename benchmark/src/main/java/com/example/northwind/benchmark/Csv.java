package com.example.northwind.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Minimal RFC 4180 reading and writing for the generator. Kept here rather than borrowed from the seeder, so
 * the generator's output is checked by the seeder's own parser, not produced by it.
 */
final class Csv {
    /** A parsed file: the header and the records (empty string = NULL), in file order. */
    record Table(List<String> header, List<List<String>> rows) {
        int column(String name) {
            int i = header.indexOf(name);
            if (i < 0) {
                throw new IllegalStateException("no column '" + name + "' in header " + header);
            }
            return i;
        }
    }

    private Csv() {
    }

    static Table read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        List<List<String>> records = parse(text);
        if (records.isEmpty()) {
            throw new IllegalStateException(file + " is empty");
        }
        return new Table(records.get(0), new ArrayList<>(records.subList(1, records.size())));
    }

    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || field.length() > 0) {
                    fields.add(field.toString());
                    records.add(fields);
                }
                fields = new ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                field.append(c);
                any = true;
            }
        }
        if (any || field.length() > 0) {
            fields.add(field.toString());
            records.add(fields);
        }
        return records;
    }

    /** Appends one record, quoting a field only when it holds a comma, a quote or a line break. */
    static void appendRecord(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String f = fields.get(i);
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                out.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                out.append(f);
            }
        }
        out.append('\n');
    }
}
