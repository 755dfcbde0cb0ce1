package com.example.northwind.stream;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.example.northwind.lambda.LambdaEnvironment;
import com.example.northwind.schema.FunctionContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.jr.ob.JSON;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The stream consumer: the event source mapping's event in (Lambda's DynamoDB stream
 * event JSON: {@code {"Records": [{eventID, eventName, dynamodb: {Keys, NewImage, OldImage, SequenceNumber, ...}}]}}),
 * the answer {@code {"batchItemFailures": [{"itemIdentifier": "<SequenceNumber of the first record not done>"}]}} out.
 * A failure that is not a record's (DynamoDB unreachable) is thrown: Lambda counts a function error and retries.
 */
public final class StreamHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(StreamHandler.class);
    private final DynamoDbClient dynamo;
    private final String tableName;
    private final List<Derivation> derivations;

    /** Lambda entry: one client per execution environment, region and table from the environment. */
    public StreamHandler() {
        this(LambdaEnvironment.dynamoDb(LambdaEnvironment.timeouts(java.time.Duration.ofSeconds(5),
                java.time.Duration.ofSeconds(2))), LambdaEnvironment.required(FunctionContract.ENV_TABLE_NAME));
    }

    /** For tests and local runs: an existing client and table. */
    public StreamHandler(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.derivations = derivations(dynamo, tableName);
    }

    /** Every kind of derived data this consumer keeps; each sees the whole batch. */
    private static List<Derivation> derivations(DynamoDbClient dynamo, String tableName) {
        return List.of(new SalesDerivation(new com.example.northwind.derived.SalesLedger(dynamo, tableName)),
                new StockDerivation(new com.example.northwind.derived.ListedStock(dynamo, tableName)));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] answer;
        if (context == null) {
            answer = handle(input);
        } else {
            // Powertools: JSON log lines carrying the request id, as the query and command functions write them.
            answer = PowertoolsLogging.withLogging(context, () -> {
                try {
                    return handle(input);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        output.write(answer);
        output.flush();
    }

    private byte[] handle(InputStream input) throws IOException {
        long start = System.nanoTime();
        List<StreamChange> batch = StreamEventReader.changes(JSON.std.mapFrom(input));
        int firstNotDone = batch.size();
        for (Derivation derivation : derivations) {
            firstNotDone = Math.min(firstNotDone, derivation.apply(batch));
        }
        List<Map<String, String>> failures = firstNotDone < batch.size()
                ? List.of(Map.of("itemIdentifier", batch.get(firstNotDone).sequenceNumber()))
                : List.of();
        LOG.info("batch", entry("records", batch.size()), entry("done", firstNotDone),
                entry("durationMs", (System.nanoTime() - start) / 1_000_000));
        return JSON.std.asBytes(Map.of("batchItemFailures", failures));
    }
}
