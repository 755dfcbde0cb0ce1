package com.example.northwind.seeder;

/** A CSV column: its header name, its type, and whether a row must have a value (keys and references). */
public record Column(String name, ColumnType type, boolean required) {
    static Column req(String name, ColumnType type) {
        return new Column(name, type, true);
    }

    static Column opt(String name, ColumnType type) {
        return new Column(name, type, false);
    }
}
