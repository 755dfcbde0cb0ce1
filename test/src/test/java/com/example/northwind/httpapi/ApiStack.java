package com.example.northwind.httpapi;

import com.example.northwind.local.LocalApiOptions;
import com.example.northwind.local.LocalHttpApi;
import com.example.northwind.local.LocalStack;
import com.example.northwind.model.AccessPatterns;
import com.example.northwind.model.PatternDefinition;
import com.example.northwind.schema.HttpApiContract;
import com.example.northwind.schema.NorthwindData;
import com.example.northwind.testsupport.LocalDynamo;
import com.example.northwind.testsupport.SynthesizedApp;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The local stack with its HTTP API, started once per test JVM for the HTTP API tests (seeding costs seconds): a
 * table of its own on the shared DynamoDB Local, seeded by the real seeder from the synthesized template, the real
 * query and command handlers behind the Lambda API and behind the HTTP API on free ports.
 */
final class ApiStack {
    static final String TABLE = "northwind-http-api";
    private static ApiStack shared;

    final LocalStack stack;
    final LocalHttpApi api;
    final SignedHttp http;

    private ApiStack() {
        stack = LocalStack.start(new LocalStack.Config(SynthesizedApp.defaults().assemblyDir(), NorthwindData.locate(), TABLE,
                // A DynamoDB Local of its own: this stack's stream consumer polls for the rest of the JVM's tests.
                LocalDynamo.startOwn().endpoint(), 0, null, 0, LocalStack.SeedPolicy.ALWAYS,
                new PrintStream(PrintStream.nullOutputStream())));
        api = stack.adopt(LocalHttpApi.start(LocalApiOptions.DEFAULTS.onPort(0), stack.functions()));
        http = SignedHttp.local(api.endpoint());
        // The derived patterns (productSales, salesByDay) answer once the stream consumer has the seed's records done.
        try {
            if (!stack.streamConsumer().orElseThrow().awaitCaughtUp(java.time.Duration.ofMinutes(2))) {
                throw new IllegalStateException("the stream consumer did not catch up with the seed: "
                        + stack.streamConsumer().get().status().describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the stream consumer derived the seed's sales", e);
        }
    }

    static synchronized ApiStack get() {
        if (shared == null) {
            shared = new ApiStack();
            Runtime.getRuntime().addShutdownHook(new Thread(shared.stack::close, "api-stack-stop"));
        }
        return shared;
    }

    /** The pattern's example parameters as query-string values (text, as a client sends them). */
    static Map<String, String> exampleQuery(PatternDefinition pattern) {
        Map<String, String> query = new LinkedHashMap<>();
        pattern.example().forEach((k, v) -> query.put(k, String.valueOf(v)));
        return query;
    }

    /** {@code /patterns/<name>?a=1&b=x%20y}: names sorted (as curl before 8.x signs them), values percent-encoded. */
    static String patternUrl(String pattern, Map<String, String> query) {
        String encoded = new java.util.TreeMap<>(query).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&"));
        return HttpApiContract.patternPath(pattern) + (encoded.isEmpty() ? "" : "?" + encoded);
    }

    /** The direct-invoke answer of the query function's alias, through the local Lambda API (raw body). */
    String invokeDirectly(String function, String payload) {
        URI uri = URI.create(stack.lambdaEndpoint() + "/2015-03-31/functions/" + function + ":live/invocations");
        return SignedHttp.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(payload)).build()).body();
    }

    static PatternDefinition pattern(String name) {
        return AccessPatterns.byName(name).orElseThrow();
    }
}
