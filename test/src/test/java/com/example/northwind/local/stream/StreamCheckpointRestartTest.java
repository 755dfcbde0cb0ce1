package com.example.northwind.local.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.local.LocalDynamoDbServer;
import com.example.northwind.testsupport.ScriptedStreamHandler;
import com.example.northwind.testsupport.StreamMappingHarness;
import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code ./run-local.sh --db-path DIR} stopped while commands are still writing, and started again: DynamoDB Local
 * keeps the stream in its database (same stream ARN, same records, sequence numbers going on), and the mapping continues
 * from the checkpoint file beside it. Nothing is lost, and what is delivered twice is at most the batch that was in
 * flight when it stopped (at-least-once; the consumer's markers make that harmless).
 */
class StreamCheckpointRestartTest {
    private static final String TABLE = "stream-restart";
    private Path db;

    @AfterEach
    void deleteFolder() throws Exception {
        if (db != null) {
            try (var walk = Files.walk(db)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void stopMidBurstAndRestart_losesNoRecord_andRepeatsAtMostTheBatchInFlight() throws Exception {
        // GIVEN DynamoDB Local on disk with a streamed table, and a mapping (BatchSize 5) checkpointing beside it
        Path shm = Path.of("/dev/shm");
        db = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "stream-restart-")
                : Files.createTempDirectory("stream-restart-");
        Path checkpointFile = db.resolve(Checkpoints.FILE_NAME);
        MappingSettings settings = StreamMappingHarness.settings(5);
        ScriptedStreamHandler firstRun = ScriptedStreamHandler.succeeding();
        String streamArn;
        AtomicInteger written = new AtomicInteger();
        int writtenWhenStopped;
        try (LocalDynamoDbServer server = LocalDynamoDbServer.start(0, db); DynamoDbClient dynamo = client(server)) {
            StreamMappingHarness.createTableWithStream(dynamo, TABLE);
            streamArn = StreamMappingHarness.streamArn(server.endpoint(), TABLE);
            StreamMappingHarness mapping = StreamMappingHarness.start(server.endpoint(), TABLE, settings, firstRun,
                    Checkpoints.file(checkpointFile), FailureDestination.none(), Clock.systemUTC());
            // WHEN a burst of writes runs, and the mapping is stopped in the middle of it (writes going on) ...
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = new Thread(() -> {
                while (writing.get()) {
                    put(dynamo, "ORDER#" + written.incrementAndGet());
                }
            });
            writer.start();
            awaitCondition(() -> firstRun.done().size() >= 40 && written.get() >= 80);
            mapping.close();
            writtenWhenStopped = written.get();
            awaitCondition(() -> written.get() >= writtenWhenStopped + 30);
            writing.set(false);
            writer.join();
        }
        // ... and DynamoDB Local and the mapping start again on the same folder, and more is written
        ScriptedStreamHandler secondRun = ScriptedStreamHandler.succeeding();
        List<String> stream;
        try (LocalDynamoDbServer server = LocalDynamoDbServer.start(0, db); DynamoDbClient dynamo = client(server)) {
            assertEquals(streamArn, StreamMappingHarness.streamArn(server.endpoint(), TABLE), "the stream survived the restart");
            try (StreamMappingHarness mapping = StreamMappingHarness.start(server.endpoint(), TABLE, settings, secondRun,
                    Checkpoints.file(checkpointFile), FailureDestination.none(), Clock.systemUTC())) {
                for (int i = 0; i < 20; i++) {
                    put(dynamo, "ORDER#after-" + i);
                }
                mapping.awaitCaughtUp();
            }
            stream = StreamMappingHarness.allSequenceNumbers(server.endpoint(), streamArn);
        }

        // THEN the stream holds every write of both runs (DynamoDB Local kept it) ...
        assertEquals(written.get() + 20, stream.size());
        // ... every record of it was done by one run or the other, in order within each run ...
        Set<String> done = new LinkedHashSet<>(firstRun.done());
        done.addAll(secondRun.done());
        assertEquals(new HashSet<>(stream), done, "records lost across the restart");
        assertEquals(stream.subList(0, firstRun.done().size()), firstRun.done());
        // ... the second run started right after the first run's checkpoint ...
        Map<String, Object> checkpoint = JSON.std.mapFrom(Files.readString(checkpointFile));
        assertEquals(streamArn, checkpoint.get("streamArn"));
        List<String> repeated = new ArrayList<>(firstRun.done());
        repeated.retainAll(secondRun.done());
        int resumedAt = stream.indexOf(secondRun.done().get(0));
        assertEquals(firstRun.done().size() - repeated.size(), resumedAt, "the second run did not start at the checkpoint");
        // ... and what both runs did is at most the one batch in flight at the stop
        assertTrue(repeated.size() <= settings.batchSize(), "delivered twice: " + repeated);
        // AND the stop really was mid-burst: records written after it were done by the second run
        assertTrue(stream.size() > writtenWhenStopped && firstRun.done().size() < writtenWhenStopped,
                firstRun.done().size() + " done / " + writtenWhenStopped + " written at the stop");
    }

    private static void put(DynamoDbClient dynamo, String pk) {
        dynamo.putItem(b -> b.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("ORDER"))));
    }

    private static DynamoDbClient client(LocalDynamoDbServer server) {
        return DynamoDbClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + StreamMappingHarness.CATCH_UP_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(2);
        }
    }
}
