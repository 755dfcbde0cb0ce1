package com.example.northwind.model;

/** A parameter of an access pattern or a command: name, kind and whether it must be given. */
public record ParamSpec(String name, Kind kind, boolean required) {
    /** The kinds of value a parameter takes (the query Lambda validates and normalises each). */
    public enum Kind {
        /** A numeric id: 0 to 9999999999. */
        NUMERIC_ID("a whole number", "N"),
        /** Free text (names, countries, string ids such as customerID or territoryID). */
        TEXT("text", "TEXT"),
        /** A calendar date YYYY-MM-DD. */
        DATE("a date YYYY-MM-DD", "YYYY-MM-DD");

        private final String label;
        private final String placeholder;

        Kind(String label, String placeholder) {
            this.label = label;
            this.placeholder = placeholder;
        }

        /** What a user types, in words ("a whole number"): for forms and help, never the constant's name. */
        public String label() {
            return label;
        }

        /** The value's placeholder in a usage line ({@code --employeeId N}). */
        public String placeholder() {
            return placeholder;
        }
    }

    public static ParamSpec required(String name, Kind kind) {
        return new ParamSpec(name, kind, true);
    }

    public static ParamSpec optional(String name, Kind kind) {
        return new ParamSpec(name, kind, false);
    }

    /** As shown in messages and docs: {@code customerId} or {@code from?}. */
    @Override
    public String toString() {
        return required ? name : name + "?";
    }
}
