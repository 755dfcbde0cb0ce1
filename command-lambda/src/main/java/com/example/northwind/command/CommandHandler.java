package com.example.northwind.command;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

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
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The command Lambda: JSON in, JSON out. Every command is one TransactWriteItems preceded by the few reads it
 * needs; ValidationError, NotFound and Conflict are answered (nothing written), anything else — DynamoDB
 * unreachable, throttling beyond the SDK's retries — is thrown, so Lambda counts a function error.
 */
public final class CommandHandler implements RequestStreamHandler, Resource {
    private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);
    /** One DynamoDB call, retries included: a few such calls fit the function's timeout with room to spare. */
    static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(5);
    static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
    private static final JSON WRITER = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);
    /** An HTTP API request without the order to ship (a ValidationError, no DynamoDB call): primes the HTTP path. */
    private static final String PRIMING_EVENT = "{\"version\":\"2.0\",\"routeKey\":\"POST /commands/{command}\","
            + "\"rawPath\":\"/commands/shipOrder\",\"rawQueryString\":\"\",\"headers\":{\"content-type\":\"application/json\"},"
            + "\"pathParameters\":{\"command\":\"shipOrder\"},\"requestContext\":{\"http\":{\"method\":\"POST\","
            + "\"path\":\"/commands/shipOrder\"},\"routeKey\":\"POST /commands/{command}\",\"stage\":\"$default\"},"
            + "\"body\":\"{}\",\"isBase64Encoded\":false}";

    private final CommandParser parser = new CommandParser();
    private final CommandService service;

    /** Lambda entry: one client per execution environment, region and table from the environment. */
    public CommandHandler() {
        this(LambdaEnvironment.dynamoDb(LambdaEnvironment.timeouts(API_CALL_TIMEOUT, API_CALL_ATTEMPT_TIMEOUT)),
                LambdaEnvironment.required(FunctionContract.ENV_TABLE_NAME), Clock.systemUTC());
        Core.getGlobalContext().register(this);
    }

    /** For tests and local runs: an existing client and table, and the clock that says what "today" is. */
    public CommandHandler(DynamoDbClient dynamo, String tableName, Clock clock) {
        this(new CommandService(dynamo, tableName, clock));
    }

    /** As restored from a snapshot: this handler's leased order ids start as {@code orderIds} (SnapStart tests). */
    CommandHandler(DynamoDbClient dynamo, String tableName, Clock clock, OrderIdBlocks orderIds) {
        this(new CommandService(dynamo, tableName, clock, orderIds));
    }

    private CommandHandler(CommandService service) {
        this.service = service;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] answer = context == null ? handle(input) : PowertoolsLogging.withLogging(context, () -> handle(input));
        output.write(answer);
        output.flush();
    }

    /**
     * The answer bytes for a request; throws only for failures that are not the caller's fault. An HTTP API event is
     * answered through {@link HttpApiAdapter} (an HTTP response around the same answer); anything else is the direct
     * API's request, read and answered as it always was.
     */
    byte[] handle(InputStream raw) {
        try {
            InputStream input = HttpApiAdapter.rewindable(raw);
            if (HttpApiAdapter.isHttpApiEvent(input)) {
                return HttpApiAdapter.answer(JsonRequestReader.readLimited(input), HttpApiAdapter.Route.COMMAND,
                        direct -> answer(() -> parser.parse(direct)));
            }
            return WRITER.asBytes(answer(() -> parser.parse(input)));
        } catch (IOException e) {
            throw new IllegalStateException("could not read the request or write the answer", e);
        }
    }

    /** The answer to a request (parsed by {@code parse}): the outcome, or the refusal; DynamoDB failures throw. */
    private Map<String, Object> answer(Supplier<CommandRequest> parse) {
        long start = System.nanoTime();
        Map<String, Object> answer;
        try {
            CommandRequest parsed = parse.get();
            CommandService.Outcome outcome = service.run(parsed);
            LOG.info("command", entry("command", parsed.name()), entry("params", CommandParser.describe(parsed)),
                    entry("requests", outcome.usage().requests()), entry("attempts", outcome.attempts()),
                    entry("replayed", outcome.replayed()), entry("consumedCapacity", outcome.usage().units()),
                    entry("durationMs", elapsedMs(start)));
            answer = outcome.toJson();
        } catch (CommandError e) {
            LOG.warn("refused", entry("type", e.type().name()), entry("reason", e.getMessage()),
                    entry("durationMs", elapsedMs(start)));
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("type", e.type().name());
            error.put("message", e.getMessage());
            answer = Map.of("error", error);
        }
        return answer;
    }

    /** Public for the local run and tests: the answer to a request given as bytes. */
    public byte[] handle(byte[] request) {
        return handle(new ByteArrayInputStream(request));
    }

    /**
     * Before the SnapStart snapshot: run the parse/answer path and a real read (a command on an order that does not
     * exist reads one item and is answered NotFound, writing nothing), so classes, the HTTP and credentials path and
     * the JSON machinery are initialised in the snapshot.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            handle("{\"command\":\"shipOrder\",\"params\":{\"orderId\":0}}".getBytes(StandardCharsets.UTF_8));
            handle(PRIMING_EVENT.getBytes(StandardCharsets.UTF_8));
            handleRequest(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), null);
        } catch (Exception e) {
            // Priming is an optimisation: a snapshot without it is slower on first use, not broken.
            LOG.warn("priming failed", entry("reason", e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        // Nothing unique may be in the snapshot: priming places no order, and no block of order ids is kept.
        service.orderIds().drop();
    }

    /**
     * After a SnapStart restore: many environments are restored from one snapshot, so a block of order ids held in it
     * would be handed out by each of them. Drop it; the first order leases a block of this environment's own. (The
     * client re-resolves credentials and reopens connections on demand.)
     */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        service.orderIds().drop();
    }

    /** This environment's leased order ids (tests: what a snapshot would hold). */
    OrderIdBlocks orderIds() {
        return service.orderIds();
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

}
