package com.example.northwind.model;

/**
 * A parameter of a command (the write side): its name, kind, whether it must be given, and whether JSON
 * {@code null} is accepted (it clears an optional field of an update).
 */
public record CommandParam(String name, Kind kind, boolean required, boolean clearable, String description) {
    /** The kinds of value a command parameter takes. */
    public enum Kind {
        /** A numeric id (JSON number or numeric string), 0 to 9999999999. */
        NUMERIC_ID(new ValueText("a whole number", "N")),
        /** A string id or free text, 1 to 200 characters. */
        TEXT(new ValueText("text", "TEXT")),
        /** YYYY-MM-DD, a real calendar date. */
        DATE(new ValueText("a date YYYY-MM-DD", "YYYY-MM-DD")),
        /** A whole number (ranges are checked per command). */
        INTEGER(new ValueText("a whole number", "N")),
        /** A decimal number (ranges are checked per command). */
        DECIMAL(new ValueText("a decimal number", "X.XX")),
        /** true or false. */
        BOOLEAN(new ValueText("true or false", "true|false")),
        /** placeOrder's lines: 1 to 25 objects {productId, quantity, discount?}, each product once. */
        ORDER_LINES(new ValueText("order lines productId:quantity[:discount], e.g. 11:2 72:1", "P:Q[:D]"));

        private final ValueText text;

        Kind(ValueText text) {
            this.text = text;
        }

        /** What a user reads for it: a label for forms and help, a placeholder for usage lines. */
        public ValueText text() {
            return text;
        }
    }

    public static CommandParam required(String name, Kind kind, String description) {
        return new CommandParam(name, kind, true, false, description);
    }

    public static CommandParam optional(String name, Kind kind, String description) {
        return new CommandParam(name, kind, false, false, description);
    }

    /** Optional; {@code null} clears the field. */
    public static CommandParam clearable(String name, Kind kind, String description) {
        return new CommandParam(name, kind, false, true, description);
    }

    @Override
    public String toString() {
        return required ? name : name + "?";
    }
}
