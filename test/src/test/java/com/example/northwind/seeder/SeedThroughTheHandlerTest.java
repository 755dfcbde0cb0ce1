package com.example.northwind.seeder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.model.ModelVersion;
import com.example.northwind.schema.NorthwindData;
import com.example.northwind.testsupport.LocalDynamo;
import com.example.northwind.testsupport.NorthwindCsv;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;

/**
 * A first seed (and a converge) that needs more than one Lambda invocation, as CloudFormation drives it through the
 * Provider framework: onEvent works until its budget is spent and answers Complete "false", then isComplete is
 * polled — each poll continuing from the checkpoint {@code _SEED_PROGRESS} in the table — until it answers
 * IsComplete true. The result is compared with the items the CSVs give (derived in the test, {@link ExpectedItems})
 * and with a seed done in one go into another table, bookkeeping items included.
 */
class SeedThroughTheHandlerTest {
    static LocalDynamo local;
    /** A table seeded in one go: the reference, every item including the counter and the seed record. */
    static Map<String, Map<String, String>> oneShot;

    @BeforeAll
    static void seedTheReference() {
        local = LocalDynamo.start();
        String reference = local.createTable();
        new NorthwindSeeder(local.dynamo(), reference).seed(NorthwindCsv.dir());
        oneShot = scanAll(local.dynamo(), reference);
    }

    @Test
    void freshTable_seedNeedingManyInvocations_continuesFromItsCheckpoint_andEqualsASeedInOneGo() {
        // GIVEN a new table, and a seeder whose budget per invocation is 80 clock readings (a few
        // dozen batches of the ~211 the data needs)
        String table = local.createTable();
        SeederHandler handler = handler(local.dynamo(), table, tinyBudget(), SeedOptions.DEFAULT_CHECKPOINT_INTERVAL);
        Map<String, Object> create = event("Create", "request-1", table, null);

        // WHEN CloudFormation sends the Create, then the Provider framework polls isComplete
        Map<String, Object> started = handler.handleRequest(create, null);
        Polls polls = poll(handler, pollEvent(create, started));

        // THEN onEvent answered without failing, its physical id and an unfinished seed's counts
        Map<?, ?> startedData = (Map<?, ?>) started.get("Data");
        assertEquals("northwind-seed-" + table, started.get("PhysicalResourceId"));
        assertEquals("false", startedData.get("Complete"), "a tiny budget cannot finish in onEvent");
        assertEquals(String.valueOf(ExpectedItems.count(NorthwindCsv.dir())), startedData.get("TotalItems"));
        // AND the seed took at least three invocations after onEvent, each unfinished poll with Progress and no Data,
        // each getting further
        assertTrue(polls.answers.size() >= 3, "isComplete polls: " + polls.answers.size());
        assertUnfinishedPollsReportProgressOnly(polls);
        // AND the completing poll's Data are the seed's counts, complete
        Map<?, ?> data = (Map<?, ?>) polls.last().get("Data");
        assertEquals("true", data.get("Complete"));
        assertEquals("false", data.get("Skipped"));
        assertEquals(String.valueOf(ExpectedItems.count(NorthwindCsv.dir())), data.get("TotalItems"));
        assertEquals(String.valueOf(NorthwindCsv.rows("order-details.csv").size()), data.get("ItemsOrderLine"));
        assertEquals(NorthwindData.checksum(NorthwindCsv.dir()), data.get("DataChecksum"));
        // AND the table holds exactly the CSVs' items, and every item a seed in one go leaves (counter, seed record)
        assertEquals(ExpectedItems.of(NorthwindCsv.dir()), ExpectedItems.scan(local.dynamo(), table));
        assertEquals(oneShot, scanAll(local.dynamo(), table));
        // AND the progress item is gone, the seed record is there
        assertSeeded(table);

        // WHEN the stack is deployed again (an Update that re-runs the resource)
        Map<String, Object> update = event("Update", "request-2", table, "northwind-seed-" + table);
        Map<String, Object> again = handler.handleRequest(update, null);
        // THEN the seeded table is left alone, complete at once, and nothing changed
        assertEquals("true", ((Map<?, ?>) again.get("Data")).get("Skipped"));
        assertEquals(true, handler.isComplete(pollEvent(update, again), null).get("IsComplete"));
        assertEquals(oneShot, scanAll(local.dynamo(), table));
    }

    @Test
    void seedKilledMidway_aNewHandlerContinuesFromTheCheckpoint_andTheTableIsTheSame() {
        // GIVEN a new table and a seeder whose Lambda "dies" after 60 BatchWriteItem calls: from then on every call
        // fails, so not even a last checkpoint gets through — only those saved as it went (after every batch here)
        String table = local.createTable();
        Dies dies = new Dies(60);
        DynamoDbClient dying = local.client(dies);
        SeederHandler first = handler(dying, table, SeedOptions.DEFAULT_TIME_BUDGET, Duration.ZERO);

        // WHEN CloudFormation sends the Create
        RuntimeException killed = assertThrows(RuntimeException.class,
                () -> first.handleRequest(event("Create", "request-1", table, null), null));

        // THEN the seed stopped half-way: some items, no seed record, a checkpoint inside the item stream
        assertTrue(dies.dead.get(), killed.getMessage());
        int total = ExpectedItems.count(NorthwindCsv.dir());
        Map<String, AttributeValue> checkpoint = item(table, "_SEED_PROGRESS");
        assertFalse(checkpoint.isEmpty(), "no checkpoint");
        long written = Long.parseLong(checkpoint.get("written").n());
        assertTrue(written > 0 && written < total, "checkpoint at " + written + " of " + total);
        assertTrue(item(table, "_SEED").isEmpty(), "a half-written seed has no seed record");
        int held = ExpectedItems.scan(local.dynamo(), table).size();
        assertTrue(held >= written && held < total, held + " items held, checkpoint at " + written);

        // WHEN the next deploy sends a new Create, to a new handler (a fresh Lambda) whose item puts are counted
        PutCounter puts = new PutCounter();
        SeederHandler second = handler(local.client(puts), table, SeedOptions.DEFAULT_TIME_BUDGET,
                SeedOptions.DEFAULT_CHECKPOINT_INTERVAL);
        Map<String, Object> create = event("Create", "request-2", table, null);
        Map<String, Object> answer = second.handleRequest(create, null);
        Polls polls = poll(second, pollEvent(create, answer));

        // THEN it continued from the checkpoint — the items before it were not written again — and finished
        assertEquals("true", ((Map<?, ?>) answer.get("Data")).get("Complete"));
        assertEquals(1, polls.answers.size());
        assertEquals(total - written, puts.items.get(), "items put by the continuing seed");
        // AND the table is what the CSVs give and what a seed in one go leaves
        assertEquals(ExpectedItems.of(NorthwindCsv.dir()), ExpectedItems.scan(local.dynamo(), table));
        assertEquals(oneShot, scanAll(local.dynamo(), table));
        assertSeeded(table);

        // WHEN the same resource is deployed once more THEN it changes nothing
        Map<String, Object> update = event("Update", "request-3", table, "northwind-seed-" + table);
        assertEquals("true", ((Map<?, ?>) second.handleRequest(update, null).get("Data")).get("Skipped"));
        assertEquals(oneShot, scanAll(local.dynamo(), table));
    }

    @Test
    void converge_acrossInvocations_deletesStaleItems_andANewRequestStartsOverInsteadOfContinuing() {
        // GIVEN a seeded table the application has written to: a changed category, an item the CSVs do not produce
        String table = local.createTable();
        new NorthwindSeeder(local.dynamo(), table).seed(NorthwindCsv.dir());
        setDescription(table, "CATEGORY#1", "changed by a command");
        local.dynamo().putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("REGION#99"),
                "sk", AttributeValue.fromS("REGION"), "type", AttributeValue.fromS("Region"))));
        SeederHandler handler = handler(local.dynamo(), table, tinyBudget(), SeedOptions.DEFAULT_CHECKPOINT_INTERVAL);

        // WHEN a converge deploy's onEvent runs and stops at its checkpoint (its polls never come: the deploy is
        // cancelled), and the application then changes a category the converge had already rewritten
        Map<String, Object> cancelled = handler.handleRequest(converge(event("Update", "request-1", table,
                "northwind-seed-" + table)), null);
        assertEquals("false", ((Map<?, ?>) cancelled.get("Data")).get("Complete"));
        long checkpointAt = Long.parseLong(item(table, "_SEED_PROGRESS").get("written").n());
        assertTrue(checkpointAt > 1, "the first step wrote the categories: checkpoint at " + checkpointAt);
        setDescription(table, "CATEGORY#2", "changed after the first converge stopped");

        // AND the next converge deploy (another request) runs to the end across several invocations
        Map<String, Object> update = converge(event("Update", "request-2", table, "northwind-seed-" + table));
        Map<String, Object> started = handler.handleRequest(update, null);
        Polls polls = poll(handler, pollEvent(update, started));

        // THEN it started over (it did not trust a checkpoint from before the application's write): the table is the
        // CSVs' items again — both categories restored, the stale item gone — after at least three invocations
        assertTrue(polls.answers.size() >= 3, "isComplete polls: " + polls.answers.size());
        assertUnfinishedPollsReportProgressOnly(polls);
        assertEquals(ExpectedItems.of(NorthwindCsv.dir()), ExpectedItems.scan(local.dynamo(), table));
        assertSeeded(table);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** A clock that advances one millisecond per reading: the budget is a number of readings, whatever the machine. */
    private static SeedOptions.Builder tinyBudget() {
        AtomicLong clock = new AtomicLong();
        return SeedOptions.builder().timeBudget(Duration.ofMillis(80)).clockMillis(clock::incrementAndGet);
    }

    private static SeederHandler handler(DynamoDbClient client, String table, SeedOptions.Builder options,
                                         Duration checkpointInterval) {
        return new SeederHandler(client, table, NorthwindCsv.dir(), options.checkpointInterval(checkpointInterval).build());
    }

    private static SeederHandler handler(DynamoDbClient client, String table, Duration budget, Duration checkpointInterval) {
        return handler(client, table, SeedOptions.builder().timeBudget(budget), checkpointInterval);
    }

    /** The seed resource's event, as the Provider framework hands it to onEvent. */
    private static Map<String, Object> event(String requestType, String requestId, String table, String physicalId) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("Phase", "expand");
        properties.put("DataChecksum", NorthwindData.checksum(NorthwindCsv.dir()));
        properties.put("ItemModelVersion", ModelVersion.current());
        properties.put("TableName", table);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("RequestType", requestType);
        event.put("RequestId", requestId);
        event.put("LogicalResourceId", "SeederResource");
        if (physicalId != null) {
            event.put("PhysicalResourceId", physicalId);
        }
        event.put("ResourceProperties", properties);
        return event;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> converge(Map<String, Object> event) {
        Map<String, Object> properties = new LinkedHashMap<>((Map<String, Object>) event.get("ResourceProperties"));
        properties.put("SeedMode", "converge");
        event.put("ResourceProperties", properties);
        return event;
    }

    /** What the framework's waiter gives isComplete: the event plus onEvent's PhysicalResourceId and Data. */
    private static Map<String, Object> pollEvent(Map<String, Object> event, Map<String, Object> onEventAnswer) {
        Map<String, Object> poll = new LinkedHashMap<>(event);
        poll.put("PhysicalResourceId", onEventAnswer.get("PhysicalResourceId"));
        poll.put("Data", onEventAnswer.get("Data"));
        return poll;
    }

    /** The answers of the isComplete polls, up to the complete one. */
    record Polls(List<Map<String, Object>> answers) {
        Map<String, Object> last() {
            return answers.get(answers.size() - 1);
        }
    }

    private static Polls poll(SeederHandler handler, Map<String, Object> event) {
        List<Map<String, Object>> answers = new ArrayList<>();
        for (int poll = 1; poll <= 500; poll++) {
            Map<String, Object> answer = handler.isComplete(new LinkedHashMap<>(event), null);
            answers.add(answer);
            if (Boolean.TRUE.equals(answer.get("IsComplete"))) {
                return new Polls(answers);
            }
        }
        throw new AssertionError("the seed did not complete in 500 polls");
    }

    /** Unfinished polls answer Progress, never Data (the framework fails the resource otherwise), each further on. */
    private static void assertUnfinishedPollsReportProgressOnly(Polls polls) {
        long before = -1;
        for (Map<String, Object> answer : polls.answers.subList(0, polls.answers.size() - 1)) {
            assertEquals(false, answer.get("IsComplete"), answer.toString());
            assertNull(answer.get("Data"), answer.toString());
            long written = Long.parseLong((String) ((Map<?, ?>) answer.get("Progress")).get("WrittenItems"));
            assertTrue(written > before, "no progress: " + polls.answers);
            before = written;
        }
        assertNull(polls.last().get("Progress"), polls.last().toString());
    }

    private static void assertSeeded(String table) {
        assertTrue(item(table, "_SEED_PROGRESS").isEmpty(), "the progress item is removed once the seed is complete");
        Map<String, AttributeValue> record = item(table, "_SEED");
        assertEquals(ModelVersion.current(), record.get("modelVersion").s());
        assertEquals(NorthwindData.checksum(NorthwindCsv.dir()), record.get("dataChecksum").s());
    }

    private static Map<String, AttributeValue> item(String table, String bookkeepingKey) {
        Map<String, AttributeValue> found = local.dynamo().getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(bookkeepingKey), "sk", AttributeValue.fromS(bookkeepingKey)))).item();
        return found == null ? Map.of() : found;
    }

    private static void setDescription(String table, String pk, String description) {
        local.dynamo().updateItem(b -> b.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("CATEGORY")))
                .updateExpression("SET description = :d").expressionAttributeValues(Map.of(":d", AttributeValue.fromS(description))));
    }

    /** Every item of a table, bookkeeping included, normalised, by "pk|sk". */
    static Map<String, Map<String, String>> scanAll(DynamoDbClient dynamo, String table) {
        Map<String, Map<String, String>> items = new TreeMap<>();
        dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)).items()
                .forEach(item -> items.put(item.get("pk").s() + "|" + item.get("sk").s(), ExpectedItems.normalise(item)));
        return items;
    }

    /** After {@code batchWrites} BatchWriteItem calls the "Lambda dies": every later call of any kind fails. */
    static final class Dies implements ExecutionInterceptor {
        final int batchWrites;
        final AtomicInteger seen = new AtomicInteger();
        final AtomicBoolean dead = new AtomicBoolean();

        Dies(int batchWrites) {
            this.batchWrites = batchWrites;
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof BatchWriteItemRequest && seen.incrementAndGet() > batchWrites) {
                dead.set(true);
            }
            if (dead.get()) {
                throw SdkClientException.create("injected: the seeder's Lambda died");
            }
        }
    }

    /** Counts the Northwind items (not bookkeeping) put through BatchWriteItem. */
    static final class PutCounter implements ExecutionInterceptor {
        final AtomicInteger items = new AtomicInteger();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof BatchWriteItemRequest request) {
                request.requestItems().values().forEach(writes -> writes.forEach(w -> {
                    if (w.putRequest() != null && !w.putRequest().item().get("pk").s().startsWith("_")) {
                        items.incrementAndGet();
                    }
                }));
            }
        }
    }
}
