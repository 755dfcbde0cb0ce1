package com.example.northwind.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.example.northwind.local.stream.Checkpoints;
import com.example.northwind.local.stream.ConsumerWrites;
import com.example.northwind.local.stream.DynamoDbStreamSource;
import com.example.northwind.local.stream.FailureDestination;
import com.example.northwind.local.stream.LocalEventSourceMapping;
import com.example.northwind.local.stream.MappingSettings;
import com.example.northwind.local.stream.StreamConsumer;
import com.example.northwind.stream.StreamHandler;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Starts the stream consumer of a local run: the event source mapping of the synthesized template
 * ({@link TemplateStreamMapping}) reading the local table's stream into the stream function (stream-lambda's
 * {@link StreamHandler}, in-process like the other functions, on a DynamoDB client of its own whose writes are recorded
 * for the design explorer). With {@code --db-path} the checkpoints and the failed batches' records live beside the
 * database ({@value Checkpoints#FILE_NAME}, {@value #FAILURES_FOLDER}/); in memory, checkpoints last the run and failed
 * batches go to a folder in the temporary directory.
 */
final class StreamConsumerLauncher {
    /** The local on-failure destination's folder in the database folder. */
    static final String FAILURES_FOLDER = "stream-failures";
    /** The stream function's short name (as {@code query} and {@code command}). */
    static final String STREAM_FUNCTION = "stream";
    private static final AtomicInteger RUNS = new AtomicInteger();

    private StreamConsumerLauncher() {
    }

    /** The consumer with the real handler, Lambda's timing and the system clock; empty when the template maps nothing. */
    static Optional<StreamConsumer> start(CloudAssembly assembly, URI endpoint, String tableName, Path dbPath,
                                          PrintStream console) {
        return start(assembly, endpoint, tableName, dbPath, console, dynamo -> new StreamHandler(dynamo, tableName),
                Clock.systemUTC(), LocalEventSourceMapping.Timing.lambdaLike());
    }

    /**
     * @param handlers the function's handler around the consumer's client (tests give their own)
     * @throws IllegalStateException when the table has no stream or the mapping cannot be run locally
     */
    static Optional<StreamConsumer> start(CloudAssembly assembly, URI endpoint, String tableName, Path dbPath,
                                          PrintStream console, Function<DynamoDbClient, RequestStreamHandler> handlers,
                                          Clock clock, LocalEventSourceMapping.Timing timing) {
        Optional<TemplateStreamMapping.Found> found = TemplateStreamMapping.find(assembly, tableName);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        MappingSettings settings = found.get().settings();
        if (!settings.enabled()) {
            console.println("Stream consumer: the mapping " + found.get().logicalId() + " is disabled in the template.");
            return Optional.empty();
        }
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            ConsumerWrites writes = new ConsumerWrites();
            DynamoDbClient dynamo = LocalStack.client(endpoint, writes);
            resources.add(dynamo);
            String streamArn = dynamo.describeTable(b -> b.tableName(tableName)).table().latestStreamArn();
            if (streamArn == null) {
                throw new IllegalStateException("The table " + tableName + " at " + endpoint + " has no stream, but the "
                        + "template maps its stream to a function (" + found.get().logicalId() + ").");
            }
            DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
                    .endpointOverride(endpoint)
                    .region(Region.of(TemplateValues.REGION))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .build();
            resources.add(streams);
            LocalFunction function = LocalStack.localFunction(assembly, STREAM_FUNCTION, found.get().function(),
                    () -> handlers.apply(dynamo));
            StreamFunctionInvoker invoker = new StreamFunctionInvoker(function, found.get().qualifier());
            resources.add(invoker);
            Checkpoints checkpoints = dbPath == null ? Checkpoints.inMemory()
                    : Checkpoints.file(dbPath.resolve(Checkpoints.FILE_NAME));
            FailureDestination failures = !settings.failureDestination() ? FailureDestination.none()
                    : FailureDestination.folder(dbPath != null ? dbPath.resolve(FAILURES_FOLDER).toAbsolutePath()
                    : Path.of(System.getProperty("java.io.tmpdir")).resolve("northwind-" + FAILURES_FOLDER + "-"
                    + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet()).toAbsolutePath());
            console.println("Stream consumer: " + found.get().logicalId() + " → " + STREAM_FUNCTION
                    + (found.get().qualifier() == null ? "" : ":" + found.get().qualifier()) + " (" + settings.describe()
                    + (settings.parallelizationFactor() > 1 ? "; parallelization factor " + settings.parallelizationFactor()
                    + " runs as 1 locally" : "") + ")");
            LocalEventSourceMapping mapping = LocalEventSourceMapping.start(new DynamoDbStreamSource(streams, streamArn),
                    settings, invoker, checkpoints, failures, invoker.invokedArn(), clock, timing, console::println);
            return Optional.of(new StreamConsumer(mapping, writes, failures, checkpoints, resources));
        } catch (RuntimeException e) {
            for (int i = resources.size() - 1; i >= 0; i--) {
                try {
                    resources.get(i).close();
                } catch (Exception ignored) {
                    // the start failure is what gets reported
                }
            }
            if (e instanceof IllegalArgumentException) {
                throw new IllegalStateException("The stream consumer cannot start: " + e.getMessage(), e);
            }
            throw e;
        }
    }
}
