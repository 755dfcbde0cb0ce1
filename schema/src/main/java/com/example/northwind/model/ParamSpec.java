package com.example.northwind.model;

/** A parameter of an access pattern or a command: name, kind and whether it must be given. */
public record ParamSpec(String name, Kind kind, boolean required) {
    /** The kinds of value a parameter takes (the query Lambda validates and normalises each). */
    public enum Kind {
        /** A numeric id: 0 to 9999999999. */
        NUMERIC_ID,
        /** Free text (names, countries, string ids such as customerID or territoryID). */
        TEXT,
        /** A calendar date YYYY-MM-DD. */
        DATE;

        /** What a user reads for it: shown as the command parameter kind of the same name is. */
        public ValueText text() {
            return CommandParam.Kind.valueOf(name()).text();
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
