package com.example.northwind.benchmark;

import com.example.northwind.schema.NorthwindData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The benchmark: generates data at each scale factor, seeds it (concurrent and naive), measures every query
 * pattern at the smallest and largest scale, measures cold starts, and writes BENCHMARKS.md and
 * benchmark-results.json. A benchmark, not a test: it fails only when it cannot run.
 *
 * <p>Options (all optional): {@code --scales 1,10,100 --iterations 200 --cold-runs 7 --naive-budget-seconds 300
 * --injected-latency-ms 10 --seed 42 --out <folder>}; system properties {@code bench.queryJar}, {@code bench.seederJar},
 * {@code bench.floorJar}, {@code bench.launcherJar}, {@code sqlite4java.library.path}. {@code --render <results.json>}
 * only re-renders BENCHMARKS.md (beside the JSON) from earlier results, with the current benchmark/reading.md.
 * {@code --only lambdaEndpoint} runs only the local Lambda API section (about a minute), puts its figures into the
 * existing benchmark-results.json and re-renders BENCHMARKS.md; {@code --endpoint-requests N} sets its timed calls
 * per run (default 3000). {@code --only commands} does the same for the command section (a few minutes):
 * {@code --command-iterations N} timed calls per command (default 300), {@code --command-calls-per-client N} per client
 * of the 8-client runs (default 100). {@code --only partitionHeat} runs only the partition-heat simulation, the storage
 * and read-unit checks on DynamoDB Local and the cost estimate (sections partitionHeat, storage, cost), merged the
 * same way. {@code --only streams} runs only the stream consumer section (the real data and the
 * {@code --streams-scale} data, off by default, seeded through the consumer; lag, cost per 1,000 orders, the heat model). {@code --only queries} runs only the query section (generates and seeds the smallest and largest scale, then
 * every pattern on both, a few minutes at k=100) and merges it the same way. {@code --only seeding} runs only data generation and the
 * seeding section (throughput and
 * the seeder's memory, about 8 minutes) and merges it the same way.
 */
public final class BenchmarkMain {
    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--render")) {
            // Re-render BENCHMARKS.md from a results file, e.g. after writing benchmark/reading.md for its numbers.
            Path json = Path.of(args[1]).toAbsolutePath();
            Map<String, Object> results = com.fasterxml.jackson.jr.ob.JSON.std.mapFrom(Files.readString(json));
            Path md = json.resolveSibling("BENCHMARKS.md");
            Report.writeMarkdown(results, md, Path.of("benchmark", "reading.md").toAbsolutePath());
            System.out.println("Rendered " + md + " from " + json);
            return;
        }
        Options o = Options.parse(args);
        QuietStdout.install();
        if (o.only != null) {
            // One section, merged into the results of the last full run (--only).
            switch (o.only) {
                case "lambdaEndpoint" -> onlyLambdaEndpoint(o);
                case "commands" -> onlyCommands(o);
                case "partitionHeat" -> onlyPartitionHeat(o);
                case "coldStart" -> onlyColdStart(o);
                case "seeding" -> onlySeeding(o);
                case "streams" -> onlyStreams(o);
                case "queries" -> onlyQueries(o);
                default -> throw new IllegalArgumentException("no section " + o.only);
            }
            return;
        }
        long started = System.nanoTime();
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("startedAt", Instant.now().toString());
        results.put("machine", MachineInfo.describe());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("scales", o.scales);
        config.put("iterations", o.iterations);
        config.put("coldRuns", o.coldRuns);
        config.put("naiveBudgetSeconds", o.naiveBudgetSeconds);
        config.put("injectedLatencyMs", o.injectedLatencyMs);
        config.put("seed", o.seed);
        results.put("config", config);

        Path realDir = NorthwindData.locate();
        Path tmp = Files.createTempDirectory("northwind-benchmark-");
        try {
            System.out.println("Generating data in " + tmp);
            Map<Integer, Path> dirs = new LinkedHashMap<>();
            List<Map<String, Object>> generation = new ArrayList<>();
            for (int k : o.scales) {
                long t = System.nanoTime();
                Path dir = tmp.resolve("k" + k);
                Map<String, Integer> counts = NorthwindGenerator.generate(realDir, k, o.seed, dir);
                double s = (System.nanoTime() - t) / 1e9;
                dirs.put(k, dir);
                Map<String, Object> g = new LinkedHashMap<>();
                g.put("k", k);
                g.put("seconds", Stats.round(s, 2));
                g.put("rows", counts);
                generation.add(g);
                System.out.printf("  k=%d: %d customers, %d orders, %d order lines in %.2fs%n", k,
                        counts.get("customers.csv"), counts.get("orders.csv"), counts.get("order-details.csv"), s);
            }
            results.put("generation", generation);

            String nativeLibs = System.getProperty("sqlite4java.library.path");
            try (DynamoServerProcess server = DynamoServerProcess.start(nativeLibs, "8g");
                 DynamoDbClient dynamo = Dynamo.client(server.endpoint())) {
                System.out.println("DynamoDB Local (child JVM, pid " + server.pid() + ") at " + server.endpoint());
                int small = o.scales[0];
                int large = o.scales[o.scales.length - 1];

                System.out.println("Seeding (after one unreported warm-up seed of the k=" + small + " data)");
                new SeedingBenchmark(dynamo, server.pid()).run("warm-up", dirs.get(small), "bench-warmup", SeedingBenchmark.concurrent());
                Dynamo.deleteTable(dynamo, "bench-warmup");
                results.put("seeding", seeding(o, dynamo, server.pid(), dirs, small, large));

                results.putAll(queries(o, server.endpoint(), small, large));
                results.put("beginsWithControl", BeginsWithControl.run(dynamo, o.iterations));

                System.out.println("Cold starts (" + o.coldRuns + " fresh JVMs each)");
                ColdStartBenchmark cold = new ColdStartBenchmark(server.endpoint(), table(small), o.launcherJar);
                Map<String, Object> coldResults = new LinkedHashMap<>(cold.measure(List.of(
                        new ColdStartBenchmark.Subject("query", o.queryJar, QueryBenchmark.HANDLER_CLASS,
                                new ArrayList<>(QueryPatterns.events().values())),
                        new ColdStartBenchmark.Subject("floor", o.floorJar,
                                "com.example.northwind.benchmark.floor.FloorHandler", List.of("{}"))), o.coldRuns));
                coldResults.put("seederJarBytes", ColdStartBenchmark.size(o.seederJar));
                results.put("coldStart", coldResults);

                results.put("lambdaEndpoint", lambdaEndpoint(o, server.endpoint(), table(small)));
                results.put("commands", commands(o, dynamo, server.pid(), server.endpoint()));
                results.put("streams", measured(new StreamsBenchmark(server.endpoint(), dynamo).run(realDir,
                        o.streamsScale > 1 ? dirs.get(o.streamsScale) : null, o.streamsScale)));
                results.putAll(com.example.northwind.benchmark.heat.HeatBenchmark.run(dirs.get(large), realDir, dynamo,
                        "bench-heat", QueryPatterns.events(), results));
            }
        } finally {
            deleteRecursively(tmp);
        }
        double total = (System.nanoTime() - started) / 1e9;
        results.put("totalSeconds", Stats.round(total, 1));
        Path json = o.out.resolve("benchmark-results.json");
        Path md = o.out.resolve("BENCHMARKS.md");
        Report.writeJson(results, json);
        Report.writeMarkdown(results, md, Path.of("benchmark", "reading.md").toAbsolutePath());
        System.out.printf("Benchmark done in %.0f s. Results: %s and %s%n", total, md, json);
    }

    /**
     * The data generation and seeding section alone (throughput, calls, the seeder's memory), merged into the
     * results of the last full run; the other sections stay as they were.
     */
    private static void onlySeeding(Options o) throws Exception {
        Path json = o.out.resolve("benchmark-results.json");
        Map<String, Object> results = Files.isRegularFile(json)
                ? new LinkedHashMap<>(com.fasterxml.jackson.jr.ob.JSON.std.mapFrom(Files.readString(json))) : new LinkedHashMap<>();
        Path tmp = Files.createTempDirectory("northwind-benchmark-");
        try {
            Map<Integer, Path> dirs = new LinkedHashMap<>();
            List<Map<String, Object>> generation = new ArrayList<>();
            for (int k : o.scales) {
                long t = System.nanoTime();
                Path dir = tmp.resolve("k" + k);
                Map<String, Integer> counts = NorthwindGenerator.generate(NorthwindData.locate(), k, o.seed, dir);
                dirs.put(k, dir);
                Map<String, Object> g = new LinkedHashMap<>();
                g.put("k", k);
                g.put("seconds", Stats.round((System.nanoTime() - t) / 1e9, 2));
                g.put("rows", counts);
                generation.add(g);
            }
            try (DynamoServerProcess server = DynamoServerProcess.start(System.getProperty("sqlite4java.library.path"), "8g");
                 DynamoDbClient dynamo = Dynamo.client(server.endpoint())) {
                int small = o.scales[0];
                System.out.println("Seeding (after one unreported warm-up seed of the k=" + small + " data)");
                new SeedingBenchmark(dynamo, server.pid()).run("warm-up", dirs.get(small), "bench-warmup", SeedingBenchmark.concurrent());
                Dynamo.deleteTable(dynamo, "bench-warmup");
                Map<String, Object> seeding = seeding(o, dynamo, server.pid(), dirs, small, o.scales[o.scales.length - 1]);
                seeding.put("measuredAt", Instant.now().toString());
                seeding.put("machine", MachineInfo.describe());
                results.put("seeding", seeding);
                results.put("generation", generation);
            }
        } finally {
            deleteRecursively(tmp);
        }
        Path md = o.out.resolve("BENCHMARKS.md");
        Report.writeJson(results, json);
        if (results.containsKey("queries")) {
            Report.writeMarkdown(results, md, Path.of("benchmark", "reading.md").toAbsolutePath());
            System.out.println("Updated " + json + " (generation, seeding) and re-rendered " + md);
        } else {
            System.out.println("Wrote " + json + "; no full run in it, so " + md + " was left alone");
        }
    }

    /** The local Lambda API section alone, merged into the results of the last full run. */
    private static void onlyLambdaEndpoint(Options o) throws Exception {
        onlySection(o, "lambdaEndpoint", (server, dynamo, earlier) -> {
            String table = "bench-endpoint";
            System.out.println("Seeding the real Northwind data into " + table + " (DynamoDB Local, pid " + server.pid() + ")");
            new SeedingBenchmark(dynamo, server.pid()).run("k=1", NorthwindData.locate(), table, SeedingBenchmark.concurrent());
            return Map.of("lambdaEndpoint", measured(lambdaEndpoint(o, server.endpoint(), table)));
        });
    }

    /**
     * The stream consumer section alone (the real data and the k=100 data seeded through the consumer, lag, cost per
     * 1,000 orders, the heat model), merged into the results of the last full run.
     */
    private static void onlyStreams(Options o) throws Exception {
        onlySection(o, "streams", (server, dynamo, earlier) -> {
            Path tmp = Files.createTempDirectory("northwind-streams-");
            try {
                Path large = o.streamsScale > 1 ? tmp.resolve("k" + o.streamsScale) : null;
                if (large != null) {
                    NorthwindGenerator.generate(NorthwindData.locate(), o.streamsScale, o.seed, large);
                }
                System.out.println("Stream consumer (k=1" + (large != null ? " and k=" + o.streamsScale : "")
                        + " seeded through the stream, lag, 1,000 orders)");
                return Map.of("streams", measured(new StreamsBenchmark(server.endpoint(), dynamo)
                        .run(NorthwindData.locate(), large, o.streamsScale)));
            } finally {
                deleteRecursively(tmp);
            }
        });
    }

    /**
     * The query section: every pattern on the small and the large table, interleaved (tables {@link #table} of each
     * scale, seeded before). Its figures: p50/p99, items, HTTP requests per call on the wire, and the pattern's own
     * stats (requests, scannedCount per count) — the scatter-gather's cost beside the one-request patterns.
     */
    private static Map<String, Object> queries(Options o, java.net.URI endpoint, int small, int large) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        System.out.println("Queries (" + o.iterations + " timed invocations per pattern and table, interleaved)");
        Map<String, Object> queries = new LinkedHashMap<>();
        Map<String, String> events = QueryPatterns.events();
        QueryBenchmark qSmall = new QueryBenchmark(endpoint, table(small));
        QueryBenchmark qLarge = new QueryBenchmark(endpoint, table(large));
        qSmall.warmUp(events, 20);
        qLarge.warmUp(events, 20);
        Map<String, Map<String, Object>> rSmall = new LinkedHashMap<>();
        Map<String, Map<String, Object>> rLarge = new LinkedHashMap<>();
        Map<String, Map<String, Object>> samePage = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : events.entrySet()) {
            String p = e.getKey();
            List<Map<String, Object>> pair = QueryBenchmark.interleaved(p, qSmall, e.getValue(), qLarge, e.getValue(), o.iterations);
            rSmall.put(p, pair.get(0));
            rLarge.put(p, pair.get(1));
            System.out.printf("  %-24s k=%d: p50 %6.2f ms p99 %6.2f ms count %s | k=%d: p50 %6.2f ms p99 %6.2f ms count %s | http requests/call %s / %s%n",
                    p, small, pair.get(0).get("p50Ms"), pair.get(0).get("p99Ms"), pair.get(0).get("count"),
                    large, pair.get(1).get("p50Ms"), pair.get(1).get("p99Ms"), pair.get(1).get("count"),
                    pair.get(0).get("httpRequestsPerCall"), pair.get(1).get("httpRequestsPerCall"));
            int smallCount = ((Number) pair.get(0).get("count")).intValue();
            int largeCount = ((Number) pair.get(1).get("count")).intValue();
            if (smallCount > 0 && largeCount != smallCount) {
                // The large table answers a bigger page: measure again with the small table's page size, which
                // isolates the cost of table size from the cost of returning more items.
                List<Map<String, Object>> same = QueryBenchmark.interleaved(p, qSmall, e.getValue(), qLarge,
                        QueryBenchmark.withLimit(e.getValue(), smallCount), o.iterations);
                Map<String, Object> m = same.get(1);
                m.put("limit", smallCount);
                m.put("smallP50Ms", same.get(0).get("p50Ms"));
                samePage.put(p, m);
                System.out.printf("  %-24s same page (limit %d): k=%d p50 %6.2f ms | k=%d p50 %6.2f ms%n", p, smallCount,
                        small, same.get(0).get("p50Ms"), large, m.get("p50Ms"));
            }
        }
        queries.put("k" + small, rSmall);
        queries.put("k" + large, rLarge);
        queries.put("k" + large + "SamePageSize", samePage);
        out.put("queries", queries);
        out.put("queryScales", Map.of("small", small, "large", large));
        return out;
    }

    /**
     * The query section alone: generates the smallest and the largest scale's data, seeds both, measures every pattern
     * on both, and merges the figures into the results of the last full run (the other sections stay as they were).
     */
    private static void onlyQueries(Options o) throws Exception {
        onlySection(o, "queries", (server, dynamo, earlier) -> {
            Path tmp = Files.createTempDirectory("northwind-queries-");
            try {
                int small = o.scales[0];
                int large = o.scales[o.scales.length - 1];
                for (int k : new int[] {small, large}) {
                    Path dir = k == 1 ? NorthwindData.locate() : tmp.resolve("k" + k);
                    if (k != 1) {
                        NorthwindGenerator.generate(NorthwindData.locate(), k, o.seed, dir);
                    }
                    System.out.println("Seeding k=" + k + " into " + table(k));
                    new SeedingBenchmark(dynamo, server.pid()).run("k=" + k, dir, table(k), SeedingBenchmark.concurrent());
                }
                Map<String, Object> section = new LinkedHashMap<>(queries(o, server.endpoint(), small, large));
                section.put("queriesMeasuredAt", Instant.now().toString());
                return section;
            } finally {
                deleteRecursively(tmp);
            }
        });
    }

    /** The commands section alone, merged into the results of the last full run. */
    private static void onlyCommands(Options o) throws Exception {
        onlySection(o, "commands", (server, dynamo, earlier) ->
                Map.of("commands", measured(commands(o, dynamo, server.pid(), server.endpoint()))));
    }

    /**
     * The cold-start section alone (the real data seeded into a table of its own), merged into the last full run's
     * results: what a change to the Lambdas' dependencies costs at start-up, without the hour-long full run.
     */
    private static void onlyColdStart(Options o) throws Exception {
        onlySection(o, "coldStart", (server, dynamo, earlier) -> {
            String table = "bench-cold";
            new SeedingBenchmark(dynamo, server.pid()).run("k=1", NorthwindData.locate(), table, SeedingBenchmark.concurrent());
            System.out.println("Cold starts (" + o.coldRuns + " fresh JVMs each)");
            ColdStartBenchmark cold = new ColdStartBenchmark(server.endpoint(), table, o.launcherJar);
            Map<String, Object> coldResults = new LinkedHashMap<>(cold.measure(List.of(
                    new ColdStartBenchmark.Subject("query", o.queryJar, QueryBenchmark.HANDLER_CLASS,
                            new ArrayList<>(QueryPatterns.events().values())),
                    new ColdStartBenchmark.Subject("floor", o.floorJar,
                            "com.example.northwind.benchmark.floor.FloorHandler", List.of("{}"))), o.coldRuns));
            coldResults.put("seederJarBytes", ColdStartBenchmark.size(o.seederJar));
            return Map.of("coldStart", measured(coldResults));
        });
    }

    /** Every command on a table of its own seeded with the real data (see {@link CommandBenchmark}). */
    private static Map<String, Object> commands(Options o, DynamoDbClient dynamo, long serverPid, java.net.URI endpoint)
            throws InterruptedException {
        String table = "bench-commands";
        System.out.println("Commands (seeding the real Northwind data into " + table + "; " + o.commandIterations
                + " timed calls per command, " + CommandBenchmark.CLIENTS + " concurrent clients x " + o.commandCallsPerClient + ")");
        Path data = NorthwindData.locate();
        new SeedingBenchmark(dynamo, serverPid).run("k=1", data, table, SeedingBenchmark.concurrent());
        Map<String, Object> section = new CommandBenchmark(endpoint, table, data, o.commandIterations, 50,
                o.commandCallsPerClient).run();
        Dynamo.deleteTable(dynamo, table);
        return section;
    }

    /** The partition-heat, storage and cost sections alone (k=100 data generated), merged into the last full run's results. */
    /** The partition-heat, storage and cost sections alone (k=100 data generated), merged into the last full run's results. */
    @SuppressWarnings("unchecked")
    private static void onlyPartitionHeat(Options o) throws Exception {
        onlySection(o, "partitionHeat, storage, cost", (server, dynamo, earlier) -> {
            Path tmp = Files.createTempDirectory("northwind-heat-");
            try {
                Path large = tmp.resolve("k100");
                Path realDir = NorthwindData.locate();
                NorthwindGenerator.generate(realDir, 100, o.seed, large);
                Map<String, Object> sections = com.example.northwind.benchmark.heat.HeatBenchmark.run(large, realDir, dynamo,
                        "bench-heat", QueryPatterns.events(), earlier);
                measured((Map<String, Object>) sections.get("partitionHeat"));
                return sections;
            } finally {
                deleteRecursively(tmp);
            }
        });
    }

    /** One section's work on a DynamoDB Local of its own: its result maps by key. */
    @FunctionalInterface
    private interface SectionRun {
        Map<String, Object> run(DynamoServerProcess server, DynamoDbClient dynamo, Map<String, Object> earlier) throws Exception;
    }

    /**
     * Runs one section and merges what it returns into the results of the last full run, then re-renders
     * BENCHMARKS.md (only when that run's results are there: the report needs every section).
     */
    private static void onlySection(Options o, String label, SectionRun section) throws Exception {
        Path json = o.out.resolve("benchmark-results.json");
        Map<String, Object> results = Files.isRegularFile(json)
                ? new LinkedHashMap<>(com.fasterxml.jackson.jr.ob.JSON.std.mapFrom(Files.readString(json))) : new LinkedHashMap<>();
        try (DynamoServerProcess server = DynamoServerProcess.start(System.getProperty("sqlite4java.library.path"), "1g");
             DynamoDbClient dynamo = Dynamo.client(server.endpoint())) {
            results.putAll(section.run(server, dynamo, results));
        }
        Path md = o.out.resolve("BENCHMARKS.md");
        Report.writeJson(results, json);
        if (results.containsKey("seeding")) {
            Report.writeMarkdown(results, md, Path.of("benchmark", "reading.md").toAbsolutePath());
            System.out.println("Updated " + json + " (" + label + ") and re-rendered " + md);
        } else {
            System.out.println("Wrote " + json + "; no full run in it, so " + md + " was left alone");
        }
    }

    /** A section stamped with when and where it was measured. */
    private static Map<String, Object> measured(Map<String, Object> section) {
        section.put("measuredAt", Instant.now().toString());
        section.put("machine", MachineInfo.describe());
        return section;
    }

    /** Scenarios: the endpoint alone (echo), a handler that waits like one on the network, the real query handler. */
    private static Map<String, Object> lambdaEndpoint(Options o, java.net.URI dynamoEndpoint, String table) throws Exception {
        System.out.println("Local Lambda API (" + o.endpointRequests + " timed calls per run, kept-alive connections)");
        DynamoDbClient dynamo = Dynamo.client(dynamoEndpoint);
        EndpointBenchmark.Scenario query = new EndpointBenchmark.Scenario("query",
                "the query Lambda's handler (pattern employee, one GetItem) against DynamoDB Local in its own JVM",
                () -> QueryBenchmark.newHandler(dynamo, table), QueryPatterns.events().get("employee"));
        try (dynamo) {
            return new EndpointBenchmark(o.endpointRequests).run(
                    List.of(EndpointBenchmark.echo(), EndpointBenchmark.waiting(), query), new int[] {1, 8});
        }
    }

    static String table(int k) {
        return "bench-k" + k;
    }

    private static Map<String, Object> seeding(Options o, DynamoDbClient dynamo, long serverPid, Map<Integer, Path> dirs,
                                               int small, int large) {
        SeedingBenchmark sb = new SeedingBenchmark(dynamo, serverPid);
        List<Map<String, Object>> runs = new ArrayList<>();
        Map<String, Object> naiveNote = new LinkedHashMap<>();
        double lastNaiveItemsPerSecond = -1;
        double lastFastItemsPerSecond = -1;
        for (int k : o.scales) {
            Map<String, Object> fast = sb.run("k=" + k, dirs.get(k), table(k), SeedingBenchmark.concurrent());
            fast.put("k", k);
            runs.add(fast);
            int items = (Integer) fast.get("items");
            double fastRate = ((Number) fast.get("itemsPerSecond")).doubleValue();
            boolean runNaive = true;
            if (k == large && lastNaiveItemsPerSecond > 0) {
                // DynamoDB Local slows down as its table grows: scale the smaller k's naive rate by how much the
                // concurrent rate dropped between the two scales.
                double estimate = items / (lastNaiveItemsPerSecond * Math.min(1, fastRate / lastFastItemsPerSecond));
                runNaive = estimate <= o.naiveBudgetSeconds;
                naiveNote.put("k=" + k, runNaive ? "ran (estimated " + Math.round(estimate) + " s)"
                        : "skipped: estimated " + Math.round(estimate) + " s > budget " + o.naiveBudgetSeconds + " s");
            }
            if (runNaive) {
                String naiveTable = table(k) + "-naive";
                Map<String, Object> naive = sb.run("k=" + k + " naive", dirs.get(k), naiveTable, SeedingBenchmark.naive());
                naive.put("k", k);
                naive.put("naive", true);
                runs.add(naive);
                lastNaiveItemsPerSecond = ((Number) naive.get("itemsPerSecond")).doubleValue();
                lastFastItemsPerSecond = fastRate;
                Dynamo.deleteTable(dynamo, naiveTable);
            }
            if (k != small && k != large) {
                Dynamo.deleteTable(dynamo, table(k));
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runs", runs);
        m.put("naiveNotes", naiveNote);
        System.out.println("Seeder memory (child JVM per seed, " + String.join(" ", SeedMemoryBenchmark.JVM) + ")");
        m.put("memory", SeedMemoryBenchmark.run(dynamo, dirs));
        if (o.injectedLatencyMs > 0) {
            // DynamoDB Local answers a BatchWriteItem in a few milliseconds of its own CPU on this machine, so calls
            // in flight only compete for the same cores; a deployed seeder waits on a network round trip per call
            // instead. Model that wait with a fixed delay per call to show what concurrency buys there.
            int k = o.scales.length >= 3 ? o.scales[1] : small;
            List<Map<String, Object>> delayed = new ArrayList<>();
            try (DynamoDbClient slow = Dynamo.client(Dynamo.endpointOf(dynamo), Dynamo.delay(o.injectedLatencyMs))) {
                SeedingBenchmark sbSlow = new SeedingBenchmark(slow, serverPid);
                for (boolean naive : new boolean[] {false, true}) {
                    String t = table(k) + (naive ? "-naive" : "") + "-delayed";
                    Map<String, Object> r = sbSlow.run("k=" + k + (naive ? " naive" : "") + " +" + o.injectedLatencyMs + "ms", dirs.get(k), t,
                            naive ? SeedingBenchmark.naive() : SeedingBenchmark.concurrent());
                    r.put("k", k);
                    r.put("naive", naive);
                    delayed.add(r);
                    Dynamo.deleteTable(dynamo, t);
                }
            }
            m.put("injectedLatencyMs", o.injectedLatencyMs);
            m.put("delayedRuns", delayed);
        }
        return m;
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            System.err.println("Could not delete " + dir + ": " + e.getMessage());
        }
    }

    /** Command-line options with defaults. */
    static final class Options {
        int[] scales = {1, 10, 100};
        int iterations = 200;
        int coldRuns = 7;
        int naiveBudgetSeconds = 300;
        int injectedLatencyMs = 10;
        long seed = 42;
        String only;
        int endpointRequests = 3000;
        /**
         * The generated scale the streams section seeds through the consumer besides the real data; 1 = none. Off by
         * default: DynamoDB Local's stream reads slow down as a shard grows (BENCHMARKS.md section 8).
         */
        int streamsScale = 1;
        int commandIterations = 300;
        int commandCallsPerClient = 100;
        Path out = Path.of("").toAbsolutePath();
        Path queryJar = Path.of(System.getProperty("bench.queryJar", "query-lambda/target/query-lambda.jar"));
        Path seederJar = Path.of(System.getProperty("bench.seederJar", "seeder-lambda/target/seeder-lambda.jar"));
        Path floorJar = Path.of(System.getProperty("bench.floorJar", "benchmark/target/floor-lambda.jar"));
        Path launcherJar = Path.of(System.getProperty("bench.launcherJar",
                "benchmark/target/benchmark-1.0.0-SNAPSHOT-launcher.jar"));

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + name + " needs a value");
                }
                String v = args[++i];
                switch (name) {
                    case "--scales" -> o.scales = Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).sorted().toArray();
                    case "--iterations" -> o.iterations = Integer.parseInt(v);
                    case "--cold-runs" -> o.coldRuns = Integer.parseInt(v);
                    case "--naive-budget-seconds" -> o.naiveBudgetSeconds = Integer.parseInt(v);
                    case "--injected-latency-ms" -> o.injectedLatencyMs = Integer.parseInt(v);
                    case "--seed" -> o.seed = Long.parseLong(v);
                    case "--out" -> o.out = Path.of(v).toAbsolutePath();
                    case "--only" -> {
                        List<String> sections = List.of("lambdaEndpoint", "commands", "partitionHeat", "coldStart", "seeding", "streams", "queries");
                        if (!sections.contains(v)) {
                            throw new IllegalArgumentException("--only knows these sections: " + String.join(", ", sections));
                        }
                        o.only = v;
                    }
                    case "--endpoint-requests" -> o.endpointRequests = Integer.parseInt(v);
                    case "--streams-scale" -> o.streamsScale = Integer.parseInt(v);
                    case "--command-iterations" -> o.commandIterations = Integer.parseInt(v);
                    case "--command-calls-per-client" -> o.commandCallsPerClient = Integer.parseInt(v);
                    default -> throw new IllegalArgumentException("unknown option " + name
                            + " (known: --scales --iterations --cold-runs --naive-budget-seconds --injected-latency-ms --seed --out --only --endpoint-requests --command-iterations --command-calls-per-client)");
                }
            }
            for (Path jar : List.of(o.queryJar, o.seederJar, o.floorJar, o.launcherJar)) {
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalArgumentException(jar + " not found: build with benchmark.sh (mvn package) first");
                }
            }
            return o;
        }
    }
}
