package com.example.northwind.seeder;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns CSV records of one file into rows: the header, field counts, types, required values, control characters. */
final class RowParser {
    private final CsvFileSpec spec;
    private final StringBuilder problem = new StringBuilder();

    RowParser(CsvFileSpec spec) {
        this.spec = spec;
    }

    /** Throws a {@link SeedDataException} at line 1 when the header is not exactly the spec's columns. */
    void checkHeader(CsvReader.Record header) {
        if (!header.fields().equals(spec.header())) {
            throw SeedDataException.at(spec.fileName(), header.line(), "unexpected header "
                    + String.join(",", header.fields()) + " (expected " + String.join(",", spec.header()) + ")");
        }
    }

    /** The message for a file without even a header line. */
    SeedDataException emptyFile() {
        return SeedDataException.at(spec.fileName(), 1, "the file is empty (expected the header "
                + String.join(",", spec.header()) + ")");
    }

    /** One data record as a row, or a {@link SeedDataException} naming its file and line. */
    Row parse(CsvReader.Record record) {
        String file = spec.fileName();
        List<Column> columns = spec.columns();
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
            problem.setLength(0);
            String value = column.type().canonical(column.name(), raw, problem);
            if (value == null) {
                throw SeedDataException.at(file, record.line(), problem.toString());
            }
            values.put(column.name(), value);
        }
        return new Row(spec, record.line(), Collections.unmodifiableMap(values));
    }
}
