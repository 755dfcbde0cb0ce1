package com.example.northwind.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

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

    void against(RelationalNorthwind model, CommandTable table, String context) {
        checks.forEach((key, params) -> {
            String pattern = key.substring(0, key.indexOf('{'));
            Map<String, Object> p = params == null ? Map.of() : params;
            assertEquals(model.expected(pattern, p), table.query(pattern, p), () -> context + ": " + key);
        });
    }
}
