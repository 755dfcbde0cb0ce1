package com.example.northwind.model;

/** A column of a Northwind entity: its name (as in the CSV header and in items), its type, and whether it must have a value. */
public record Column(String name, ValueType type, boolean required) {
    static Column req(String name, ValueType type) {
        return new Column(name, type, true);
    }

    static Column opt(String name, ValueType type) {
        return new Column(name, type, false);
    }
}
