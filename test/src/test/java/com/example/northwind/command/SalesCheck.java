package com.example.northwind.command;

import static com.example.northwind.command.CommandTable.params;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** The derived sales patterns compared with the relational model: every product, an unknown one, and days in ranges. */
final class SalesCheck {
    private SalesCheck() {
    }

    static void matches(RelationalNorthwind model, CommandTable table, String when) {
        matches(model, table::query, when);
    }

    /** With any way of asking the query API (a pattern and its params → every item, all pages). */
    static void matches(RelationalNorthwind model, BiFunction<String, Map<String, Object>, List<Map<String, Object>>> table,
                        String when) {
        for (long id = 1; id <= 77; id++) {
            Map<String, Object> p = params("productId", id);
            assertEquals(model.expected("productSales", p), table.apply("productSales", p), when + ": productSales " + id);
        }
        assertEquals(List.of(), table.apply("productSales", params("productId", 99999)), when + ": an unknown product");
        for (Map<String, Object> p : List.of(params(), params("from", "1997-02-01", "to", "1997-03-15"),
                params("from", "1998-04-01"), params("to", "1996-08-31"), params("from", "2026-01-01", "to", "2026-12-31"))) {
            assertEquals(model.expected("salesByDay", p), table.apply("salesByDay", p), when + ": salesByDay " + p);
        }
    }
}
