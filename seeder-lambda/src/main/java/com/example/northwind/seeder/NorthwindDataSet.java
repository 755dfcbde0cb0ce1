package com.example.northwind.seeder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every row of every Northwind CSV, parsed and validated as a whole: field counts, types, required values,
 * unique primary keys and references between files. Loading either succeeds completely or throws a
 * {@link SeedDataException} naming the file and line, so a bad file can never cause a half-written table.
 */
public final class NorthwindDataSet {
    private final Map<String, List<Row>> rowsByFile;
    private final Map<String, Map<String, Row>> rowsByKey;

    private NorthwindDataSet(Map<String, List<Row>> rowsByFile, Map<String, Map<String, Row>> rowsByKey) {
        this.rowsByFile = rowsByFile;
        this.rowsByKey = rowsByKey;
    }

    /** Reads and validates the eleven CSVs of {@code dir}. */
    public static NorthwindDataSet load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new SeedDataException("Northwind data folder not found: " + dir);
        }
        for (CsvFileSpec spec : NorthwindFiles.ALL) {
            if (!Files.isRegularFile(dir.resolve(spec.fileName()))) {
                throw new SeedDataException(spec.fileName() + ": file not found in data folder " + dir);
            }
        }
        Map<String, List<Row>> rowsByFile = new LinkedHashMap<>();
        Map<String, Map<String, Row>> rowsByKey = new HashMap<>();
        for (CsvFileSpec spec : NorthwindFiles.ALL) {
            List<Row> rows = parseFile(spec, CsvReader.read(dir.resolve(spec.fileName())));
            Plausibility.checkNotEmpty(spec, rows);
            Map<String, Row> byKey = new HashMap<>();
            for (Row row : rows) {
                Row previous = byKey.putIfAbsent(row.key(), row);
                if (previous != null) {
                    throw SeedDataException.at(spec.fileName(), row.line(), "duplicate primary key "
                            + describeKey(spec, row) + " (first seen on line " + previous.line() + ")");
                }
            }
            rowsByFile.put(spec.fileName(), Collections.unmodifiableList(rows));
            rowsByKey.put(spec.fileName(), byKey);
        }
        NorthwindDataSet data = new NorthwindDataSet(rowsByFile, rowsByKey);
        data.checkReferences();
        Plausibility.checkRows(NorthwindFiles.ALL, rowsByFile);
        return data;
    }

    /** Turns records into rows, checking the header, field counts, types and required values. */
    static List<Row> parseFile(CsvFileSpec spec, List<CsvReader.Record> records) {
        String file = spec.fileName();
        if (records.isEmpty()) {
            throw SeedDataException.at(file, 1, "the file is empty (expected the header " + String.join(",", spec.header()) + ")");
        }
        CsvReader.Record header = records.get(0);
        if (!header.fields().equals(spec.header())) {
            throw SeedDataException.at(file, header.line(), "unexpected header " + String.join(",", header.fields())
                    + " (expected " + String.join(",", spec.header()) + ")");
        }
        List<Column> columns = spec.columns();
        List<Row> rows = new ArrayList<>(records.size() - 1);
        StringBuilder problem = new StringBuilder();
        for (CsvReader.Record record : records.subList(1, records.size())) {
            if (record.fields().size() != columns.size()) {
                throw SeedDataException.at(file, record.line(), "expected " + columns.size() + " fields but found "
                        + record.fields().size());
            }
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                Column column = columns.get(i);
                String raw = record.fields().get(i);
                Plausibility.checkText(file, record.line(), column.name(), raw);
                if (raw.isEmpty()) {
                    if (column.required()) {
                        throw SeedDataException.at(file, record.line(), column.name() + " is required but empty");
                    }
                    continue;
                }
                String value = column.type().canonical(column.name(), raw, problem);
                if (value == null) {
                    throw SeedDataException.at(file, record.line(), problem.toString());
                }
                values.put(column.name(), value);
            }
            rows.add(new Row(spec, record.line(), Collections.unmodifiableMap(values)));
        }
        return rows;
    }

    private void checkReferences() {
        for (CsvFileSpec spec : NorthwindFiles.ALL) {
            for (CsvFileSpec.Reference ref : spec.references()) {
                Map<String, Row> targets = rowsByKey.get(ref.targetFile());
                for (Row row : rowsByFile.get(spec.fileName())) {
                    List<String> values = ref.columns().stream().map(row::get).toList();
                    if (values.contains(null)) {
                        continue; // optional reference not set (checked as required elsewhere when it must be)
                    }
                    if (!targets.containsKey(Row.keyOf(values))) {
                        throw SeedDataException.at(spec.fileName(), row.line(), String.join(",", ref.columns())
                                + " " + String.join(",", values) + " does not exist in " + ref.targetFile());
                    }
                }
            }
        }
    }

    private static String describeKey(CsvFileSpec spec, Row row) {
        List<String> parts = new ArrayList<>();
        for (String column : spec.keyColumns()) {
            parts.add(column + "=" + row.get(column));
        }
        return String.join(", ", parts);
    }

    public List<Row> rows(String fileName) {
        return rowsByFile.get(fileName);
    }

    /** The row of {@code fileName} with this single-column key (references are validated, so it exists). */
    public Row row(String fileName, String key) {
        return rowsByKey.get(fileName).get(key);
    }

    /** Rows per file name, for the log. */
    public Map<String, Integer> rowCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        rowsByFile.forEach((file, rows) -> counts.put(file, rows.size()));
        return counts;
    }
}
