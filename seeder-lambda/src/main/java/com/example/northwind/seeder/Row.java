package com.example.northwind.seeder;

import java.util.Map;

/** One validated CSV row: canonical values by column name (absent = NULL), and where it came from. */
public record Row(CsvFileSpec spec, int line, Map<String, String> values) {
    public String get(String column) {
        return values.get(column);
    }

    public boolean has(String column) {
        return values.containsKey(column);
    }

    public long getLong(String column) {
        return Long.parseLong(values.get(column));
    }

    /** The primary key as one string (components joined by NUL, which no CSV value holds). */
    public String key() {
        return keyOf(spec.keyColumns().stream().map(values::get).toList());
    }

    static String keyOf(java.util.List<String> components) {
        return String.join("\u0000", components);
    }
}
