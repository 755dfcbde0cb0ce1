package com.example.northwind.seeder;

import java.util.Locale;

/**
 * What a seed does with a table that was seeded before. The CSVs are the table's initial state; after that, the
 * table belongs to the application (commands write to it), so a later seed must not revert or erase those writes.
 */
public enum SeedMode {
    /**
     * The default: seed a table that has never been seeded (converging a half-written first seed), and leave a
     * seeded table alone — changed CSVs do not reach it. A changed item model is refused: it needs a migration.
     */
    ONCE,
    /**
     * Make the table hold exactly the CSVs' items again, deleting what they do not produce — command writes
     * included (bookkeeping such as the order-id counter is kept). For throw-away tables only; asked for explicitly.
     */
    CONVERGE;

    /** The SeedMode property's value ("once", "converge"; absent = once). */
    public static SeedMode parse(Object value) {
        if (value == null || value.toString().isBlank()) {
            return ONCE;
        }
        try {
            return valueOf(value.toString().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SeedMode must be once or converge, was \"" + value + "\"");
        }
    }
}
