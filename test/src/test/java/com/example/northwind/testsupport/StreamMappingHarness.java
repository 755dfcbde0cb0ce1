package com.example.northwind.testsupport;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.example.northwind.local.LocalContext;
import com.example.northwind.local.stream.Checkpoints;
import com.example.northwind.local.stream.DynamoDbStreamSource;
import com.example.northwind.local.stream.FailureDestination;
import com.example.northwind.local.stream.FunctionInvoker;
import com.example.northwind.local.stream.LocalEventSourceMapping;
import com.example.northwind.local.stream.MappingSettings;
import com.example.northwind.local.stream.StreamSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A handler run by the local event source mapping on a table's stream, for tests (of the mapping, and of a stream
 * consumer): the handler is invoked in-process on the mapping's threads (a thrown exception is a function error), and
 * {@link #awaitCaughtUp()} waits until everything written before the call is done — never a fixed sleep.
 */
public final class StreamMappingHarness implements AutoCloseable {
    /** Long enough for any test's backlog on a loaded machine; a test fails rather than hangs past it. */
    public static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(60);
    /** Lambda's polling, with quick retries so tests of retries do not wait for Lambda's backoff. */
    public static final LocalEventSourceMapping.Timing TEST_TIMING = new LocalEventSourceMapping.Timing(
            Duration.ofMillis(250), Duration.ofMillis(200), Duration.ofMillis(5));

    private final LocalEventSourceMapping mapping;
    private final DynamoDbStreamsClient streams;

    private StreamMappingHarness(LocalEventSourceMapping mapping, DynamoDbStreamsClient streams) {
        this.mapping = mapping;
        this.streams = streams;
    }

    /** Starts the mapping on {@code table}'s stream (in memory checkpoints, failed batches dropped, the system clock). */
    public static StreamMappingHarness start(URI endpoint, String table, MappingSettings settings, RequestStreamHandler handler) {
        return start(endpoint, table, settings, handler, Checkpoints.inMemory(), FailureDestination.none(), Clock.systemUTC());
    }

    public static StreamMappingHarness start(URI endpoint, String table, MappingSettings settings, RequestStreamHandler handler,
                                             Checkpoints checkpoints, FailureDestination failures, Clock clock) {
        DynamoDbStreamsClient streams = streamsClient(endpoint);
        String arn = streamArn(endpoint, table);
        LocalEventSourceMapping mapping = LocalEventSourceMapping.start(new DynamoDbStreamSource(streams, arn), settings,
                inProcess(handler), checkpoints, failures, "arn:aws:lambda:us-east-1:000000000000:function:stream:live",
                clock, TEST_TIMING, quiet());
        return new StreamMappingHarness(mapping, streams);
    }

    /** The mapping on any source (a test's own shard listing). */
    public static LocalEventSourceMapping start(StreamSource source, MappingSettings settings, RequestStreamHandler handler) {
        return LocalEventSourceMapping.start(source, settings, inProcess(handler), Checkpoints.inMemory(),
                FailureDestination.none(), "arn:aws:lambda:us-east-1:000000000000:function:stream", Clock.systemUTC(),
                TEST_TIMING, quiet());
    }

    public LocalEventSourceMapping mapping() {
        return mapping;
    }

    /** Waits until everything written so far is done; fails the test when it takes longer than {@link #CATCH_UP_TIMEOUT}. */
    public void awaitCaughtUp() throws InterruptedException {
        if (!mapping.awaitCaughtUp(CATCH_UP_TIMEOUT)) {
            throw new AssertionError("the stream mapping did not catch up within " + CATCH_UP_TIMEOUT + ": " + mapping.status());
        }
    }

    @Override
    public void close() {
        mapping.close();
        streams.close();
    }

    /** A table keyed (pk, sk) with a NEW_AND_OLD_IMAGES stream, as the Northwind table has. */
    public static void createTableWithStream(DynamoDbClient dynamo, String name) {
        dynamo.createTable(b -> b.tableName(name)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    }

    public static String streamArn(URI endpoint, String table) {
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            return dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn();
        }
    }

    /** Every record the stream holds, read independently of any mapping: each listed shard from TRIM_HORIZON. */
    public static List<Record> allRecords(URI endpoint, String streamArn) {
        List<Record> out = new ArrayList<>();
        try (DynamoDbStreamsClient streams = streamsClient(endpoint)) {
            for (Shard shard : streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
                String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                while (iterator != null) {
                    String current = iterator;
                    GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(current));
                    out.addAll(page.records());
                    // An open shard always answers an iterator: an empty page is its end for now.
                    iterator = page.records().isEmpty() ? null : page.nextShardIterator();
                }
            }
        }
        return out;
    }

    /** The sequence numbers of {@link #allRecords}. */
    public static List<String> allSequenceNumbers(URI endpoint, String streamArn) {
        return allRecords(endpoint, streamArn).stream().map(r -> r.dynamodb().sequenceNumber()).toList();
    }

    public static DynamoDbStreamsClient streamsClient(URI endpoint) {
        return DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** The handler called directly: its answer, or its exception as Lambda reports an unhandled error. */
    public static FunctionInvoker inProcess(RequestStreamHandler handler) {
        return event -> {
            String requestId = UUID.randomUUID().toString();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                handler.handleRequest(new ByteArrayInputStream(event), out, new LocalContext("stream", "1",
                        "arn:aws:lambda:us-east-1:000000000000:function:stream:live", requestId, 60_000, 1024));
                return new FunctionInvoker.Outcome(out.toByteArray(), false, false, requestId, "1");
            } catch (Exception | AssertionError e) {
                String body = "{\"errorMessage\":\"" + String.valueOf(e.getMessage()).replace("\"", "'")
                        + "\",\"errorType\":\"" + e.getClass().getName() + "\"}";
                return new FunctionInvoker.Outcome(body.getBytes(StandardCharsets.UTF_8), true, false, requestId, "1");
            }
        };
    }

    private static Consumer<String> quiet() {
        return line -> { };
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }

    /** No filters, no retries limit: Lambda's defaults with the given batch size. */
    public static MappingSettings settings(int batchSize) {
        return MappingSettings.lambdaDefaults().withBatchSize(batchSize);
    }

    /** Kept for symmetry with the template's mapping: the filter patterns of a test. */
    public static MappingSettings settings(int batchSize, List<String> filters) {
        return settings(batchSize).withFilterPatterns(filters);
    }
}
