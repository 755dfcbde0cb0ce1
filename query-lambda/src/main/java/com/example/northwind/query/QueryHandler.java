package com.example.northwind.query;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.example.northwind.lambda.HttpApiAdapter;
import com.example.northwind.lambda.JsonRequestReader;
import com.example.northwind.lambda.LambdaEnvironment;
import com.example.northwind.schema.FunctionContract;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * The query Lambda: JSON in, JSON out (see README / docs/key-design.md for the patterns).
 *
 * <p>A stream handler rather than a typed one, so that a request that is not a JSON object (an array, a
 * string, broken JSON) can still be answered with a ValidationError instead of failing in the runtime's
 * deserialiser. Bad input is answered; DynamoDB failures are thrown, so Lambda reports a function error.
 */
public final class QueryHandler implements RequestStreamHandler, Resource {
    private static final Logger LOG = LoggerFactory.getLogger(QueryHandler.class);
    /**
     * Total time of one DynamoDB call, retries included: well under the function's 10 s timeout, so a hung
     * call ends as a function error with the SDK's reason instead of a bare Lambda timeout.
     */
    static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(5);
    /** One attempt: short enough that the SDK can retry a hung connection within {@link #API_CALL_TIMEOUT}. */
    static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
    private static final JSON WRITER = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);
    /** An HTTP API request without the employee's id (a ValidationError, no DynamoDB call): primes the HTTP path. */
    private static final String PRIMING_EVENT = "{\"version\":\"2.0\",\"routeKey\":\"GET /patterns/{pattern}\","
            + "\"rawPath\":\"/patterns/employee\",\"rawQueryString\":\"\",\"headers\":{},"
            + "\"pathParameters\":{\"pattern\":\"employee\"},"
            + "\"requestContext\":{\"http\":{\"method\":\"GET\",\"path\":\"/patterns/employee\"},"
            + "\"routeKey\":\"GET /patterns/{pattern}\",\"stage\":\"$default\"},\"isBase64Encoded\":false}";

    private final RequestParser parser = new RequestParser();
    private final PageToken tokens;
    private final QueryService service;

    /** Lambda entry: one client per execution environment, region and table from the environment. */
    public QueryHandler() {
        this(LambdaEnvironment.dynamoDb(clientOverrides()),
                LambdaEnvironment.required(FunctionContract.ENV_TABLE_NAME),
                // Once, at init (before the SnapStart snapshot): no Secrets Manager call on the request path.
                PageTokenKeys.fromSecret(LambdaEnvironment.required(PageTokenKeys.ENV_SECRET_ARN),
                        LambdaEnvironment.required("AWS_REGION")));
        // SnapStart: prime the request path before the snapshot (see beforeCheckpoint).
        Core.getGlobalContext().register(this);
    }

    /** Timeouts of the Lambda's client: every call is bounded below the Lambda timeout. */
    static ClientOverrideConfiguration clientOverrides() {
        return LambdaEnvironment.timeouts(API_CALL_TIMEOUT, API_CALL_ATTEMPT_TIMEOUT);
    }

    /** For tests and local runs: an existing client and table, and a random nextToken key for this instance. */
    public QueryHandler(DynamoDbClient dynamo, String tableName) {
        this(dynamo, tableName, PageTokenKeys.random());
    }

    /** For local runs whose tokens must survive a restart: the nextToken key (32 bytes, see PageTokenKeys). */
    public QueryHandler(DynamoDbClient dynamo, String tableName, byte[] pageTokenKey) {
        this.tokens = new PageToken(pageTokenKey);
        this.service = new QueryService(dynamo, tableName, tokens);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        // The stream goes to the parser as it is: it reads no more than a request may hold (RequestParser).
        // With a Lambda context every log line of the invocation carries its request id and the cold-start flag.
        byte[] answer = context == null ? handle(input) : PowertoolsLogging.withLogging(context, () -> {
            try {
                return handle(input);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        output.write(answer);
        output.flush();
    }

    /** The answer bytes for a request; throws only for failures that are not the caller's fault. */
    byte[] handle(byte[] request) throws IOException {
        return handle(new ByteArrayInputStream(request));
    }

    /**
     * An HTTP API event is answered through {@link HttpApiAdapter} (as an HTTP response around the same answer);
     * anything else is the direct API's request, read and answered as it always was.
     */
    private byte[] handle(InputStream raw) throws IOException {
        InputStream input = HttpApiAdapter.rewindable(raw);
        if (HttpApiAdapter.isHttpApiEvent(input)) {
            return HttpApiAdapter.answer(JsonRequestReader.readLimited(input), HttpApiAdapter.Route.QUERY,
                    direct -> answer(() -> parser.parse(direct)));
        }
        return WRITER.asBytes(answer(() -> parser.parse(input)));
    }

    /** The answer to a request (parsed by {@code parse}): the page, or a ValidationError; DynamoDB failures throw. */
    private Map<String, Object> answer(Supplier<QueryRequest> parse) {
        long start = System.nanoTime();
        Map<String, Object> answer;
        try {
            QueryRequest parsed = parse.get();
            QueryService.Answer page = service.run(parsed);
            LOG.info("query", entry("pattern", parsed.pattern().patternName()), entry("params", parsed.params()),
                    entry("limit", parsed.limit()), entry("count", page.count()),
                    entry("requests", page.requests()), entry("continued", parsed.nextToken() != null),
                    entry("more", page.nextToken() != null), entry("consumedCapacity", page.consumedCapacity()),
                    entry("durationMs", elapsedMs(start)));
            answer = page.toJson();
        } catch (ValidationException e) {
            LOG.warn("rejected", entry("reason", e.getMessage()), entry("durationMs", elapsedMs(start)));
            answer = validationError(e.getMessage());
        }
        return answer;
    }

    private static Map<String, Object> validationError(String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "ValidationError");
        error.put("message", message);
        return Map.of("error", error);
    }

    /**
     * Before the SnapStart snapshot: run the whole path once (parse, a real GetItem of a key that does not
     * exist, a one-item Query, a one-item scatter-gather, a rejected request, serialise) so classes, the credentials/HTTP path and the JSON machinery are loaded and
     * initialised in the snapshot rather than on the first restored invocation.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            handle("{\"pattern\":\"employee\",\"params\":{\"employeeId\":0}}".getBytes(StandardCharsets.UTF_8));
            // limit 1: the smallest valid page, so the Query path runs too (limit 0 would be rejected before it) —
            // one Query of one partition, and a sharded list's scatter-gather (its shard-read threads start here).
            handle("{\"pattern\":\"directReports\",\"params\":{\"employeeId\":0},\"limit\":1}".getBytes(StandardCharsets.UTF_8));
            handle("{\"pattern\":\"recentOrders\",\"limit\":1}".getBytes(StandardCharsets.UTF_8));
            handle(PRIMING_EVENT.getBytes(StandardCharsets.UTF_8));
            handleRequest(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), null);
        } catch (Exception e) {
            // Priming is an optimisation: a snapshot without it is slower on first use, not broken.
            LOG.warn("priming failed", entry("reason", e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // The client re-resolves credentials and reopens connections on demand; nonces need a fresh random source.
        tokens.afterRestore();
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

}
