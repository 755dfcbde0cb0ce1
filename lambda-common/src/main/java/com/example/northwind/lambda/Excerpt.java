package com.example.northwind.lambda;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** A value as it appears in error messages: JSON-like (strings quoted), cut to {@value #LENGTH} characters. */
public final class Excerpt {
    /** Characters of a value shown in a message; the rest is replaced by "...". */
    public static final int LENGTH = 40;

    private Excerpt() {
    }

    /**
     * Written piece by piece and stopped as soon as the excerpt is full, so time and memory are bounded by the
     * excerpt, not by the value: turning a 6 MB string wrapped in a thousand nested arrays into text first (as
     * {@code String.valueOf} does, once per level) costs seconds and gigabytes.
     */
    public static String show(Object value) {
        StringBuilder out = new StringBuilder(LENGTH + 8);
        boolean complete = append(out, value);
        if (!complete || out.length() > LENGTH) {
            out.setLength(Math.min(out.length(), LENGTH));
            out.append("...");
        }
        return out.toString();
    }

    /** Appends {@code value}; false once the excerpt is full (the caller stops, nothing more is read). */
    private static boolean append(StringBuilder out, Object value) {
        if (out.length() > LENGTH) {
            return false;
        }
        if (value instanceof String s) {
            out.append('"');
            int room = LENGTH + 1 - out.length();
            if (s.length() > room) {
                out.append(s, 0, Math.max(0, room));
                return false;
            }
            out.append(s).append('"');
        } else if (value instanceof List<?> list) {
            out.append('[');
            Iterator<?> items = list.iterator();
            while (items.hasNext()) {
                if (!append(out, items.next())) {
                    return false;
                }
                if (items.hasNext()) {
                    out.append(", ");
                }
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<?, ?> entry = entries.next();
                if (!append(out, String.valueOf(entry.getKey())) || out.length() > LENGTH) {
                    return false;
                }
                out.append(": ");
                if (!append(out, entry.getValue())) {
                    return false;
                }
                if (entries.hasNext()) {
                    out.append(", ");
                }
            }
            out.append('}');
        } else {
            // null, booleans and numbers: short, except a number written with thousands of digits
            String text = String.valueOf(value);
            int room = LENGTH + 1 - out.length();
            if (text.length() > room) {
                out.append(text, 0, Math.max(0, room));
                return false;
            }
            out.append(text);
        }
        return out.length() <= LENGTH;
    }
}
