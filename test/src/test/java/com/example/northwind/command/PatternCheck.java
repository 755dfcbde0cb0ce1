package com.example.northwind.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Compares access patterns answered by the query API with the relational model's answers. */
final class PatternCheck {
    private final Map<String, Map<String, Object>> checks = new LinkedHashMap<>();

    static PatternCheck of() {
        return new PatternCheck();
    }

    PatternCheck and(String pattern, Object... params) {
        Map<String, Object> map = CommandTable.params(params);
        checks.put(pattern + map, map.isEmpty() ? null : map);
        return this;
    }

    /**
     * The patterns that answer with a product's listed stock, kept by the stream consumer (docs/derived-data.md): equal
     * to the model once the consumer caught up, not necessarily at once.
     */
    static final Set<String> LISTED_STOCK = Set.of("productsByCategory", "productsBySupplier", "discontinuedProducts",
            "lowStockProducts");

    /**
     * Every pattern that is exact at once is compared first, as it is; then, once the listed stock caught up (the
     * table's consumer drained, or — on a table without one — every product listed as the consumer would), the rest.
     */
    void against(RelationalNorthwind model, CommandTable table, String context) {
        checks.forEach((key, params) -> {
            if (!LISTED_STOCK.contains(pattern(key))) {
                check(model, table, context, key, params);
            }
        });
        if (checks.keySet().stream().anyMatch(k -> LISTED_STOCK.contains(pattern(k)))) {
            table.catchUpListedStock(model.table("products.csv").stream().map(r -> Long.parseLong(r.get("productID"))).toList());
            checks.forEach((key, params) -> {
                if (LISTED_STOCK.contains(pattern(key))) {
                    check(model, table, context + " (listed stock caught up)", key, params);
                }
            });
        }
    }

    private static String pattern(String key) {
        return key.substring(0, key.indexOf('{'));
    }

    private static void check(RelationalNorthwind model, CommandTable table, String context, String key, Map<String, Object> params) {
        Map<String, Object> p = params == null ? Map.of() : params;
        assertEquals(model.expected(pattern(key), p), table.query(pattern(key), p), () -> context + ": " + key);
    }
}
