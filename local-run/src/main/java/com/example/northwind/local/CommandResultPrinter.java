package com.example.northwind.local;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Prints a command's answer for people: the command's name, then its result — an entity as indented
 * {@code field: value} lines, a list of entities (placeOrder's lines) as a text table, anything else as
 * {@code key: value} — and its stats on one line.
 */
public final class CommandResultPrinter {
    private CommandResultPrinter() {
    }

    @SuppressWarnings("unchecked")
    public static void print(Map<String, Object> answer, PrintStream out) {
        out.println("command: " + answer.get("command"));
        if (answer.get("result") instanceof Map<?, ?> result) {
            result.forEach((key, value) -> {
                if (value instanceof Map<?, ?> entity) {
                    out.println(key + ":");
                    entity.forEach((field, v) -> out.println("  " + field + ": " + v));
                } else if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(v -> v instanceof Map<?, ?>)) {
                    out.println(key + ":");
                    QueryTablePrinter.table(list.stream().map(v -> (Map<String, Object>) v).toList(), out);
                } else {
                    out.println(key + ": " + value);
                }
            });
        } else if (answer.get("result") != null) {
            out.println("result: " + answer.get("result"));
        }
        answer.forEach((key, value) -> {
            if (!key.equals("command") && !key.equals("result") && value != null) {
                if (value instanceof Map<?, ?> map) {
                    StringBuilder line = new StringBuilder(key).append(':');
                    map.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
                    out.println(line);
                } else {
                    out.println(key + ": " + value);
                }
            }
        });
    }
}
