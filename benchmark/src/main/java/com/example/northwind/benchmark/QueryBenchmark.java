package com.example.northwind.benchmark;

import com.example.northwind.local.LocalContext;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Invokes the query handler in-process (its test constructor, over HTTP to DynamoDB Local) per pattern. */
final class QueryBenchmark {
    static final String HANDLER_CLASS = "com.example.northwind.query.QueryHandler";
    private final RequestStreamHandler handler;
    private final LocalContext context = new LocalContext("query", "benchmark", 60_000, 1024);
    /** HTTP requests the handler's client sent: counted here, not taken from the handler's own stats. */
    private final AtomicLong httpRequests = new AtomicLong();

    QueryBenchmark(URI endpoint, String table) {
        DynamoDbClient dynamo = Dynamo.client(endpoint, new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                httpRequests.incrementAndGet();
            }
        });
        handler = newHandler(dynamo, table);
    }

    /** A query handler around {@code dynamo}, by its (DynamoDbClient, tableName) constructor. */
    static RequestStreamHandler newHandler(DynamoDbClient dynamo, String table) {
        try {
            // Reflection, so the benchmark compiles before the query module has its handler.
            return (RequestStreamHandler) Class.forName(HANDLER_CLASS)
                    .getConstructor(DynamoDbClient.class, String.class).newInstance(dynamo, table);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot construct " + HANDLER_CLASS + "(DynamoDbClient, String): " + e, e);
        }
    }

    String invoke(String event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context);
        } catch (IOException e) {
            throw new IllegalStateException("handler failed on " + event + ": " + e.getMessage(), e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Untimed calls of every event, {@code rounds} times (JIT of handler, SDK and DynamoDB Local; connections). */
    void warmUp(Map<String, String> events, int rounds) {
        for (int r = 0; r < rounds; r++) {
            for (String event : events.values()) {
                invoke(event);
            }
        }
    }

    /**
     * Times {@code eventA} on {@code a} and {@code eventB} on {@code b} alternately, {@code iterations} each, so
     * drift (JIT, GC, other load on the machine) hits both sides alike. Answers the figures of a, then of b.
     */
    static List<Map<String, Object>> interleaved(String pattern, QueryBenchmark a, String eventA, QueryBenchmark b,
                                                 String eventB, int iterations) {
        Map<String, Object> ma = new LinkedHashMap<>(answerStats(pattern, a.invoke(eventA)));
        Map<String, Object> mb = new LinkedHashMap<>(answerStats(pattern, b.invoke(eventB)));
        double[] msA = new double[iterations];
        double[] msB = new double[iterations];
        long requestsA = a.httpRequests.get();
        long requestsB = b.httpRequests.get();
        for (int i = 0; i < iterations; i++) {
            long t = System.nanoTime();
            a.invoke(eventA);
            msA[i] = (System.nanoTime() - t) / 1e6;
            t = System.nanoTime();
            b.invoke(eventB);
            msB[i] = (System.nanoTime() - t) / 1e6;
        }
        ma.putAll(latency(msA, a.httpRequests.get() - requestsA));
        mb.putAll(latency(msB, b.httpRequests.get() - requestsB));
        return List.of(ma, mb);
    }

    private static Map<String, Object> latency(double[] ms, long httpRequests) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("httpRequestsPerCall", Stats.round(httpRequests / (double) ms.length, 3));
        m.put("p50Ms", Stats.round(Stats.percentile(ms, 50), 3));
        m.put("p99Ms", Stats.round(Stats.percentile(ms, 99), 3));
        m.put("iterations", ms.length);
        return m;
    }

    /** The event with a page size: {"pattern":..,"params":{..}} + "limit". */
    static String withLimit(String event, int limit) {
        return event.substring(0, event.lastIndexOf('}')) + ",\"limit\":" + limit + "}";
    }

    /** requests, count, scannedCount, amplification, consumedCapacity and answer size of one answer. */
    static Map<String, Object> answerStats(String pattern, String answer) {
        Map<String, Object> parsed;
        try {
            parsed = JSON.std.mapFrom(answer);
        } catch (IOException e) {
            throw new IllegalStateException(pattern + ": the handler's answer is not JSON: " + head(answer));
        }
        // The answer may wrap the body (API Gateway proxy shape): look inside "body" when it is a string.
        if (parsed.get("stats") == null && parsed.get("body") instanceof String body) {
            try {
                parsed = JSON.std.mapFrom(body);
            } catch (IOException e) {
                throw new IllegalStateException(pattern + ": the answer's body is not JSON: " + head(body));
            }
        }
        if (!(parsed.get("stats") instanceof Map<?, ?> stats)) {
            throw new IllegalStateException(pattern + ": the answer carries no stats (an error?): " + head(answer));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        Number requests = (Number) stats.get("requests");
        Number count = (Number) stats.get("count");
        Number scanned = (Number) stats.get("scannedCount");
        m.put("requests", requests);
        m.put("count", count);
        m.put("scannedCount", scanned);
        m.put("readAmplification", count == null || scanned == null || count.intValue() == 0 ? null
                : Stats.round(scanned.doubleValue() / count.doubleValue(), 3));
        m.put("consumedCapacity", stats.get("consumedCapacity"));
        m.put("morePages", parsed.get("nextToken") != null || parsed.get("next") != null);
        m.put("answerBytes", answer.length());
        return m;
    }

    static String head(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
