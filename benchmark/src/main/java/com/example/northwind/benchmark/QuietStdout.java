package com.example.northwind.benchmark;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Replaces System.out with a stream that drops the JSON log lines of the seeder and the query handler (one per
 * call, thousands per run), so the console shows the benchmark's own progress. The handlers still format and
 * write their lines, so their logging cost stays in the measurements.
 */
final class QuietStdout extends OutputStream {
    private static final java.util.Map<String, String> LAST_BY_MESSAGE = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.regex.Pattern MESSAGE = java.util.regex.Pattern.compile("\"message\":\"([^\"]*)\"");
    private final PrintStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private QuietStdout(PrintStream target) {
        this.target = target;
    }

    static void install() {
        System.setOut(new PrintStream(new QuietStdout(System.out), true, StandardCharsets.UTF_8));
    }

    /** The last dropped log line with this message (e.g. the seeder's "written"), or null. */
    static String lastLogLine(String message) {
        return LAST_BY_MESSAGE.get(message);
    }

    /** A numeric field of the last log line with this message, or NaN. */
    static double lastLogNumber(String message, String field) {
        String line = lastLogLine(message);
        if (line == null) {
            return Double.NaN;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + field + "\":([0-9.]+)").matcher(line);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    @Override
    public synchronized void write(int b) {
        line.write(b);
        if (b == '\n') {
            flushLine();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    private void flushLine() {
        String s = line.toString(StandardCharsets.UTF_8);
        line.reset();
        // Powertools' JSON lines (timestamp first in older versions, level first now).
        if (s.startsWith("{\"timestamp\"") || s.startsWith("{\"level\"")) {
            java.util.regex.Matcher m = MESSAGE.matcher(s);
            if (m.find()) {
                LAST_BY_MESSAGE.put(m.group(1), s);
            }
        } else {
            target.print(s);
            target.flush();
        }
    }
}
