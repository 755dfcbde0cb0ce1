package com.example.northwind.model;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * JSON text of plain Java values (maps, lists, strings, numbers, booleans, null) for generated files, without a
 * JSON library (this module has none). The output is the same on every run: a map with an order of its own (a
 * {@link LinkedHashMap} or a sorted map) keeps it, any other map is written sorted by key.
 */
public final class JsonText {
    private JsonText() {
    }

    /** On one line: {@code {"orderId":11077}}. */
    public static String compact(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, -1, 0);
        return out.toString();
    }

    /** Indented by two spaces per level, a newline at the end (as a committed file). */
    public static String pretty(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 2, 0);
        return out.append('\n').toString();
    }

    private static void write(Object value, StringBuilder out, int indent, int depth) {
        if (value == null || value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof BigDecimal d) {
            out.append(d.toPlainString());
        } else if (value instanceof Double || value instanceof Float) {
            out.append(BigDecimal.valueOf(((Number) value).doubleValue()).toPlainString());
        } else if (value instanceof Number n) {
            out.append(n);
        } else if (value instanceof Map<?, ?> map) {
            Map<?, ?> ordered = map instanceof LinkedHashMap<?, ?> || map instanceof SortedMap<?, ?> ? map : new TreeMap<>(map);
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ordered.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                newline(out, indent, depth + 1);
                string(String.valueOf(e.getKey()), out);
                out.append(indent < 0 ? ":" : ": ");
                write(e.getValue(), out, indent, depth + 1);
            }
            if (!first) {
                newline(out, indent, depth);
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                out.append(first ? "" : ",");
                first = false;
                newline(out, indent, depth + 1);
                write(item, out, indent, depth + 1);
            }
            if (!first) {
                newline(out, indent, depth);
            }
            out.append(']');
        } else {
            string(String.valueOf(value), out);
        }
    }

    private static void newline(StringBuilder out, int indent, int depth) {
        if (indent >= 0) {
            out.append('\n').append(" ".repeat(indent * depth));
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
