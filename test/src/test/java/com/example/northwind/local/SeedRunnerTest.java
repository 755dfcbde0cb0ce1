package com.example.northwind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.schema.FunctionContract;
import com.example.northwind.testsupport.SynthesizedApp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * run-local's driver of the asynchronous custom resources ({@link SeedRunner#run}): onEvent, then isComplete polled
 * until it answers IsComplete true, the answers checked as the CDK Provider framework checks them. With fake handlers,
 * no DynamoDB.
 */
class SeedRunnerTest {
    private static final Map<String, Object> EVENT = Map.of(
            "RequestType", "Create", "RequestId", "req-1", "LogicalResourceId", "SeederResource",
            "ResourceProperties", Map.of(FunctionContract.PROP_PHASE, FunctionContract.PHASE_EXPAND, "TableName", "t"));

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final SeedRunner runner = new SeedRunner(null, new WriteCounter(),
            new PrintStream(output, true, StandardCharsets.UTF_8), Duration.ZERO, Duration.ofSeconds(30));

    /** A seeder whose migration needs three isComplete polls; it records the events it gets. */
    static final class ThreePollSeeder {
        final List<Map<String, Object>> polls = new ArrayList<>();
        int onEventCalls;

        Map<String, Object> onEvent(Map<String, Object> event) {
            onEventCalls++;
            return Map.of("PhysicalResourceId", "northwind-seed-t",
                    "Data", Map.of("TotalItems", "5333", "Skipped", "true"));
        }

        Map<String, Object> isComplete(Map<String, Object> event) {
            polls.add(event);
            if (polls.size() < 3) {
                return Map.of("IsComplete", false, "Progress", Map.of("MigratedItems", String.valueOf(polls.size() * 1000)));
            }
            return Map.of("IsComplete", true, "Data", Map.of("MigratedItems", "2155", "Skipped", "false"));
        }

        SeedRunner.AsyncHandler handler() {
            return new SeedRunner.AsyncHandler(this::onEvent, this::isComplete);
        }
    }

    @Test
    void run_pollsUntilIsComplete_andMergesTheDataAsTheProviderFrameworkDoes() {
        // GIVEN a seeder that completes on its third isComplete poll
        ThreePollSeeder seeder = new ThreePollSeeder();

        // WHEN the runner drives it
        Map<String, Object> data = runner.run(seeder.handler(), EVENT, "seeding t");

        // THEN onEvent ran once and isComplete exactly three times, then the loop stopped
        assertEquals(1, seeder.onEventCalls);
        assertEquals(3, seeder.polls.size());
        // AND the answer is onEvent's Data with the completing poll's Data over it
        assertEquals(Map.of("TotalItems", "5333", "Skipped", "false", "MigratedItems", "2155"), data);
        // AND each poll got the CloudFormation event plus onEvent's PhysicalResourceId and Data
        for (Map<String, Object> poll : seeder.polls) {
            assertEquals("northwind-seed-t", poll.get("PhysicalResourceId"));
            assertEquals(EVENT.get("ResourceProperties"), poll.get("ResourceProperties"));
            assertEquals("Create", poll.get("RequestType"));
            assertEquals(Map.of("TotalItems", "5333", "Skipped", "true"), poll.get("Data"));
        }
        // AND a progress line was printed for each unfinished poll, with its Progress
        String printed = output.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("seeding t: poll 1 not complete: MigratedItems 1000, 0 items written"), printed);
        assertTrue(printed.contains("seeding t: poll 2 not complete: MigratedItems 2000, 0 items written"), printed);
        assertFalse(printed.contains("poll 3"), printed);
    }

    @Test
    void run_withoutPhysicalResourceIdFromOnEvent_pollsWithTheRequestIdAsTheFrameworkDoesOnCreate() {
        // GIVEN an onEvent that answers nothing and an isComplete that is done at once
        List<Map<String, Object>> polls = new ArrayList<>();
        SeedRunner.AsyncHandler handler = new SeedRunner.AsyncHandler(e -> null, e -> {
            polls.add(e);
            return Map.of("IsComplete", true);
        });

        // WHEN driven / THEN one poll, with the Create request's id as physical id, and no Data
        assertEquals(Map.of(), runner.run(handler, EVENT, "seeding t"));
        assertEquals(1, polls.size());
        assertEquals("req-1", polls.get(0).get("PhysicalResourceId"));
    }

    @Test
    void run_whenIsCompleteThrows_stopsAndNamesThePhaseThePollAndTheReason() {
        // GIVEN a seeder whose second poll fails
        List<Integer> polls = new ArrayList<>();
        IllegalStateException reason = new IllegalStateException("checkpoint of migration orderLines is corrupt");
        SeedRunner.AsyncHandler handler = new SeedRunner.AsyncHandler(e -> Map.of("PhysicalResourceId", "p"), e -> {
            polls.add(polls.size() + 1);
            if (polls.size() == 2) {
                throw reason;
            }
            return Map.of("IsComplete", false);
        });

        // WHEN driven
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> runner.run(handler, EVENT, "contract phase on t"));

        // THEN it stops at that poll and says where and why, keeping the cause
        assertEquals(List.of(1, 2), polls);
        assertEquals("contract phase on t failed in isComplete poll 2: checkpoint of migration orderLines is corrupt",
                e.getMessage());
        assertSame(reason, e.getCause());
    }

    @Test
    void run_whenOnEventThrows_neverPolls() {
        // GIVEN an onEvent that fails
        List<Map<String, Object>> polls = new ArrayList<>();
        SeedRunner.AsyncHandler handler = new SeedRunner.AsyncHandler(e -> {
            throw new IllegalStateException("DataChecksum mismatch");
        }, e -> {
            polls.add(e);
            return Map.of("IsComplete", true);
        });

        // WHEN driven / THEN the failure names onEvent, and isComplete was never called
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> runner.run(handler, EVENT, "seeding t"));
        assertEquals("seeding t failed in onEvent: DataChecksum mismatch", e.getMessage());
        assertTrue(polls.isEmpty());
    }

    @Test
    void run_whenAnUnfinishedPollSendsData_failsAsTheProviderFrameworkWouldOnDeploy() {
        // GIVEN an isComplete that reports progress in Data while not complete (the framework refuses that)
        SeedRunner.AsyncHandler handler = new SeedRunner.AsyncHandler(e -> Map.of(),
                e -> Map.of("IsComplete", false, "Data", Map.of("MigratedItems", "10")));

        // WHEN driven / THEN it fails on the first poll, quoting the framework's rule and where progress goes
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> runner.run(handler, EVENT, "seeding t"));
        assertTrue(e.getMessage().startsWith("seeding t failed in isComplete poll 1: it answered IsComplete false with Data"),
                e.getMessage());
        assertTrue(e.getMessage().contains("\"Data\" is not allowed if \"IsComplete\" is \"False\""), e.getMessage());
        assertTrue(e.getMessage().contains("Progress"), e.getMessage());
    }

    @Test
    void run_whenAPollAnswersWithoutIsComplete_failsNamingTheAnswer() {
        // GIVEN an isComplete whose answer lacks a boolean IsComplete
        SeedRunner.AsyncHandler handler = new SeedRunner.AsyncHandler(e -> Map.of(), e -> Map.of("IsComplete", "yes"));

        // WHEN driven / THEN a clear error instead of polling forever
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> runner.run(handler, EVENT, "seeding t"));
        assertTrue(e.getMessage().startsWith("seeding t failed in isComplete poll 1: the answer has no boolean IsComplete"),
                e.getMessage());
    }

    @Test
    void run_whenNeverComplete_timesOutLikeTheProviderFramework() {
        // GIVEN a runner with a 300 ms total timeout and a seeder that never completes
        SeedRunner quick = new SeedRunner(null, new WriteCounter(), new PrintStream(PrintStream.nullOutputStream()),
                Duration.ofMillis(20), Duration.ofMillis(300));
        SeedRunner.AsyncHandler handler = new SeedRunner.AsyncHandler(e -> Map.of(), e -> Map.of("IsComplete", false));

        // WHEN driven / THEN it gives up with the framework's words and the number of polls
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> quick.run(handler, EVENT, "seeding t"));
        assertTrue(e.getMessage().startsWith("seeding t did not complete within 0 s ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("isComplete polls): Operation timed out, as the Provider framework reports it"),
                e.getMessage());
    }

    @Test
    void seed_withTheRealSeederAndABudgetTooSmallForOneInvocation_continuesAcrossPollsToTheWholeTable() {
        // GIVEN DynamoDB Local, a new table, the template's Create event for it, and the real seeder whose budget per
        // invocation is 80 clock readings (its clock advances 1 ms per reading): a few dozen batches of the ~211
        try (com.example.northwind.testsupport.LocalDynamo local = com.example.northwind.testsupport.LocalDynamo.start()) {
            String table = local.createTable();
            WriteCounter counter = new WriteCounter();
            var client = local.client(counter);
            SeedRunner driver = new SeedRunner(client, counter, new PrintStream(output, true, StandardCharsets.UTF_8),
                    Duration.ZERO, Duration.ofMinutes(2));
            Map<String, Object> create = SeedEventFactory.createEvent(
                    CloudAssembly.read(SynthesizedApp.defaults().assemblyDir()), table);
            java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong();
            com.example.northwind.seeder.SeederHandler seeder = new com.example.northwind.seeder.SeederHandler(client, table,
                    com.example.northwind.testsupport.NorthwindCsv.dir(), com.example.northwind.seeder.SeedOptions.builder()
                    .timeBudget(Duration.ofMillis(80)).clockMillis(clock::incrementAndGet).build());

            // WHEN run-local's driver runs the seed resource as the Provider framework would
            Map<String, Object> data = driver.run(SeedRunner.AsyncHandler.of(seeder), create, "seeding " + table);

            // THEN the polls continued the seed onEvent could not finish, printing how far each got
            String printed = output.toString(StandardCharsets.UTF_8);
            for (int poll = 1; poll <= 3; poll++) {
                assertTrue(printed.contains("seeding " + table + ": poll " + poll + " not complete: WrittenItems "), printed);
            }
            // AND the answer is the complete seed's, and the table holds every item it counts, and no progress item
            assertEquals("true", data.get(FunctionContract.DATA_COMPLETE));
            long items = client.scanPaginator(b -> b.tableName(table)).items().stream()
                    .filter(i -> !i.get("pk").s().startsWith("_")).count();
            assertEquals(String.valueOf(items), data.get(FunctionContract.DATA_TOTAL_ITEMS));
            assertTrue(client.scanPaginator(b -> b.tableName(table)).items().stream()
                    .noneMatch(i -> i.get("pk").s().equals("_SEED_PROGRESS")));
        }
    }

    @Test
    void templateEvents_carryEachResourcesPhaseWithTheLocalTable() {
        // GIVEN the synthesized app
        CloudAssembly assembly = CloudAssembly.read(SynthesizedApp.defaults().assemblyDir());

        // WHEN the local seed and contract events are built for table t
        Map<String, Object> seed = SeedEventFactory.createEvent(assembly, "t");
        Map<String, Object> contract = SeedEventFactory.contractEvent(assembly, "t");

        // THEN each is a Create of its resource type, with its Phase and the local table's name
        assertEquals(FunctionContract.SEED_RESOURCE_TYPE, seed.get("ResourceType"));
        assertEquals(FunctionContract.MIGRATION_CONTRACT_RESOURCE_TYPE, contract.get("ResourceType"));
        assertEquals("Create", contract.get("RequestType"));
        assertEquals(FunctionContract.PHASE_EXPAND, properties(seed).get(FunctionContract.PROP_PHASE));
        Map<String, Object> contractProperties = new LinkedHashMap<>(properties(contract));
        assertEquals(Map.of(FunctionContract.PROP_PHASE, FunctionContract.PHASE_CONTRACT,
                FunctionContract.PROP_ITEM_MODEL_VERSION, com.example.northwind.model.ModelVersion.current(),
                FunctionContract.PROP_TABLE_NAME, "t"), contractProperties);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> event) {
        return (Map<String, Object>) event.get("ResourceProperties");
    }
}
