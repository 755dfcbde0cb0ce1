package com.example.northwind.benchmark;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.example.northwind.local.EndpointLimits;
import com.example.northwind.local.LambdaInvokeServer;
import com.example.northwind.local.LocalFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The local Lambda API over HTTP (run-local's port 3001): p50/p99 latency and requests/s with 1 and 8 clients,
 * each on its own kept-alive connection, closed loop (a client sends its next call when the last one answered).
 * Clients, endpoint and handler share this JVM and the machine's cores, so the figures include all three.
 */
final class EndpointBenchmark {
    /** A handler to put behind the endpoint, and the payload each call sends. */
    record Scenario(String name, String description, Supplier<RequestStreamHandler> handlers, String payload) {
    }

    private final int requestsPerRun;

    /** @param requestsPerRun timed calls per run, split evenly among its clients (plus a quarter as warm-up) */
    EndpointBenchmark(int requestsPerRun) {
        this.requestsPerRun = requestsPerRun;
    }

    /** The endpoint alone: a handler that copies its input to its output. */
    static Scenario echo() {
        return new Scenario("echo", "handler copies its input (the endpoint's own cost)",
                () -> (in, out, context) -> in.transferTo(out), "{\"pattern\":\"employee\",\"params\":{\"employeeId\":2}}");
    }

    /** A handler that waits 5 ms, as a deployed one waits on a DynamoDB round trip: shows what concurrency buys. */
    static Scenario waiting() {
        return new Scenario("wait5ms", "handler sleeps 5 ms, then copies its input (a network wait, no CPU)",
                () -> (in, out, context) -> {
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    in.transferTo(out);
                }, "{\"pattern\":\"employee\",\"params\":{\"employeeId\":2}}");
    }

    Map<String, Object> run(List<Scenario> scenarios, int[] clientCounts) throws Exception {
        // Untimed runs first, so the JIT has compiled the endpoint and the client before anything is measured.
        measure(echo(), 8, true);
        measure(echo(), 1, true);
        List<Map<String, Object>> runs = new ArrayList<>();
        Map<String, Object> descriptions = new LinkedHashMap<>();
        for (Scenario s : scenarios) {
            descriptions.put(s.name(), s.description());
            for (int clients : clientCounts) {
                runs.add(measure(s, clients, true));
            }
            if (s.name().equals("echo")) {
                // Without TCP_NODELAY on the endpoint's sockets: answers leave in one write, so Nagle should cost nothing.
                for (int clients : clientCounts) {
                    runs.add(measure(s, clients, false));
                }
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenarios", descriptions);
        result.put("requestsPerRun", requestsPerRun);
        result.put("limits", EndpointLimits.DEFAULTS.toString());
        result.put("runs", runs);
        return result;
    }

    private Map<String, Object> measure(Scenario scenario, int clients, boolean tcpNoDelay) throws Exception {
        LocalFunction function = new LocalFunction("bench", Set.of(), Map.of(), scenario.handlers(), 60_000, 1024);
        int perClient = Math.max(1, requestsPerRun / clients);
        double[] latencies = new double[perClient * clients];
        CyclicBarrier start = new CyclicBarrier(clients + 1);
        CyclicBarrier end = new CyclicBarrier(clients + 1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (LambdaInvokeServer server = LambdaInvokeServer.start(0, List.of(function),
                EndpointLimits.DEFAULTS.withTcpNoDelay(tcpNoDelay))) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int offset = c * perClient;
                done.add(pool.submit(() -> {
                    try (KeepAliveClient client = new KeepAliveClient(server.port(), "bench", scenario.payload())) {
                        for (int i = 0; i < Math.max(50, perClient / 4); i++) {
                            check(client.invoke());
                        }
                        start.await();
                        for (int i = 0; i < perClient; i++) {
                            long t = System.nanoTime();
                            check(client.invoke());
                            latencies[offset + i] = (System.nanoTime() - t) / 1e6;
                        }
                        end.await();
                    }
                    return null;
                }));
            }
            start.await();
            long t0 = System.nanoTime();
            end.await();
            double seconds = (System.nanoTime() - t0) / 1e9;
            for (Future<?> f : done) {
                f.get();
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scenario", scenario.name());
            m.put("clients", clients);
            m.put("tcpNoDelay", tcpNoDelay);
            m.put("requests", latencies.length);
            m.put("p50Ms", Stats.round(Stats.percentile(latencies, 50), 3));
            m.put("p99Ms", Stats.round(Stats.percentile(latencies, 99), 3));
            m.put("requestsPerSecond", Stats.round(latencies.length / seconds, 0));
            System.out.printf("  %-8s clients %2d TCP_NODELAY %-5s: p50 %7.3f ms p99 %7.3f ms %8.0f requests/s%n",
                    scenario.name(), clients, tcpNoDelay, m.get("p50Ms"), m.get("p99Ms"), m.get("requestsPerSecond"));
            return m;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void check(int status) {
        if (status != 200) {
            throw new IllegalStateException("the endpoint answered " + status);
        }
    }
}
