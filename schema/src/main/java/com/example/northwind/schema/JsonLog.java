package com.example.northwind.schema;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;

/**
 * One JSON object per line on standard output, which Lambda ships to CloudWatch Logs, where Logs
 * Insights discovers the fields. Kept dependency-free on purpose: a logging framework with a JSON
 * layout would add megabytes to each Lambda jar and to its cold start for a handful of log lines.
 *
 * <p>Usage: {@code log.info("written", "items", 5333, "elapsedMs", 812)}.
 */
public final class JsonLog {
    private final String logger;
    private final PrintStream out;

    public JsonLog(String logger) {
        this(logger, System.out);
    }

    public JsonLog(String logger, PrintStream out) {
        this.logger = logger;
        this.out = out;
    }

    public void info(String message, Object... keyValues) {
        write("INFO", message, keyValues);
    }

    public void warn(String message, Object... keyValues) {
        write("WARN", message, keyValues);
    }

    public void error(String message, Object... keyValues) {
        write("ERROR", message, keyValues);
    }

    private void write(String level, String message, Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("keyValues must be pairs of key and value");
        }
        StringBuilder line = new StringBuilder(128);
        line.append("{\"timestamp\":\"").append(Instant.now()).append("\",\"level\":\"").append(level)
                .append("\",\"logger\":");
        appendString(line, logger);
        line.append(",\"message\":");
        appendString(line, message);
        for (int i = 0; i < keyValues.length; i += 2) {
            line.append(',');
            appendString(line, String.valueOf(keyValues[i]));
            line.append(':');
            appendValue(line, keyValues[i + 1]);
        }
        line.append('}');
        out.println(line);
    }

    private static void appendValue(StringBuilder line, Object value) {
        if (value == null) {
            line.append("null");
        } else if (value instanceof Number || value instanceof Boolean) {
            line.append(value);
        } else if (value instanceof Map<?, ?> map) {
            line.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    line.append(',');
                }
                first = false;
                appendString(line, String.valueOf(e.getKey()));
                line.append(':');
                appendValue(line, e.getValue());
            }
            line.append('}');
        } else {
            appendString(line, String.valueOf(value));
        }
    }

    static void appendString(StringBuilder line, String s) {
        line.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }
}
