package com.example.northwind.model;

import java.util.Map;

/** When an item shape exists for a fact: always, or only when a column has (or lacks) a value — sparse items. */
public record Presence(Kind kind, String column) {
    public enum Kind { ALWAYS, WHEN_PRESENT, WHEN_ABSENT }

    public static final Presence ALWAYS = new Presence(Kind.ALWAYS, null);

    public static Presence whenPresent(String column) {
        return new Presence(Kind.WHEN_PRESENT, column);
    }

    public static Presence whenAbsent(String column) {
        return new Presence(Kind.WHEN_ABSENT, column);
    }

    public boolean test(Map<String, ?> fact) {
        return switch (kind) {
            case ALWAYS -> true;
            case WHEN_PRESENT -> fact.get(column) != null;
            case WHEN_ABSENT -> fact.get(column) == null;
        };
    }

    public String describe() {
        return switch (kind) {
            case ALWAYS -> "always";
            case WHEN_PRESENT -> "only when " + column + " is set";
            case WHEN_ABSENT -> "only when " + column + " is absent";
        };
    }
}
