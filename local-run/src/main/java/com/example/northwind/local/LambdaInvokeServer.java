package com.example.northwind.local;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Invoke API ({@code POST /2015-03-31/functions/{name}/invocations}) on 127.0.0.1, answering as
 * Lambda does so the AWS CLI and SDKs work unchanged: the handler's output bytes as the body,
 * {@code X-Amz-Function-Error: Unhandled} with {@code {"errorMessage","errorType"}} when the handler throws,
 * and a 404 {@code ResourceNotFoundException} for a name no function answers to.
 *
 * <p>Invocations run one at a time, like one Lambda execution environment: a handler written for Lambda
 * may assume it is never called concurrently.
 */
public final class LambdaInvokeServer implements AutoCloseable {
    private static final String PREFIX = "/2015-03-31/functions/";
    private static final String SUFFIX = "/invocations";
    /** Lambda's synchronous payload limit. */
    private static final int MAX_PAYLOAD = 6 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService httpThreads;
    private final ExecutorService invocations;
    private final List<LocalFunction> functions;

    private LambdaInvokeServer(HttpServer server, ExecutorService httpThreads, ExecutorService invocations,
                               List<LocalFunction> functions) {
        this.server = server;
        this.httpThreads = httpThreads;
        this.invocations = invocations;
        this.functions = functions;
    }

    /**
     * @param port 0 for a free port
     * @throws IllegalStateException naming the port when it is in use
     */
    public static LambdaInvokeServer start(int port, List<LocalFunction> functions) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(LocalDynamoDbServer.LOOPBACK, port), 64);
        } catch (BindException e) {
            throw new IllegalStateException("Port " + port + " on " + LocalDynamoDbServer.LOOPBACK
                    + " is already in use (Lambda API): stop what uses it or choose another port with --lambda-port.", e);
        } catch (IOException e) {
            throw new IllegalStateException("The Lambda API could not listen on port " + port + ": " + e.getMessage(), e);
        }
        ExecutorService httpThreads = Executors.newFixedThreadPool(4, daemon("lambda-http"));
        ExecutorService invocations = Executors.newSingleThreadExecutor(daemon("lambda-invoke"));
        LambdaInvokeServer invokeServer = new LambdaInvokeServer(server, httpThreads, invocations, List.copyOf(functions));
        server.createContext("/", invokeServer::handle);
        server.setExecutor(httpThreads);
        server.start();
        return invokeServer;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI endpoint() {
        return URI.create("http://" + LocalDynamoDbServer.LOOPBACK + ":" + port());
    }

    static String arnOf(String functionName) {
        return "arn:aws:lambda:" + TemplateValues.REGION + ":" + TemplateValues.ACCOUNT + ":function:" + functionName;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String requestId = UUID.randomUUID().toString();
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            if (!"POST".equals(exchange.getRequestMethod()) || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX)
                    || path.length() <= PREFIX.length() + SUFFIX.length()) {
                error(exchange, 404, "UnknownOperationException", "Unknown operation " + exchange.getRequestMethod() + " " + path
                        + " (this endpoint serves only Invoke: POST " + PREFIX + "{name}" + SUFFIX + ")");
                return;
            }
            String rawName = URLDecoder.decode(path.substring(PREFIX.length(), path.length() - SUFFIX.length()), StandardCharsets.UTF_8);
            String qualifier = queryParameter(exchange.getRequestURI().getRawQuery(), "Qualifier");
            String[] nameAndQualifier = splitName(rawName);
            if (nameAndQualifier[1] != null) {
                qualifier = nameAndQualifier[1];
            }
            String functionName = nameAndQualifier[0];
            String finalQualifier = qualifier;
            Optional<LocalFunction> function = functions.stream()
                    .filter(f -> f.answersTo(functionName) && f.accepts(finalQualifier)).findFirst();
            if (function.isEmpty()) {
                error(exchange, 404, "ResourceNotFoundException", "Function not found: " + arnOf(functionName)
                        + (qualifier == null ? "" : ":" + qualifier));
                return;
            }
            byte[] payload = readLimited(exchange.getRequestBody());
            if (payload == null) {
                error(exchange, 413, "RequestTooLargeException", "Request must be smaller than " + MAX_PAYLOAD + " bytes for the InvokeFunction operation");
                return;
            }
            if (!isJson(payload)) {
                error(exchange, 400, "InvalidRequestContentException", "Could not parse request body into json: the payload is not valid JSON");
                return;
            }
            String invocationType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"))
                    .orElse("RequestResponse");
            exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
            switch (invocationType) {
                case "DryRun" -> exchange.sendResponseHeaders(204, -1);
                case "Event" -> {
                    invocations.submit(() -> invoke(function.get(), payload, requestId));
                    exchange.sendResponseHeaders(202, -1);
                }
                case "RequestResponse" -> respond(exchange, invokeNow(function.get(), payload, requestId));
                default -> error(exchange, 400, "InvalidParameterValueException",
                        "Unsupported X-Amz-Invocation-Type: " + invocationType);
            }
        }
    }

    /** What one invocation produced: the output bytes, or the error Lambda would report. */
    private record Outcome(byte[] body, boolean failed) {
    }

    private Outcome invokeNow(LocalFunction function, byte[] payload, String requestId) {
        java.util.concurrent.Future<Outcome> running = invocations.submit(() -> invoke(function, payload, requestId));
        try {
            // Like Lambda, give up after the function's timeout instead of letting one hung call block the API.
            return running.get(function.timeoutMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            running.cancel(true);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("errorMessage", String.format("%s Task timed out after %.2f seconds", requestId,
                    function.timeoutMillis() / 1000.0));
            return new Outcome(json(body), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(e);
        } catch (Exception e) {
            return failure(e.getCause() == null ? e : e.getCause());
        }
    }

    private static Outcome invoke(LocalFunction function, byte[] payload, String requestId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            function.handler().handleRequest(new java.io.ByteArrayInputStream(payload), out,
                    new LocalContext(function.name(), requestId, function.timeoutMillis(), function.memoryMb()));
            return new Outcome(out.toByteArray(), false);
        } catch (Exception | Error e) {
            return failure(e);
        }
    }

    private static Outcome failure(Throwable e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorMessage", e.getMessage() == null ? e.toString() : e.getMessage());
        body.put("errorType", e.getClass().getName());
        return new Outcome(json(body), true);
    }

    private static void respond(HttpExchange exchange, Outcome outcome) throws IOException {
        if (outcome.failed()) {
            exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, 200, outcome.body());
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Type", "User");
        body.put("Message", message);
        send(exchange, status, json(body));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** {@code query}, {@code query:live}, {@code arn:aws:lambda:…:function:query[:live]}, {@code 000…:function:query}. */
    static String[] splitName(String raw) {
        int marker = raw.indexOf("function:");
        String rest = marker >= 0 ? raw.substring(marker + "function:".length()) : raw;
        int colon = rest.indexOf(':');
        return colon < 0 ? new String[] {rest, null} : new String[] {rest.substring(0, colon), rest.substring(colon + 1)};
    }

    private static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_PAYLOAD + 1);
        return bytes.length > MAX_PAYLOAD ? null : bytes;
    }

    private static boolean isJson(byte[] payload) {
        if (payload.length == 0) {
            return true;
        }
        try {
            JSON.std.anyFrom(payload);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] json(Map<String, Object> body) {
        try {
            return JSON.std.asBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        server.stop(0);
        invocations.shutdownNow();
        httpThreads.shutdownNow();
        try {
            invocations.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
