package com.example.northwind.benchmark;

import com.example.northwind.command.CommandHandler;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every command through {@code CommandHandler.handle} in-process (its {@code (DynamoDbClient, tableName, Clock)}
 * constructor, HTTP to DynamoDB Local) on a table seeded with the real data: what one call costs (DynamoDB calls and
 * the capacity DynamoDB reports, recorded by {@link CapacityRecorder} on the client, beside what the pricing rules
 * give for the same item sizes), how long it takes warm (p50/p99 of sequential calls), and how many calls per second
 * 8 concurrent clients get — on distinct items, and all on one product for contrast.
 */
final class CommandBenchmark {
    /** Calls per command whose capacity is recorded (not timed: the recorder reads the items before each write). */
    static final int COST_SAMPLES = 5;
    static final int CLIENTS = 8;

    private final DynamoDbClient dynamo;
    private final DynamoDbClient peek;
    private final CapacityRecorder recorder = new CapacityRecorder();
    private final String table;
    private final CommandHandler handler;
    private final int iterations;
    private final int warmUp;
    private final int callsPerClient;
    private final List<Long> productIds;

    CommandBenchmark(URI endpoint, String table, Path dataDir, int iterations, int warmUp, int callsPerClient) {
        this.dynamo = Dynamo.client(endpoint, recorder);
        this.peek = Dynamo.client(endpoint);
        this.table = table;
        this.handler = new CommandHandler(dynamo, table, Clock.systemUTC());
        this.iterations = iterations;
        this.warmUp = warmUp;
        this.callsPerClient = callsPerClient;
        Csv.Table products = Csv.read(dataDir.resolve("products.csv"));
        int id = products.column("productID");
        int discontinued = products.column("discontinued");
        List<Long> available = new ArrayList<>();
        for (List<String> row : products.rows()) {
            if (!"1".equals(row.get(discontinued)) && !"true".equalsIgnoreCase(row.get(discontinued))) {
                available.add(Long.parseLong(row.get(id)));
            }
        }
        this.productIds = List.copyOf(available);
    }

    /** One measured command: a name and the request of its i-th call. */
    record Case(String name, IntFunction<String> event) {
    }

    Map<String, Object> run() throws InterruptedException {
        // Enough stock everywhere that no order in the run is refused for stock.
        for (long p : productIds) {
            call("{\"command\":\"updateProduct\",\"params\":{\"productId\":" + p + ",\"unitsInStock\":100000000}}");
        }
        int perCase = warmUp + COST_SAMPLES + iterations;
        List<Long> oneLine = Collections.synchronizedList(new ArrayList<>());
        List<Long> fiveLines = Collections.synchronizedList(new ArrayList<>());
        Map<String, Object> commands = new LinkedHashMap<>();

        measure(commands, List.of(new Case("placeOrder1", i -> placeOrder(List.of(product(i)), 1))), oneLine);
        measure(commands, List.of(new Case("placeOrder5", i -> placeOrder(List.of(product(5 * i), product(5 * i + 1),
                product(5 * i + 2), product(5 * i + 3), product(5 * i + 4)), 1))), fiveLines);
        measure(commands, List.of(new Case("shipOrder", i -> "{\"command\":\"shipOrder\",\"params\":{\"orderId\":"
                + oneLine.get(i) + "}}")), null);
        measure(commands, List.of(new Case("cancelOrder", i -> "{\"command\":\"cancelOrder\",\"params\":{\"orderId\":"
                + fiveLines.get(i) + "}}")), null);
        measure(commands, List.of(new Case("updateCustomer", i -> "{\"command\":\"updateCustomer\",\"params\":"
                + "{\"customerId\":\"ALFKI\",\"contactName\":\"Maria Anders " + i + "\"}}")), null);
        measure(commands, List.of(new Case("updateProduct", i -> "{\"command\":\"updateProduct\",\"params\":"
                + "{\"productId\":11,\"unitPrice\":" + (20 + i % 100) + ".50}}")), null);
        measure(commands, List.of(new Case("updateEmployee", i -> "{\"command\":\"updateEmployee\",\"params\":"
                + "{\"employeeId\":5,\"title\":\"Sales Manager " + i + "\"}}")), null);
        // Assign and unassign alternate on one pair, so each finds the state it needs.
        measure(commands, List.of(
                new Case("assignTerritory", i -> "{\"command\":\"assignTerritory\",\"params\":{\"employeeId\":1,\"territoryId\":\"01581\"}}"),
                new Case("unassignTerritory", i -> "{\"command\":\"unassignTerritory\",\"params\":{\"employeeId\":1,\"territoryId\":\"01581\"}}")),
                null);
        if (oneLine.size() < perCase || fiveLines.size() < perCase) {
            throw new IllegalStateException("placeOrder answered fewer orders than calls");
        }

        List<Map<String, Object>> throughput = new ArrayList<>();
        List<List<Long>> placedByClient = new ArrayList<>();
        Map<String, Object> placeDistinct = concurrent("placeOrder1", "distinct products (one per client)",
                c -> i -> placeOrder(List.of(product(c)), 1), placedByClient);
        throughput.add(placeDistinct);
        Map<String, Object> shipDistinct = concurrent("shipOrder", "distinct orders (each client ships the orders it placed)",
                c -> i -> "{\"command\":\"shipOrder\",\"params\":{\"orderId\":" + placedByClient.get(c).get(i) + "}}", null);
        throughput.add(shipDistinct);
        throughput.add(concurrent("placeOrder1", "contended: every client orders the same product",
                c -> i -> placeOrder(List.of(product(0)), 1), null));
        map(commands.get("placeOrder1")).put("throughput8", placeDistinct.get("callsPerSecond"));
        map(commands.get("shipOrder")).put("throughput8", shipDistinct.get("callsPerSecond"));

        Map<String, Object> section = new LinkedHashMap<>();
        section.put("iterations", iterations);
        section.put("warmUp", warmUp);
        section.put("costSamples", COST_SAMPLES);
        section.put("transactionalIndexFactor", com.example.northwind.benchmark.heat.Pricing.TRANSACTIONAL_INDEX_FACTOR);
        section.put("clients", CLIENTS);
        section.put("callsPerClient", callsPerClient);
        section.put("capacitySplitReported", splitReported(commands));
        section.put("commands", commands);
        section.put("throughput", throughput);
        dynamo.close();
        peek.close();
        return section;
    }

    private String product(int i) {
        return "{\"productId\":" + productIds.get(Math.floorMod(i, productIds.size())) + ",\"quantity\":1}";
    }

    private static String placeOrder(List<String> lines, int employee) {
        return "{\"command\":\"placeOrder\",\"params\":{\"customerId\":\"ALFKI\",\"employeeId\":" + employee
                + ",\"lines\":[" + String.join(",", lines) + "]}}";
    }

    /**
     * Warm-up calls, then {@link #COST_SAMPLES} recorded calls, then {@code iterations} timed ones; the cases of a
     * group alternate call by call. Placed order ids go to {@code orders}.
     */
    private void measure(Map<String, Object> out, List<Case> group, List<Long> orders) {
        int n = group.size();
        int call = 0;
        for (int i = 0; i < warmUp; i++, call++) {
            for (Case c : group) {
                collect(call(c.event().apply(call)), orders);
            }
        }
        List<List<CapacityRecorder.Call>> recorded = new ArrayList<>();
        List<List<Map<String, Object>>> stats = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            recorded.add(new ArrayList<>());
            stats.add(new ArrayList<>());
        }
        List<Integer> callsPerSample = new ArrayList<>(Collections.nCopies(n, 0));
        for (int i = 0; i < COST_SAMPLES; i++, call++) {
            for (int k = 0; k < n; k++) {
                recorder.start(peek);
                Map<String, Object> answer = call(group.get(k).event().apply(call));
                List<CapacityRecorder.Call> calls = recorder.stop();
                collect(answer, orders);
                recorded.get(k).addAll(calls);
                stats.get(k).add(map(answer.get("stats")));
            }
        }
        double[][] ms = new double[n][iterations];
        for (int i = 0; i < iterations; i++, call++) {
            for (int k = 0; k < n; k++) {
                byte[] request = group.get(k).event().apply(call).getBytes(StandardCharsets.UTF_8);
                long t = System.nanoTime();
                byte[] answer = handler.handle(request);
                ms[k][i] = (System.nanoTime() - t) / 1e6;
                collect(parse(answer), orders);
            }
        }
        for (int k = 0; k < n; k++) {
            Map<String, Object> m = costOf(recorded.get(k), stats.get(k));
            m.put("p50Ms", Stats.round(Stats.percentile(ms[k], 50), 3));
            m.put("p99Ms", Stats.round(Stats.percentile(ms[k], 99), 3));
            double mean = java.util.Arrays.stream(ms[k]).average().orElse(Double.NaN);
            m.put("meanMs", Stats.round(mean, 3));
            m.put("callsPerSecond1", Stats.round(1000 / mean, 1));
            out.put(group.get(k).name(), m);
            System.out.printf("  %-18s requests %s  rcu %s  wcu %s  (expected rcu %s wcu %s)  items written %s  p50 %.2f ms  p99 %.2f ms%n",
                    group.get(k).name(), m.get("requests"), m.get("rcu"), m.get("wcu"), m.get("expectedRcu"), m.get("expectedWcu"),
                    m.get("itemsWritten"), m.get("p50Ms"), m.get("p99Ms"));
        }
    }

    /** Per-call means over the recorded samples. */
    private Map<String, Object> costOf(List<CapacityRecorder.Call> calls, List<Map<String, Object>> handlerStats) {
        double samples = handlerStats.size();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requests", Stats.round(calls.size() / samples, 2));
        Map<String, Integer> operations = new TreeMap<>();
        calls.forEach(c -> operations.merge(c.operation(), 1, Integer::sum));
        Map<String, Object> perCall = new LinkedHashMap<>();
        operations.forEach((op, count) -> perCall.put(op, Stats.round(count / samples, 2)));
        m.put("operations", perCall);
        // Read and write units: DynamoDB's own split where it reports one; else by operation (reads are
        // GetItem/BatchGetItem/Query, writes UpdateItem/TransactWriteItems), which is what the split would say.
        double rcu = 0;
        double wcu = 0;
        double total = 0;
        Map<String, double[]> byTarget = new TreeMap<>();
        Map<String, double[]> expected = new TreeMap<>();
        boolean split = true;
        int written = 0;
        int maxBytes = 0;
        for (CapacityRecorder.Call c : calls) {
            boolean isWrite = c.operation().equals("UpdateItem") || c.operation().equals("TransactWriteItems");
            CapacityRecorder.Units t = c.reported().get("total");
            if (t != null) {
                total += t.total();
                if (Double.isNaN(t.read()) || Double.isNaN(t.write())) {
                    split = false;
                    if (isWrite) {
                        wcu += t.total();
                    } else {
                        rcu += t.total();
                    }
                } else {
                    rcu += t.read();
                    wcu += t.write();
                }
            }
            c.reported().forEach((target, u) -> {
                if (!target.equals("total")) {
                    double[] a = byTarget.computeIfAbsent(target, x -> new double[2]);
                    a[isWrite ? 1 : 0] += u.total();
                }
            });
            if (c.expected() != null) {
                c.expected().forEach((target, u) -> {
                    double[] a = expected.computeIfAbsent(target, x -> new double[2]);
                    a[0] += u.read();
                    a[1] += u.write();
                });
            }
            written += c.itemsWritten();
            maxBytes = Math.max(maxBytes, c.maxItemBytes());
        }
        m.put("rcu", Stats.round(rcu / samples, 2));
        m.put("wcu", Stats.round(wcu / samples, 2));
        m.put("consumedCapacity", Stats.round(total / samples, 2));
        m.put("splitReportedByDynamoDb", split);
        Map<String, Object> targets = new LinkedHashMap<>();
        byTarget.forEach((target, a) -> targets.put(target, Map.of("rcu", Stats.round(a[0] / samples, 2),
                "wcu", Stats.round(a[1] / samples, 2))));
        m.put("byTarget", targets);
        double[] e = expected.getOrDefault("total", new double[2]);
        m.put("expectedRcu", Stats.round(e[0] / samples, 2));
        m.put("expectedWcu", Stats.round(e[1] / samples, 2));
        Map<String, Object> expectedTargets = new LinkedHashMap<>();
        expected.forEach((target, a) -> {
            if (!target.equals("total")) {
                expectedTargets.put(target, Map.of("rcu", Stats.round(a[0] / samples, 2), "wcu", Stats.round(a[1] / samples, 2)));
            }
        });
        m.put("expectedByTarget", expectedTargets);
        m.put("itemsWritten", Stats.round(written / samples, 2));
        m.put("largestItemBytes", maxBytes);
        // The handler's own stats, for comparison with what the client saw.
        m.put("handlerRequests", Stats.round(handlerStats.stream().mapToDouble(s -> Report.num(s.get("requests"))).average().orElse(Double.NaN), 2));
        m.put("handlerConsumedCapacity", Stats.round(handlerStats.stream().mapToDouble(s -> Report.num(s.get("consumedCapacity"))).average().orElse(Double.NaN), 2));
        m.put("attempts", Stats.round(handlerStats.stream().mapToDouble(s -> Report.num(s.get("attempts"))).average().orElse(Double.NaN), 2));
        return m;
    }

    /** {@link #CLIENTS} threads, each with a handler of its own (sharing the client), {@link #callsPerClient} calls each. */
    private Map<String, Object> concurrent(String command, String workload, IntFunction<IntFunction<String>> events,
                                           List<List<Long>> placedByClient) throws InterruptedException {
        int clients = CLIENTS;
        double[][] ms = new double[clients][callsPerClient];
        long[][] attempts = new long[clients][callsPerClient];
        int[] refused = new int[clients];
        List<List<Long>> placed = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            placed.add(new ArrayList<>());
        }
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        for (int c = 0; c < clients; c++) {
            int client = c;
            CommandHandler own = new CommandHandler(dynamo, table, Clock.systemUTC());
            IntFunction<String> event = events.apply(c);
            Thread t = new Thread(() -> {
                try {
                    ready.countDown();
                    go.await();
                    for (int i = 0; i < callsPerClient; i++) {
                        byte[] request = event.apply(i).getBytes(StandardCharsets.UTF_8);
                        long start = System.nanoTime();
                        Map<String, Object> answer = parse(own.handle(request));
                        ms[client][i] = (System.nanoTime() - start) / 1e6;
                        if (answer.get("error") != null) {
                            refused[client]++;
                            continue;
                        }
                        attempts[client][i] = (long) Report.num(map(answer.get("stats")).get("attempts"));
                        collect(answer, placed.get(client));
                    }
                } catch (Throwable e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
            }, "command-client-" + c);
            threads.add(t);
            t.start();
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure[0] != null) {
            throw new IllegalStateException(command + " (" + workload + ") failed: " + failure[0], failure[0]);
        }
        if (placedByClient != null) {
            placedByClient.addAll(placed);
        }
        double[] all = java.util.Arrays.stream(ms).flatMapToDouble(java.util.Arrays::stream).toArray();
        long[] tries = java.util.Arrays.stream(attempts).flatMapToLong(java.util.Arrays::stream).filter(a -> a > 0).toArray();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        m.put("workload", workload);
        m.put("clients", clients);
        m.put("calls", all.length);
        m.put("seconds", Stats.round(seconds, 2));
        m.put("callsPerSecond", Stats.round(all.length / seconds, 1));
        m.put("p50Ms", Stats.round(Stats.percentile(all, 50), 3));
        m.put("p99Ms", Stats.round(Stats.percentile(all, 99), 3));
        m.put("meanAttempts", Stats.round(java.util.Arrays.stream(tries).average().orElse(Double.NaN), 2));
        m.put("maxAttempts", java.util.Arrays.stream(tries).max().orElse(0));
        m.put("refused", java.util.Arrays.stream(refused).sum());
        System.out.printf("  %d clients %-12s %-60s %.0f calls/s  p50 %.2f ms  p99 %.2f ms  attempts mean %s max %s  refused %s%n",
                clients, command, workload, all.length / seconds, m.get("p50Ms"), m.get("p99Ms"), m.get("meanAttempts"),
                m.get("maxAttempts"), m.get("refused"));
        return m;
    }

    private static boolean splitReported(Map<String, Object> commands) {
        return commands.values().stream().allMatch(c -> Boolean.TRUE.equals(map(c).get("splitReportedByDynamoDb")));
    }

    private Map<String, Object> call(String event) {
        Map<String, Object> answer = parse(handler.handle(event.getBytes(StandardCharsets.UTF_8)));
        if (answer.get("error") != null) {
            throw new IllegalStateException("command refused: " + event + " → " + answer);
        }
        return answer;
    }

    private static void collect(Map<String, Object> answer, List<Long> orders) {
        if (orders == null || answer.get("error") != null) {
            return;
        }
        Map<String, Object> result = map(answer.get("result"));
        if (result != null && result.get("order") instanceof Map<?, ?> order && answer.get("command").equals("placeOrder")) {
            orders.add(((Number) order.get("orderID")).longValue());
        }
    }

    private static Map<String, Object> parse(byte[] answer) {
        try {
            return JSON.std.mapFrom(answer);
        } catch (IOException e) {
            throw new IllegalStateException("the command handler's answer is not JSON: "
                    + QueryBenchmark.head(new String(answer, StandardCharsets.UTF_8)), e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
