package com.example.northwind.local;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints a query answer for people: its items as a text table, one column per attribute (in first-seen
 * order, key attributes first), long values shortened, and the answer's other fields (counts, next page
 * token, error) as lines below.
 */
public final class QueryTablePrinter {
    private static final int MAX_WIDTH = 40;
    private static final List<String> FIRST = List.of("pk", "sk", "data", "type");

    private QueryTablePrinter() {
    }

    @SuppressWarnings("unchecked")
    public static void print(Map<String, Object> answer, PrintStream out) {
        List<Map<String, Object>> items = new ArrayList<>();
        Map<String, Object> rest = new java.util.LinkedHashMap<>();
        answer.forEach((key, value) -> {
            if (value instanceof List<?> list && list.stream().allMatch(v -> v instanceof Map<?, ?>) && !list.isEmpty()) {
                list.forEach(v -> items.add((Map<String, Object>) v));
            } else if (value instanceof Map<?, ?> map && ("item".equals(key) || "Item".equals(key))) {
                items.add((Map<String, Object>) map);
            } else {
                rest.put(key, value);
            }
        });
        if (items.isEmpty()) {
            out.println("(no items)");
        } else {
            table(items, out);
        }
        rest.forEach((key, value) -> {
            if (value instanceof Map<?, ?> map) {
                StringBuilder line = new StringBuilder(key).append(':');
                map.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
                out.println(line);
            } else if (value != null) {
                out.println(key + ": " + value);
            }
        });
    }

    static void table(List<Map<String, Object>> items, PrintStream out) {
        Set<String> columns = new LinkedHashSet<>();
        FIRST.forEach(c -> {
            if (items.stream().anyMatch(i -> i.containsKey(c))) {
                columns.add(c);
            }
        });
        items.forEach(i -> columns.addAll(i.keySet()));
        List<String> names = new ArrayList<>(columns);
        int[] widths = new int[names.size()];
        for (int c = 0; c < names.size(); c++) {
            widths[c] = names.get(c).length();
            for (Map<String, Object> item : items) {
                widths[c] = Math.max(widths[c], cell(item.get(names.get(c))).length());
            }
        }
        StringBuilder rule = new StringBuilder();
        for (int width : widths) {
            rule.append('+').append("-".repeat(width + 2));
        }
        rule.append('+');
        out.println(rule);
        out.println(row(names.stream().map(n -> (Object) n).toList(), widths));
        out.println(rule);
        for (Map<String, Object> item : items) {
            out.println(row(names.stream().map(item::get).toList(), widths));
        }
        out.println(rule);
        out.println(items.size() + (items.size() == 1 ? " item" : " items"));
    }

    private static String row(List<Object> values, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            String text = cell(values.get(c));
            line.append("| ").append(text).append(" ".repeat(widths[c] - text.length() + 1));
        }
        return line.append('|').toString();
    }

    private static String cell(Object value) {
        String text = value == null ? "" : String.valueOf(value).replace('\n', ' ').replace('\r', ' ');
        return text.length() > MAX_WIDTH ? text.substring(0, MAX_WIDTH - 1) + "…" : text;
    }
}
