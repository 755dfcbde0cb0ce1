package com.example.northwind.local.stream;

import static com.example.northwind.testsupport.ScriptedStreamHandler.partitionKey;
import static com.example.northwind.testsupport.ScriptedStreamHandler.sequenceNumber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.testsupport.LocalDynamo;
import com.example.northwind.testsupport.ScriptedStreamHandler;
import com.example.northwind.testsupport.StreamMappingHarness;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The local event source mapping against DynamoDB Local's real stream, with real threads and test functions that fail
 * on cue: batch size and batching window, filter criteria, partial batch responses, bisection, retries, record age and
 * the failure destination's records, and the lag it reports. Each test has a table (and stream) of its own; what the
 * stream holds is read back independently with GetRecords.
 */
class LocalEventSourceMappingTest {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static LocalDynamo ddb;

    @BeforeAll
    static void startDynamoDbLocal() {
        ddb = LocalDynamo.start();
    }

    @Test
    void batchSize_splitsABacklogIntoBatchesOfAtMostThatMany_inOrder_eachRecordOnce() throws Exception {
        // GIVEN 25 changes in the stream before the mapping starts
        String table = table();
        for (int i = 0; i < 25; i++) {
            put(table, "ITEM#" + i);
        }
        ScriptedStreamHandler handler = ScriptedStreamHandler.succeeding();

        // WHEN a mapping with BatchSize 10 (no window) reads it from TRIM_HORIZON
        try (StreamMappingHarness mapping = StreamMappingHarness.start(ddb.endpoint(), table,
                StreamMappingHarness.settings(10), handler)) {
            mapping.awaitCaughtUp();
        }

        // THEN three invocations of 10, 10 and 5, every record of the stream exactly once, in stream order
        assertEquals(List.of(10, 10, 5), handler.invocations().stream().map(ScriptedStreamHandler.Invocation::size).toList());
        assertEquals(streamSequenceNumbers(table), handler.done());
    }

    @Test
    void batchingWindow_gathersChangesMadeApartIntoOneInvocation_andDelaysItByAboutTheWindow() throws Exception {
        // GIVEN a mapping with a 2 s batching window, caught up on an empty stream
        String table = table();
        List<Long> invokedAt = new ArrayList<>();
        ScriptedStreamHandler handler = new ScriptedStreamHandler((n, records) -> {
            synchronized (invokedAt) {
                invokedAt.add(System.nanoTime());
            }
            return null;
        });
        MappingSettings settings = StreamMappingHarness.settings(100).withMaxBatchingWindow(Duration.ofSeconds(2));
        try (StreamMappingHarness mapping = StreamMappingHarness.start(ddb.endpoint(), table, settings, handler)) {
            mapping.awaitCaughtUp();

            // WHEN two changes are made 600 ms apart (more than two polls)
            long first = System.nanoTime();
            put(table, "ITEM#A");
            Thread.sleep(600);
            put(table, "ITEM#B");
            mapping.awaitCaughtUp();

            // THEN one invocation holds both, made no sooner than the window allows after the first change was read
            assertEquals(List.of(List.of("ITEM#A", "ITEM#B")), handler.invocations().stream()
                    .map(ScriptedStreamHandler.Invocation::partitionKeys).toList());
            long waitedMs = (invokedAt.get(0) - first) / 1_000_000;
            assertTrue(waitedMs >= 1_700, "invoked " + waitedMs + " ms after the first change, within the 2 s window");
        }
    }

    @Test
    void noBatchingWindow_invokesWithWhatAPollReturned() throws Exception {
        // GIVEN a mapping without a window (Lambda's default), caught up
        String table = table();
        ScriptedStreamHandler handler = ScriptedStreamHandler.succeeding();
        try (StreamMappingHarness mapping = StreamMappingHarness.start(ddb.endpoint(), table,
                StreamMappingHarness.settings(100), handler)) {
            mapping.awaitCaughtUp();
            // WHEN one change is made, done, then another
            put(table, "ITEM#A");
            mapping.awaitCaughtUp();
            put(table, "ITEM#B");
            mapping.awaitCaughtUp();
        }
        // THEN each came in an invocation of its own
        assertEquals(List.of(List.of("ITEM#A"), List.of("ITEM#B")), handler.invocations().stream()
                .map(ScriptedStreamHandler.Invocation::partitionKeys).toList());
    }

    @Test
    void filterCriteria_invokeOnlyForMatchingRecords_andTheOthersCountAsDone() throws Exception {
        // GIVEN changes of several kinds, and a mapping whose filter passes order items only (on dynamodb.Keys)
        String table = table();
        for (String pk : List.of("ORDER#1", "CUSTOMER#1", "ORDER#2", "_DERIVED#x", "PRODUCT_SALES#1", "ORDER#3")) {
            put(table, pk);
        }
        ScriptedStreamHandler handler = ScriptedStreamHandler.succeeding();
        MappingSettings settings = StreamMappingHarness.settings(100,
                List.of("{\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":[{\"prefix\":\"ORDER#\"}]}}}}"));

        // WHEN it reads the stream until caught up
        try (StreamMappingHarness mapping = StreamMappingHarness.start(ddb.endpoint(), table, settings, handler)) {
            mapping.awaitCaughtUp();
            // THEN only the orders reached the function, in order; the rest held nothing up (caught up, none behind)
            assertEquals(List.of("ORDER#1", "ORDER#2", "ORDER#3"), handler.donePartitionKeys());
            LocalEventSourceMapping.Status status = mapping.mapping().status();
            assertTrue(status.caughtUp(), status.toString());
            assertEquals(3, status.recordsDone());
            assertEquals(0, status.recordsBehind());
        }
    }

    @Test
    void batchItemFailures_retryFromTheLowestReportedRecord_andKeepWhatWasBeforeIt() throws Exception {
        // GIVEN six changes, and a function that reports records 5 and 3 (of 6) not done in its first invocation
        String table = table();
        for (int i = 0; i < 6; i++) {
            put(table, "ITEM#" + i);
        }
        List<String> stream = streamSequenceNumbers(table);
        ScriptedStreamHandler handler = new ScriptedStreamHandler((n, records) -> n == 1
                ? List.of(sequenceNumber(records.get(4)), sequenceNumber(records.get(2))) : null);
        MappingSettings settings = StreamMappingHarness.settings(10).withErrorHandling(true, false, 5, null);

        // WHEN the mapping (ReportBatchItemFailures) delivers them
        try (StreamMappingHarness mapping = StreamMappingHarness.start(ddb.endpoint(), table, settings, handler)) {
            mapping.awaitCaughtUp();
        }

        // THEN the second invocation starts at the third record (the lowest reported), the first two are not sent
        // again, and every record is done exactly once
        List<ScriptedStreamHandler.Invocation> invocations = handler.invocations();
        assertEquals(2, invocations.size());
        assertEquals(stream, invocations.get(0).sequenceNumbers());
        assertEquals(stream.subList(2, 6), invocations.get(1).sequenceNumbers());
        assertEquals(stream, handler.done());
    }

    @Test
    void batchItemFailures_areIgnored_whenTheMappingDoesNotReportThem() throws Exception {
        // GIVEN a function answering a partial failure to a mapping without ReportBatchItemFailures
        String table = table();
        for (int i = 0; i < 3; i++) {
            put(table, "ITEM#" + i);
        }
        ScriptedStreamHandler handler = new ScriptedStreamHandler((n, records) -> List.of(sequenceNumber(records.get(0))));

        // WHEN delivered / THEN Lambda reads no answer: one invocation, the batch done
        try (StreamMappingHarness mapping = StreamMappingHarness.start(ddb.endpoint(), table,
                StreamMappingHarness.settings(10), handler)) {
            mapping.awaitCaughtUp();
        }
        assertEquals(1, handler.invocations().size());
    }

    @Test
    void aPartialAnswerNamingNoRecordOfTheBatch_failsTheWholeBatch() throws Exception {
        // GIVEN a function whose first answer names a sequence number that is not in the batch
        String table = table();
        for (int i = 0; i < 3; i++) {
            put(table, "ITEM#" + i);
        }
        ScriptedStreamHandler handler = new ScriptedStreamHandler((n, records) -> n == 1 ? List.of("1") : null);
        MappingSettings settings = StreamMappingHarness.settings(10).withErrorHandling(true, false, 5, null);

        // WHEN delivered / THEN the whole batch is retried (a malformed answer is a complete failure)
        try (StreamMappingHarness mapping = StreamMappingHarness.start(ddb.endpoint(), table, settings, handler)) {
            mapping.awaitCaughtUp();
        }
        List<ScriptedStreamHandler.Invocation> invocations = handler.invocations();
        assertEquals(2, invocations.size());
        assertEquals(invocations.get(0).sequenceNumbers(), invocations.get(1).sequenceNumbers());
        assertEquals(streamSequenceNumbers(table), handler.done());
    }

    @Test
    void bisect_halvesAFailingBatchUntilThePoisonRecordIsAlone_retriesIt_thenSendsItToTheFailureDestination(
            @TempDir Path failures) throws Exception {
        // GIVEN eight changes, the sixth a record the function always fails on
        String table = table();
        for (int i = 0; i < 8; i++) {
            put(table, i == 5 ? "POISON#5" : "ITEM#" + i);
        }
        List<String> stream = streamSequenceNumbers(table);
        ScriptedStreamHandler handler = new ScriptedStreamHandler((n, records) -> {
            if (records.stream().anyMatch(r -> partitionKey(r).startsWith("POISON"))) {
                throw new IllegalStateException("cannot derive from this record");
            }
            return null;
        });
        MappingSettings settings = StreamMappingHarness.settings(8).withErrorHandling(false, true, 2, null)
                .withFailureDestination(true);

        // WHEN the mapping (BisectBatchOnFunctionError, MaximumRetryAttempts 2) delivers them
        try (StreamMappingHarness mapping = StreamMappingHarness.start(ddb.endpoint(), table, settings, handler,
                Checkpoints.inMemory(), FailureDestination.folder(failures), Clock.systemUTC())) {
            mapping.awaitCaughtUp();
            assertEquals(1, mapping.mapping().status().failedBatches());
        }

        // THEN the batch is halved around the poison record (8 → 4+4 → 2+2 → 1+1; a split is no retry), the poison
        // record alone is tried three times (1 + 2 retries), and the healthy half after it is delivered last
        assertEquals(List.of(8, 4, 4, 2, 1, 1, 1, 1, 2), handler.invocations().stream()
                .map(ScriptedStreamHandler.Invocation::size).toList());
        // AND every other record is done exactly once, in order
        List<String> healthy = new ArrayList<>(stream);
        healthy.remove(5);
        assertEquals(healthy, handler.done());
        // AND one record in the failure folder describes the poison record, as Lambda's on-failure record does
        Map<String, Object> record = onlyFailureRecord(failures);
        assertEquals("RetryAttemptsExhausted", map(record.get("requestContext")).get("condition"));
        assertEquals(3, ((Number) map(record.get("requestContext")).get("approximateInvokeCount")).intValue());
        assertEquals("arn:aws:lambda:us-east-1:000000000000:function:stream:live", map(record.get("requestContext")).get("functionArn"));
        assertEquals(Map.of("statusCode", 200, "executedVersion", "1", "functionError", "Unhandled"), record.get("responseContext"));
        assertEquals("1.0", record.get("version"));
        Map<String, Object> info = map(record.get("DDBStreamBatchInfo"));
        assertEquals(stream.get(5), info.get("startSequenceNumber"));
        assertEquals(stream.get(5), info.get("endSequenceNumber"));
        assertEquals(1, ((Number) info.get("batchSize")).intValue());
        assertEquals(StreamMappingHarness.streamArn(ddb.endpoint(), table), info.get("streamArn"));
        assertTrue(String.valueOf(info.get("shardId")).startsWith("shardId-"), info.toString());
        assertTrue(String.valueOf(info.get("approximateArrivalOfFirstRecord")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
                info.toString());
        assertEquals(List.of("requestContext", "responseContext", "version", "timestamp", "DDBStreamBatchInfo"),
                new ArrayList<>(record.keySet()));
    }

    @Test
    void retriesExhausted_withoutBisect_giveUpTheWholeBatch_andTheShardMovesOn(@TempDir Path failures) throws Exception {
        // GIVEN a batch holding a record the function always fails on, and no bisection
        String table = table();
        put(table, "ITEM#1");
        put(table, "BAD#2");
        put(table, "ITEM#3");
        List<String> stream = streamSequenceNumbers(table);
        ScriptedStreamHandler handler = new ScriptedStreamHandler((n, records) -> {
            if (records.stream().anyMatch(r -> partitionKey(r).startsWith("BAD"))) {
                throw new IllegalStateException("bad record");
            }
            return null;
        });
        MappingSettings settings = StreamMappingHarness.settings(10).withErrorHandling(false, false, 1, null)
                .withFailureDestination(true);

        try (StreamMappingHarness mapping = StreamMappingHarness.start(ddb.endpoint(), table, settings, handler,
                Checkpoints.inMemory(), FailureDestination.folder(failures), Clock.systemUTC())) {
            // WHEN it is delivered (1 + 1 retry), and a later change arrives
            mapping.awaitCaughtUp();
            put(table, "ITEM#4");
            mapping.awaitCaughtUp();
        }

        // THEN the whole batch of three went to the failure destination after two invocations (healthy records with
        // it: without bisection Lambda cannot tell them apart), and the later change was delivered
        Map<String, Object> info = map(onlyFailureRecord(failures).get("DDBStreamBatchInfo"));
        assertEquals(3, ((Number) info.get("batchSize")).intValue());
        assertEquals(stream.get(0), info.get("startSequenceNumber"));
        assertEquals(stream.get(2), info.get("endSequenceNumber"));
        assertEquals(List.of(3, 3, 1), handler.invocations().stream().map(ScriptedStreamHandler.Invocation::size).toList());
        assertEquals(List.of("ITEM#4"), handler.donePartitionKeys());
    }

    @Test
    void maxRecordAge_sendsRecordsTooOldToTheFailureDestination_whileRetriesAreUnbounded(@TempDir Path failures)
            throws Exception {
        // GIVEN a function that always fails, a mapping with unbounded retries and a 60 s maximum record age, and a
        // clock the test moves
        String table = table();
        put(table, "ITEM#1");
        put(table, "ITEM#2");
        MutableClock clock = new MutableClock(Instant.now());
        ScriptedStreamHandler handler = new ScriptedStreamHandler((n, records) -> {
            throw new IllegalStateException("down");
        });
        MappingSettings settings = StreamMappingHarness.settings(10)
                .withErrorHandling(false, false, -1, Duration.ofSeconds(60)).withFailureDestination(true);

        try (StreamMappingHarness mapping = StreamMappingHarness.start(ddb.endpoint(), table, settings, handler,
                Checkpoints.inMemory(), FailureDestination.folder(failures), clock)) {
            // WHEN the records are retried for a while, and then over a minute passes
            awaitCondition(() -> handler.invocations().size() >= 2, "two failed invocations");
            assertFalse(mapping.mapping().status().caughtUp());
            clock.advance(Duration.ofSeconds(61));
            mapping.awaitCaughtUp();
        }

        // THEN both records went to the failure destination as too old (the mapping caught up past them: retries
        // stopped), none was ever done by the function, and the record says how often it was tried
        Map<String, Object> record = onlyFailureRecord(failures);
        assertEquals("RecordAgeExceeded", map(record.get("requestContext")).get("condition"));
        assertEquals(2, ((Number) map(record.get("DDBStreamBatchInfo")).get("batchSize")).intValue());
        assertEquals(handler.invocations().size(),
                ((Number) map(record.get("requestContext")).get("approximateInvokeCount")).intValue());
        assertEquals(List.of(), handler.done());
    }

    @Test
    void lag_reportsRecordsBehindAndTheAgeOfTheOldest_untilCaughtUp() throws Exception {
        // GIVEN five changes and a function that holds its first invocation until released
        String table = table();
        for (int i = 0; i < 5; i++) {
            put(table, "ITEM#" + i);
        }
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ScriptedStreamHandler handler = new ScriptedStreamHandler((n, records) -> {
            entered.countDown();
            release.await(1, TimeUnit.MINUTES);
            return null;
        });
        MutableClock clock = new MutableClock(Instant.now());
        try (StreamMappingHarness mapping = StreamMappingHarness.start(ddb.endpoint(), table,
                StreamMappingHarness.settings(100), handler, Checkpoints.inMemory(), FailureDestination.none(), clock)) {
            assertTrue(entered.await(1, TimeUnit.MINUTES));

            // WHEN the function is busy with them and 7 s pass
            clock.advance(Duration.ofSeconds(7));
            LocalEventSourceMapping.Status busy = mapping.mapping().status();

            // THEN the mapping reports the five records behind and a lag of at least those 7 s
            assertFalse(busy.caughtUp());
            assertEquals(5, busy.recordsBehind());
            assertTrue(busy.lag().compareTo(Duration.ofSeconds(7)) >= 0, busy.toString());
            assertTrue(busy.describe().startsWith("5 records behind, lag "), busy.describe());

            // AND once released and caught up: nothing behind, no lag
            release.countDown();
            mapping.awaitCaughtUp();
            LocalEventSourceMapping.Status done = mapping.mapping().status();
            assertTrue(done.caughtUp());
            assertEquals(0, done.recordsBehind());
            assertEquals(Duration.ZERO, done.lag());
            assertEquals("caught up", done.describe());
        }
    }

    @Test
    void awaitCaughtUp_returnsOnlyWhenEveryChangeMadeBeforeItIsDone() throws Exception {
        // GIVEN a slow function taking one record at a time
        String table = table();
        ScriptedStreamHandler handler = new ScriptedStreamHandler((n, records) -> {
            Thread.sleep(10);
            return null;
        });
        try (StreamMappingHarness mapping = StreamMappingHarness.start(ddb.endpoint(), table,
                StreamMappingHarness.settings(1), handler)) {
            for (int round = 1; round <= 3; round++) {
                // WHEN changes are made and the test waits for the mapping to catch up
                for (int i = 0; i < 10; i++) {
                    put(table, "ITEM#" + round + "-" + i);
                }
                mapping.awaitCaughtUp();
                // THEN every one of them is done at that moment
                assertEquals(10 * round, handler.done().size(), "round " + round);
            }
        }
        assertEquals(streamSequenceNumbers(table), handler.done());
    }

    private static String table() {
        String name = "stream-mapping-" + TABLES.incrementAndGet();
        StreamMappingHarness.createTableWithStream(ddb.dynamo(), name);
        return name;
    }

    private static void put(String table, String pk) {
        ddb.dynamo().putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("A"),
                "n", AttributeValue.fromN("1"))));
    }

    /** Every sequence number the table's stream holds, read independently of the mapping. */
    static List<String> streamSequenceNumbers(String table) {
        return StreamMappingHarness.allSequenceNumbers(ddb.endpoint(), StreamMappingHarness.streamArn(ddb.endpoint(), table));
    }

    private static Map<String, Object> onlyFailureRecord(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> json = files.filter(f -> f.toString().endsWith(".json")).toList();
            assertEquals(1, json.size(), "failure records: " + json);
            return JSON.std.mapFrom(Files.readString(json.get(0)));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + StreamMappingHarness.CATCH_UP_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(5);
        }
    }

    /** A clock the test moves forward. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
