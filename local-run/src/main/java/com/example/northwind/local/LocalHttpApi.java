package com.example.northwind.local;

import com.example.northwind.lambda.HttpApiAdapter;
import com.example.northwind.model.CommandDefinition;
import com.example.northwind.model.CommandDefinitions;
import com.example.northwind.model.ModelDocs;
import com.example.northwind.schema.HttpApiContract;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP API on 127.0.0.1, as API Gateway serves it in front of the functions' {@code live} aliases: the two routes
 * ({@code GET /patterns/{pattern}}, {@code POST /commands/{command}}; anything else 404 "Not Found"), every request's
 * SigV4 signature checked against the local credentials ({@link SigV4Verifier}: 403 with API Gateway's words), the
 * request turned into the payload 2.0 event ({@link HttpApiEvents}) and given to the real handler, whose
 * {@code {statusCode, headers, body}} becomes the HTTP answer — the same {@code HttpApiAdapter} path as on AWS. A
 * handler that throws or times out is API Gateway's 500 "Internal Server Error" (its error goes to stderr).
 *
 * <p>Hardened as the local Lambda API ({@link LoopbackHttpServer}): loopback only, bodies over
 * {@link HttpApiContract#MAX_BODY_BYTES} refused with the function's own 413 before they are read, a deadline for each
 * request, and per function {@link EndpointLimits#concurrency()} warm execution environments with
 * {@link EndpointLimits#queueDepth()} waiting — beyond that 429 "Too Many Requests", standing in for the stage's
 * throttling. IAM policies and JWT routes are not emulated: a request signed with the local credentials may call both
 * routes.
 */
public final class LocalHttpApi implements AutoCloseable {
    private static final Pattern QUERY_PATH = route(HttpApiContract.QUERY_ROUTE_PATH);
    private static final Pattern COMMAND_PATH = route(HttpApiContract.COMMAND_ROUTE_PATH);
    private static final String ALIAS = "live";
    private static final SecureRandom IDS = new SecureRandom();

    private final LocalApiOptions options;
    private final SigV4Verifier verifier;
    private final Clock clock;
    private final ScheduledExecutorService watchdog;
    private final Map<String, Served> functions = new LinkedHashMap<>();
    private final LoopbackHttpServer http;
    /** Told of every request that reached a function (the served stack's console line per call). */
    private volatile java.util.function.Consumer<CallLog.Call> calls = call -> { };

    /** A function the API invokes, with its execution environments. */
    private record Served(LocalFunction function, ExecutionEnvironments environments) {
    }

    private LocalHttpApi(LocalApiOptions options, List<LocalFunction> served, EndpointLimits limits, Clock clock) {
        this.options = options;
        this.clock = clock;
        this.verifier = new SigV4Verifier(options.accessKey(), options.secretKey(), options.region(), clock);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(LoopbackHttpServer.daemonThreads("api-timeout"));
        for (String name : List.of(LocalStack.QUERY_FUNCTION, LocalStack.COMMAND_FUNCTION)) {
            LocalFunction function = served.stream().filter(f -> f.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the HTTP API needs the " + name + " function"));
            functions.put(name, new Served(function, new ExecutionEnvironments(function, limits.concurrency(),
                    limits.queueDepth(), watchdog, "api-" + name)));
        }
        try {
            this.http = LoopbackHttpServer.start(InetAddress.getByName(LocalDynamoDbServer.LOOPBACK), options.port(), limits,
                    HttpApiContract.MAX_BODY_BYTES, this::handle, REFUSALS, "api");
        } catch (IOException e) {
            close();
            if (LoopbackHttpServer.isPortInUse(e)) {
                throw new IllegalStateException("Port " + options.port() + " on " + LocalDynamoDbServer.LOOPBACK
                        + " is already in use (HTTP API): stop what uses it or choose another port with --api-port.", e);
            }
            throw new IllegalStateException("The HTTP API could not listen on port " + options.port() + ": " + e.getMessage(), e);
        }
    }

    /**
     * With {@link EndpointLimits#DEFAULTS} and the system clock.
     *
     * @param functions the served functions; the API uses {@code query} and {@code command} (environments of its own)
     * @throws IllegalStateException naming the port when it is in use
     */
    public static LocalHttpApi start(LocalApiOptions options, List<LocalFunction> functions) {
        return start(options, functions, EndpointLimits.DEFAULTS, Clock.systemUTC());
    }

    public static LocalHttpApi start(LocalApiOptions options, List<LocalFunction> functions, EndpointLimits limits, Clock clock) {
        if (!options.enabled()) {
            throw new IllegalArgumentException("the HTTP API is switched off (--no-api)");
        }
        return new LocalHttpApi(options, functions, limits, clock);
    }

    /** Tells {@code listener} of every request that reached a function, once it is answered. */
    public void onCall(java.util.function.Consumer<CallLog.Call> listener) {
        this.calls = listener;
    }

    public int port() {
        return http.port();
    }

    public URI endpoint() {
        return URI.create("http://" + LocalDynamoDbServer.LOOPBACK + ":" + port());
    }

    private HttpResponse handle(HttpRequest request) {
        String requestId = requestId();
        HttpResponse response;
        try {
            response = route(request, requestId);
        } catch (ApiGatewayError e) {
            response = e.toResponse();
        }
        return response.withHeader("apigw-requestid", requestId);
    }

    private HttpResponse route(HttpRequest request, String requestId) throws ApiGatewayError {
        Matcher query = QUERY_PATH.matcher(request.rawPath());
        Matcher command = COMMAND_PATH.matcher(request.rawPath());
        String routeKey;
        Map<String, String> pathParameters;
        Served served;
        if (request.method().equals(HttpApiContract.QUERY_METHOD) && query.matches()) {
            routeKey = HttpApiContract.QUERY_METHOD + " " + HttpApiContract.QUERY_ROUTE_PATH;
            pathParameters = Map.of(HttpApiContract.PATTERN_PARAMETER, HttpApiEvents.utf8(SigV4Verifier.percentDecode(query.group(1))));
            served = functions.get(LocalStack.QUERY_FUNCTION);
        } else if (request.method().equals(HttpApiContract.COMMAND_METHOD) && command.matches()) {
            routeKey = HttpApiContract.COMMAND_METHOD + " " + HttpApiContract.COMMAND_ROUTE_PATH;
            pathParameters = Map.of(HttpApiContract.COMMAND_PARAMETER, HttpApiEvents.utf8(SigV4Verifier.percentDecode(command.group(1))));
            served = functions.get(LocalStack.COMMAND_FUNCTION);
        } else {
            throw ApiGatewayError.notFound(); // no route: API Gateway answers before any authorizer
        }
        SigV4Verifier.Caller caller = verifier.verify(request);
        byte[] event = json(HttpApiEvents.event(request, routeKey, pathParameters, caller, requestId, clock.instant()));
        long start = System.nanoTime();
        String name = pathParameters.values().iterator().next();
        byte[] called = json(Map.<String, Object>of(served == functions.get(LocalStack.QUERY_FUNCTION) ? "pattern" : "command", name));
        try {
            HttpResponse response = invoke(served, event, requestId);
            calls.accept(new CallLog.Call("HTTP API", served.function().name(), called, response.body(), false, false,
                    (System.nanoTime() - start) / 1_000_000));
            return response;
        } catch (ApiGatewayError e) {
            HttpResponse refused = e.toResponse();
            calls.accept(new CallLog.Call("HTTP API", served.function().name(), called, refused.body(), e.status() >= 500,
                    false, (System.nanoTime() - start) / 1_000_000));
            throw e;
        }
    }

    /** Runs the function's handler with the event, on one of its environments, as API Gateway invokes the alias. */
    private HttpResponse invoke(Served served, byte[] event, String requestId) throws ApiGatewayError {
        LocalFunction function = served.function();
        String version = function.versionFor(ALIAS);
        String invokedArn = LambdaInvokeServer.arnOf(function.name()) + ":" + ALIAS;
        CompletableFuture<InvocationOutcome> running = served.environments().submit(event, requestId, timeout ->
                new LocalContext(function.name(), version == null ? LocalFunction.LATEST : version, invokedArn, requestId,
                        timeout, function.memoryMb()));
        if (running == null) {
            throw ApiGatewayError.tooManyRequests();
        }
        InvocationOutcome outcome;
        try {
            outcome = running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiGatewayError.internal();
        } catch (ExecutionException e) {
            outcome = InvocationOutcome.failure(e.getCause());
        }
        if (outcome.failed()) {
            // As API Gateway: the caller learns nothing, the operator's log (here stderr) has the function's error.
            System.err.println("run-local: HTTP API request " + requestId + ": the " + function.name() + " function failed: "
                    + new String(outcome.body(), StandardCharsets.UTF_8));
            throw ApiGatewayError.internal();
        }
        return response(outcome.body());
    }

    /**
     * API Gateway's reading of a payload 2.0 answer: {@code statusCode}, {@code headers} and {@code body} (base64 when
     * {@code isBase64Encoded}); an answer without a status code is a 200 with the answer as a JSON body.
     */
    private static HttpResponse response(byte[] output) throws ApiGatewayError {
        Object answer;
        try {
            answer = JSON.std.anyFrom(output);
        } catch (IOException e) {
            throw ApiGatewayError.internal(); // not JSON: API Gateway cannot read it either
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (!(answer instanceof Map<?, ?> map) || !(map.get("statusCode") instanceof Number status)) {
            headers.put("content-type", "application/json");
            return new HttpResponse(200, headers, output);
        }
        if (map.get("headers") instanceof Map<?, ?> given) {
            given.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
        }
        headers.putIfAbsent("content-type", "application/json");
        String body = map.get("body") instanceof String s ? s : "";
        byte[] bytes = Boolean.TRUE.equals(map.get("isBase64Encoded")) ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        return new HttpResponse(status.intValue(), headers, bytes);
    }

    /** How API Gateway answers what it refuses itself: a body over the limit (the function's own 413), the rest in its shape. */
    private static final LoopbackHttpServer.Refusals REFUSALS = new LoopbackHttpServer.Refusals() {
        @Override
        public HttpResponse malformed(LambdaError e) {
            if (e.status() == 413) {
                try {
                    return new HttpResponse(413, Map.of("content-type", "application/json"),
                            json(HttpApiAdapter.payloadTooLarge()));
                } catch (ApiGatewayError impossible) {
                    throw new IllegalStateException(impossible);
                }
            }
            return new ApiGatewayError(e.status(), null, e.status() == 431 ? "Request Header Fields Too Large" : "Bad Request")
                    .toResponse();
        }

        @Override
        public HttpResponse timedOut(long requestTimeoutMillis) {
            return new ApiGatewayError(408, null, "Request Timeout").toResponse();
        }

        @Override
        public HttpResponse tooManyConnections() {
            return ApiGatewayError.tooManyRequests().toResponse();
        }
    };

    /** The credentials part of the Ready line. */
    public String credentials() {
        return "SigV4 " + SigV4Verifier.SERVICE + ", " + options.region() + ", access key " + options.accessKey()
                + ", secret " + options.secretKey();
    }

    /**
     * Calls that work as printed, in order: a command with an idempotency key (placeOrder's model example), then the
     * customer's newest orders, which show it (query parameters in sorted order: curl signs them as written).
     */
    public String examples() {
        String sign = "curl --aws-sigv4 \"aws:amz:" + options.region() + ":" + SigV4Verifier.SERVICE + "\" --user "
                + options.accessKey() + ":" + options.secretKey();
        CommandDefinition placeOrder = CommandDefinitions.byName("placeOrder").orElseThrow();
        return String.join("\n",
                "HTTP API (SigV4-signed; docs/http-api.md, docs/openapi.json):",
                "  " + sign + " -H 'Content-Type: application/json' -H '" + HttpApiContract.IDEMPOTENCY_KEY_HEADER
                        + ": try-place-1' \\",
                "      -d '" + ModelDocs.exampleParams(placeOrder) + "' " + endpoint() + HttpApiContract.commandPath("placeOrder"),
                "  " + sign + " '" + endpoint() + HttpApiContract.patternPath("customerOrders") + "?customerId="
                        + placeOrder.example().get("customerId") + "&limit=3'");
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
        functions.values().forEach(s -> s.environments().close());
        watchdog.shutdownNow();
    }

    /** {@code /patterns/{pattern}} → {@code ^/patterns/([^/]+)$}: one non-empty path segment for the parameter. */
    private static Pattern route(String path) {
        return Pattern.compile("^" + path.replaceAll("\\{[a-z]+\\}", "([^/]+)") + "$");
    }

    /** API Gateway's request ids look like {@code Jg8ZNg0WIAMEbRw=}. */
    private static String requestId() {
        byte[] bytes = new byte[10];
        IDS.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] json(Map<String, Object> value) throws ApiGatewayError {
        try {
            return JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES).asBytes(value);
        } catch (IOException e) {
            throw ApiGatewayError.internal();
        }
    }
}
