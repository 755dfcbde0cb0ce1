package com.example.northwind.seeder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.testsupport.NorthwindCsv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeder's memory does not grow with the data: the real data (k = 1, 5,256 items) and ten times as much
 * (k = 10, ~49k items) both seed in a child JVM whose heap is capped at {@value #HEAP}. Reading everything into
 * memory, as the seeder once did, needs well over 100 MiB of live heap at k = 10 and ends in an OutOfMemoryError
 * there. A hard cap, not a timing or a sampled figure, so the test cannot flake: either the seed fits or the JVM
 * dies.
 */
class SeedMemoryTest {
    static final String HEAP = "-Xmx64m";

    @Test
    void seedsTheRealData_andTenTimesAsMuch_inTheSameSmallHeap(@TempDir Path tmp) throws Exception {
        for (int k : new int[] {1, 10}) {
            Path dir = Files.createDirectories(tmp.resolve("k" + k));
            int rows = scaled(k, dir);
            List<String> output = seedInChildJvm(dir);
            String ok = output.stream().filter(l -> l.startsWith("OK ")).findFirst()
                    .orElseThrow(() -> new AssertionError("k=" + k + ": the seed did not finish in " + HEAP + ":\n"
                            + String.join("\n", output.subList(Math.max(0, output.size() - 15), output.size()))));
            String[] figures = ok.split(" ");
            int items = Integer.parseInt(figures[1]);
            // every item, the order-id counter and the seed record reached BatchWriteItem, and the seed's progress
            // item was put before the first of them and deleted after the last (no checkpoint between: the probe's
            // interval is longer than its seed)
            assertEquals(items + 4, Integer.parseInt(figures[2]), ok);
            assertTrue(items > 2 * rows, "k=" + k + ": " + items + " items from " + rows + " order lines");
        }
    }

    private static List<String> seedInChildJvm(Path dir) throws IOException, InterruptedException {
        // Surefire may put only a manifest jar on java.class.path; surefire.test.class.path is the real one.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), HEAP, "-XX:+UseSerialGC", "-Xss512k",
                "-cp", classpath, SeedMemoryProbe.class.getName(), dir.toString());
        builder.redirectErrorStream(true);
        Process process = builder.start();
        List<String> lines;
        try (var reader = process.inputReader(StandardCharsets.UTF_8)) {
            lines = reader.lines().collect(Collectors.toCollection(ArrayList::new));
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return lines;
    }

    /**
     * Northwind at scale k into {@code dir}: the real files, plus k-1 copies of every customer with their orders
     * and order lines under new ids (dimension files unchanged, so every reference resolves). Returns the order
     * lines written.
     */
    static int scaled(int k, Path dir) {
        try {
            for (Path f : com.example.northwind.schema.NorthwindData.csvFiles(NorthwindCsv.dir())) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
            List<Map<String, String>> lines = NorthwindCsv.rows("order-details.csv");
            append(dir, "customers.csv", k, (row, copy) -> row.put("customerID", row.get("customerID") + copy));
            append(dir, "orders.csv", k, (row, copy) -> {
                row.put("orderID", Long.toString(Long.parseLong(row.get("orderID")) + 1000L * copy));
                row.put("customerID", row.get("customerID") + copy);
            });
            append(dir, "order-details.csv", k, (row, copy) ->
                    row.put("orderID", Long.toString(Long.parseLong(row.get("orderID")) + 1000L * copy)));
            return k * lines.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Change {
        void apply(Map<String, String> row, int copy);
    }

    private static void append(Path dir, String file, int k, Change change) throws IOException {
        Path path = dir.resolve(file);
        List<String> header = List.of(Files.readAllLines(path, StandardCharsets.UTF_8).get(0).split(","));
        StringBuilder out = new StringBuilder();
        for (int copy = 1; copy < k; copy++) {
            for (Map<String, String> real : NorthwindCsv.rows(file)) {
                Map<String, String> row = new java.util.HashMap<>(real);
                change.apply(row, copy);
                List<String> fields = new ArrayList<>();
                for (String column : header) {
                    String v = row.getOrDefault(column, "");
                    boolean quote = v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r");
                    fields.add(quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
                }
                out.append(String.join(",", fields)).append('\n');
            }
        }
        String existing = Files.readString(path, StandardCharsets.UTF_8);
        Files.writeString(path, (existing.endsWith("\n") ? existing : existing + "\n") + out, StandardCharsets.UTF_8);
    }
}
