package com.example.northwind.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The seeder's peak live heap per scale factor: each seed runs in a child JVM sized like a 1,024 MB Lambda
 * ({@value #HEAP}, serial collector, as Lambda picks for a small heap) against DynamoDB Local, measured by
 * {@link SeedMemoryMain}. A seed that does not fit ends in an OutOfMemoryError, reported as such.
 */
final class SeedMemoryBenchmark {
    /** What the Java runtime of a 1,024 MB Lambda gets as maximum heap (about 85 % of the memory). */
    static final String HEAP = "-Xmx870m";
    static final List<String> JVM = List.of(HEAP, "-XX:+UseSerialGC");

    private SeedMemoryBenchmark() {
    }

    static Map<String, Object> run(DynamoDbClient dynamo, Map<Integer, Path> dirs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jvm", String.join(" ", JVM));
        m.put("method", "child JVM per seed against DynamoDB Local; peak live heap = max heap used right after a forced"
                + " full GC (System.gc() under the serial collector), sampled every " + SeedMemoryMain.SAMPLE_MILLIS
                + " ms during the seed (a sample may include objects allocated by the writer threads since that GC);"
                + " maxHeapAfterAnyGcMiB = max heap in use at the end of any collection, forced or not, from the"
                + " collector's own notifications");
        URI endpoint = Dynamo.endpointOf(dynamo);
        dirs.forEach((k, dir) -> {
            String table = BenchmarkMain.table(k) + "-memory";
            Dynamo.createTable(dynamo, table);
            try {
                m.put("k" + k, measure(endpoint, table, dir));
            } finally {
                Dynamo.deleteTable(dynamo, table);
            }
            Map<?, ?> r = (Map<?, ?>) m.get("k" + k);
            System.out.printf("  memory k=%d: %s, items %s, peak live heap %s MiB, max heap after any GC %s MiB (%s)%n", k,
                    r.get("outcome"), r.get("items"), r.get("peakLiveHeapMiB"), r.get("maxHeapAfterAnyGcMiB"), String.join(" ", JVM));
        });
        return m;
    }

    private static Map<String, Object> measure(URI endpoint, String table, Path dir) {
        List<String> cmd = new ArrayList<>(List.of(DynamoServerProcess.javaBinary()));
        cmd.addAll(JVM);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SeedMemoryMain.class.getName(),
                endpoint.toString(), table, dir.toString()));
        Map<String, Object> r = new LinkedHashMap<>();
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String result = null;
            boolean oom = false;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("RESULT ")) {
                        result = line;
                    }
                    oom |= line.contains("OutOfMemoryError");
                }
            }
            int exit = p.waitFor();
            if (result == null) {
                r.put("outcome", oom ? "OutOfMemoryError" : "failed (exit " + exit + ")");
                return r;
            }
            String[] f = result.split(" ");
            r.put("outcome", "completed");
            r.put("items", Integer.parseInt(f[1]));
            r.put("peakLiveHeapMiB", Stats.round(Long.parseLong(f[2]) / 1048576.0, 1));
            r.put("maxHeapAfterAnyGcMiB", Stats.round(Long.parseLong(f[3]) / 1048576.0, 1));
            r.put("fullGcSamples", Long.parseLong(f[4]));
            r.put("elapsedSeconds", Stats.round(Long.parseLong(f[5]) / 1000.0, 1));
            return r;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run the seed memory child JVM: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while measuring seed memory", e);
        }
    }
}
