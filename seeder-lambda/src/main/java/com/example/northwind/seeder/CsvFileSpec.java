package com.example.northwind.seeder;

import com.example.northwind.schema.EntityType;
import java.util.List;

/**
 * What one Northwind CSV must look like: its exact header, the columns that form its primary key, and the
 * references from its columns to other files' keys (checked before anything is written).
 */
public record CsvFileSpec(String fileName, EntityType entity, List<Column> columns, List<String> keyColumns, List<Reference> references) {
    /** Columns of this file whose values must be a key of {@code targetFile}; absent values are not checked. */
    public record Reference(List<String> columns, String targetFile) {
    }

    public Column column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(fileName + " has no column " + name));
    }

    public List<String> header() {
        return columns.stream().map(Column::name).toList();
    }
}
