package com.example.northwind.local;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The Lambda Invoke API ({@code POST /2015-03-31/functions/{name}/invocations}) on 127.0.0.1, answering as
 * Lambda does so the AWS CLI and SDKs work unchanged: the handler's output bytes as the body,
 * {@code X-Amz-Function-Error: Unhandled} with {@code {"errorMessage","errorType"}} when the handler throws or
 * overruns its timeout, {@code X-Amz-Executed-Version} naming the version that ran, and Lambda's JSON errors
 * (404 ResourceNotFoundException for a name or qualifier no function answers to, 400 ValidationException for a
 * name that is no Lambda name, 429 TooManyRequestsException when throttled).
 *
 * <p>Each function has its own {@link ExecutionEnvironments} for synchronous calls and another for
 * {@code Event} invocations, sized by {@link EndpointLimits}.
 */
public final class LambdaInvokeServer implements AutoCloseable {
    private static final String PREFIX = "/2015-03-31/functions/";
    private static final String SUFFIX = "/invocations";
    /** Lambda's synchronous payload limit. */
    private static final int MAX_PAYLOAD = 6 * 1024 * 1024;

    private final LoopbackHttpServer http;
    private final ScheduledExecutorService watchdog;
    private final List<Served> functions;
    /** Told of every finished invocation (the serve console's line per call); nothing by default. */
    private volatile Consumer<CallLog.Call> calls = call -> { };

    /** A function with its two sets of environments. */
    private record Served(LocalFunction function, ExecutionEnvironments sync, ExecutionEnvironments async) {
    }

    private LambdaInvokeServer(ScheduledExecutorService watchdog, List<Served> functions, int port, EndpointLimits limits) {
        this.watchdog = watchdog;
        this.functions = functions;
        try {
            this.http = LoopbackHttpServer.start(InetAddress.getByName(LocalDynamoDbServer.LOOPBACK), port, limits, MAX_PAYLOAD, this::handle);
        } catch (IOException e) {
            close();
            if (LoopbackHttpServer.isPortInUse(e)) {
                throw new IllegalStateException("Port " + port + " on " + LocalDynamoDbServer.LOOPBACK
                        + " is already in use (Lambda API): stop what uses it or choose another port with --lambda-port.", e);
            }
            throw new IllegalStateException("The Lambda API could not listen on port " + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * With {@link EndpointLimits#DEFAULTS}.
     *
     * @param port 0 for a free port
     * @throws IllegalStateException naming the port when it is in use
     */
    public static LambdaInvokeServer start(int port, List<LocalFunction> functions) {
        return start(port, functions, EndpointLimits.DEFAULTS);
    }

    public static LambdaInvokeServer start(int port, List<LocalFunction> functions, EndpointLimits limits) {
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(LoopbackHttpServer.daemonThreads("lambda-timeout"));
        List<Served> served = new ArrayList<>();
        for (LocalFunction f : functions) {
            served.add(new Served(f,
                    new ExecutionEnvironments(f, limits.concurrency(), limits.queueDepth(), watchdog, "lambda-" + f.name()),
                    new ExecutionEnvironments(f, limits.asyncConcurrency(), limits.asyncQueueDepth(), watchdog, "lambda-event-" + f.name())));
        }
        return new LambdaInvokeServer(watchdog, List.copyOf(served), port, limits);
    }

    public int port() {
        return http.port();
    }

    /** Tells {@code listener} of every invocation once it has finished (synchronous and Event alike). */
    public void onCall(Consumer<CallLog.Call> listener) {
        this.calls = listener;
    }

    public URI endpoint() {
        return URI.create("http://" + LocalDynamoDbServer.LOOPBACK + ":" + port());
    }

    static String arnOf(String functionName) {
        return "arn:aws:lambda:" + TemplateValues.REGION + ":" + TemplateValues.ACCOUNT + ":function:" + functionName;
    }

    private HttpResponse handle(HttpRequest request) {
        String requestId = UUID.randomUUID().toString();
        HttpResponse response;
        try {
            response = invoke(request, requestId);
        } catch (LambdaError e) {
            response = e.toResponse();
        } catch (RuntimeException e) {
            response = new LambdaError(500, "ServiceException", "The local Lambda API failed: " + e).toResponse();
        }
        return response.withHeader("x-amzn-RequestId", requestId);
    }

    private HttpResponse invoke(HttpRequest request, String requestId) throws LambdaError {
        String path = request.rawPath();
        if (!"POST".equals(request.method()) || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX)
                || path.length() <= PREFIX.length() + SUFFIX.length()) {
            throw new LambdaError(404, "UnknownOperationException", "Unknown operation " + request.method() + " " + path
                    + " (this endpoint serves only Invoke: POST " + PREFIX + "{name}" + SUFFIX + ")");
        }
        String rawName = percentDecode(path.substring(PREFIX.length(), path.length() - SUFFIX.length()), "functionName");
        FunctionRef ref = FunctionRef.parse(rawName, queryParameter(request.rawQuery(), "Qualifier"),
                TemplateValues.REGION, TemplateValues.ACCOUNT);
        String qualifiedArn = arnOf(ref.name()) + (ref.qualifier() == null ? "" : ":" + ref.qualifier());
        Served served = functions.stream().filter(s -> s.function().answersTo(ref.name())).findFirst()
                .orElseThrow(() -> LambdaError.notFound("Function not found: " + qualifiedArn));
        LocalFunction function = served.function();
        String version = function.versionFor(ref.qualifier());
        if (version == null) {
            throw LambdaError.notFound("Function not found: " + qualifiedArn);
        }
        byte[] payload = request.body();
        if (!isJson(payload)) {
            throw new LambdaError(400, "InvalidRequestContentException",
                    "Could not parse request body into json: the payload is not valid JSON");
        }
        String invocationType = request.header("X-Amz-Invocation-Type");
        invocationType = invocationType == null ? "RequestResponse" : invocationType;
        // The Context's ARN names the function as deployed (not the alias name used), with the qualifier used.
        String invokedArn = arnOf(function.name()) + (ref.qualifier() == null ? "" : ":" + ref.qualifier());
        java.util.function.Function<Long, LocalContext> context = timeout -> new LocalContext(function.name(), version,
                invokedArn, requestId, timeout, function.memoryMb());
        return switch (invocationType) {
            case "DryRun" -> new HttpResponse(204, Map.of("X-Amz-Executed-Version", version), HttpResponse.EMPTY);
            case "Event" -> {
                long start = System.nanoTime();
                CompletableFuture<InvocationOutcome> queued = served.async().submit(payload, requestId, context);
                if (queued == null) {
                    throw LambdaError.throttled("FunctionInvocationRateLimitExceeded");
                }
                queued.thenAccept(o -> {
                    logAsyncFailure(function, requestId, o);
                    called(function, payload, o, true, start);
                });
                yield new HttpResponse(202, Map.of("X-Amz-Executed-Version", version), HttpResponse.EMPTY);
            }
            case "RequestResponse" -> {
                long start = System.nanoTime();
                CompletableFuture<InvocationOutcome> running = served.sync().submit(payload, requestId, context);
                if (running == null) {
                    throw LambdaError.throttled("ReservedFunctionConcurrentInvocationLimitExceeded");
                }
                InvocationOutcome outcome = await(running);
                called(function, payload, outcome, false, start);
                yield answer(outcome, version);
            }
            default -> throw LambdaError.validation("invocationType", invocationType,
                    "Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
        };
    }

    /** Completes within the function's timeout once the call executes (the watchdog sees to it). */
    private static InvocationOutcome await(CompletableFuture<InvocationOutcome> running) {
        try {
            return running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return InvocationOutcome.failure(e);
        } catch (ExecutionException e) {
            return InvocationOutcome.failure(e.getCause());
        }
    }

    private static HttpResponse answer(InvocationOutcome outcome, String version) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Amz-Executed-Version", version);
        if (outcome.failed()) {
            headers.put("X-Amz-Function-Error", "Unhandled");
        }
        return new HttpResponse(200, headers, outcome.body());
    }

    private void called(LocalFunction function, byte[] payload, InvocationOutcome outcome, boolean event, long startNanos) {
        try {
            calls.accept(new CallLog.Call(null, function.name(), payload, outcome.body(), outcome.failed(), event,
                    (System.nanoTime() - startNanos) / 1_000_000));
        } catch (RuntimeException e) {
            // The console line is a courtesy: a failure to print it must never fail the call.
        }
    }

    private static void logAsyncFailure(LocalFunction function, String requestId, InvocationOutcome outcome) {
        if (outcome.failed()) {
            // Nobody waits for an Event's answer: its error goes to the log, as Lambda's goes to CloudWatch.
            System.err.println("run-local: " + function.name() + " Event invocation " + requestId + " failed: "
                    + new String(outcome.body(), StandardCharsets.UTF_8));
        }
    }

    /** Percent-decoding of a path segment or parameter (no '+' rule); a malformed escape is a 400, not a crash. */
    static String percentDecode(String raw, String field) throws LambdaError {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < raw.length()) {
            int percent = raw.indexOf('%', i);
            if (percent < 0) {
                percent = raw.length();
            }
            bytes.writeBytes(raw.substring(i, percent).getBytes(StandardCharsets.UTF_8));
            if (percent == raw.length()) {
                break;
            }
            int hi = percent + 2 < raw.length() ? Character.digit(raw.charAt(percent + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(raw.charAt(percent + 2), 16) : -1;
            if (lo < 0) {
                throw LambdaError.validation(field, raw, "Member must be a correctly percent-encoded string");
            }
            bytes.write(hi * 16 + lo);
            i = percent + 3;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String queryParameter(String rawQuery, String name) throws LambdaError {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return percentDecode(eq < 0 ? "" : pair.substring(eq + 1).replace('+', ' '), "qualifier");
            }
        }
        return null;
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

    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
        for (Served s : functions) {
            s.sync().close();
            s.async().close();
        }
        watchdog.shutdownNow();
    }
}
