package com.example.northwind.seeder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every row of every Northwind CSV in memory, validated as a whole (by {@link SeedSource}: field counts, types,
 * required values, unique primary keys, references between files, plausibility). For tools that look at the
 * real data set (the design sample, tests); the seeder itself streams through {@link SeedSource} and never holds
 * all rows. Loading either succeeds completely or throws a {@link SeedDataException} naming the file and line.
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
        SeedSource source = SeedSource.validate(dir);
        Map<String, List<Row>> rowsByFile = new LinkedHashMap<>();
        Map<String, Map<String, Row>> rowsByKey = new HashMap<>();
        for (CsvFileSpec spec : NorthwindFiles.ALL) {
            List<Row> rows = new ArrayList<>();
            source.forEachRow(spec.fileName(), rows::add);
            Map<String, Row> byKey = new HashMap<>();
            rows.forEach(row -> byKey.put(row.key(), row));
            rowsByFile.put(spec.fileName(), Collections.unmodifiableList(rows));
            rowsByKey.put(spec.fileName(), byKey);
        }
        return new NorthwindDataSet(rowsByFile, rowsByKey);
    }

    /** Turns records into rows, checking the header, field counts, types and required values. */
    static List<Row> parseFile(CsvFileSpec spec, List<CsvReader.Record> records) {
        RowParser parser = new RowParser(spec);
        if (records.isEmpty()) {
            throw parser.emptyFile();
        }
        parser.checkHeader(records.get(0));
        List<Row> rows = new ArrayList<>(records.size() - 1);
        for (CsvReader.Record record : records.subList(1, records.size())) {
            rows.add(parser.parse(record));
        }
        return rows;
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
