package com.example.northwind.seeder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.schema.NorthwindData;
import com.example.northwind.testsupport.LocalDynamo;
import com.example.northwind.testsupport.NorthwindCsv;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

/** The onEvent handler driven by a Provider-framework event read from a JSON fixture. */
class SeederHandlerTest {
    static LocalDynamo local;
    /** Seeded once by the Create event; Update and Delete tests reuse it. */
    static String table;
    static Map<String, Object> createResponse;

    @BeforeAll
    static void createOnce() throws Exception {
        local = LocalDynamo.start();
        table = local.createTable();
        createResponse = handler(table).handleRequest(withTableName(event("Create", null), table), null);
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    static SeederHandler handler(String tableName) {
        return new SeederHandler(local.dynamo(), tableName, NorthwindCsv.dir(), SeedOptions.defaults());
    }

    /** The fixture, with the real checksum filled in and the request type (and physical id) set. */
    static Map<String, Object> event(String requestType, String physicalId) throws Exception {
        String json;
        try (InputStream in = SeederHandlerTest.class.getResourceAsStream("/seeder/create-event.json")) {
            assertNotNull(in, "fixture seeder/create-event.json");
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${DATA_CHECKSUM}", NorthwindData.checksum(NorthwindCsv.dir()));
        }
        Map<String, Object> event = new LinkedHashMap<>(JSON.std.mapFrom(json));
        event.put("RequestType", requestType);
        if (physicalId != null) {
            event.put("PhysicalResourceId", physicalId);
            event.put("OldResourceProperties", event.get("ResourceProperties"));
        }
        return event;
    }

    /** The event with ResourceProperties changed by {@code change} (the fixture's map is not modified). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withProperties(Map<String, Object> event,
                                              java.util.function.Consumer<Map<String, Object>> change) {
        Map<String, Object> props = new LinkedHashMap<>((Map<String, Object>) event.get("ResourceProperties"));
        change.accept(props);
        event.put("ResourceProperties", props);
        return event;
    }

    /** The event as the deployed template sends it: TableName resolved to {@code tableName}. */
    static Map<String, Object> withTableName(Map<String, Object> event, String tableName) {
        return withProperties(event, p -> p.put(SeederHandler.PROP_TABLE_NAME, tableName));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Map<String, Object> response) {
        return (Map<String, Object>) response.get("Data");
    }

    @Test
    void create_returnsStableIdAndCountsDerivedFromTheCsvs() {
        // GIVEN the Create event of the fixture (BeforeAll) WHEN handled THEN the id names the table
        assertEquals("northwind-seed-" + table, createResponse.get("PhysicalResourceId"));
        // AND Data carries the CSV-derived counts and the checksum
        Map<String, Object> data = data(createResponse);
        assertEquals(String.valueOf(ExpectedItems.count(NorthwindCsv.dir())), data.get("TotalItems"));
        assertEquals(NorthwindData.checksum(NorthwindCsv.dir()), data.get("DataChecksum"));
        assertEquals(String.valueOf(NorthwindCsv.rows("order-details.csv").size()), data.get("ItemsOrderLine"));
        assertEquals(String.valueOf(NorthwindCsv.rows("categories.csv").size()), data.get("ItemsCategory"));
        assertEquals(String.valueOf(2 * NorthwindCsv.rows("products.csv").size()), data.get("ItemsProduct"));
        assertEquals(String.valueOf(NorthwindCsv.rows("territories.csv").size()), data.get("ItemsTerritory"));
        assertEquals("0", data.get("DeletedItems"));
        assertEquals(ExpectedItems.count(NorthwindCsv.dir()), ExpectedItems.scan(local.dynamo(), table).size());
    }

    @Test
    void create_returnsOnlyStringDataValues() {
        // GIVEN the Create response (BeforeAll) WHEN its Data values are inspected
        // THEN every one is a string: CloudFormation reads custom-resource Data as strings, and the SeededItems
        // output (a GetAtt of TotalItems) fails the deploy when the value is a number
        data(createResponse).forEach((key, value) -> assertTrue(value instanceof String, key + " is " + value.getClass()));
    }

    @Test
    void failureReason_isBoundedForTheProviderResponse() {
        // GIVEN a Create event naming a table whose name makes the failure reason ~5,000 characters long
        String longName = "t".repeat(5_000);
        Map<String, Object> event;
        try {
            event = withTableName(event("Create", null), longName);
        } catch (Exception e) {
            throw new AssertionError(e);
        }

        // WHEN handled
        RuntimeException e = assertThrows(RuntimeException.class, () -> handler(table).handleRequest(event, null));

        // THEN the reason fits the 4,096-byte response with room for the framework's note, starts like the real
        // reason and says it was cut and where the rest is
        assertTrue(e.getMessage().length() <= 1_000, "reason of " + e.getMessage().length() + " characters");
        assertTrue(e.getMessage().startsWith("TableName mismatch: the custom resource names table ttt"), e.getMessage());
        assertTrue(e.getMessage().endsWith("characters in all; the full reason is in the seeder's log]"), e.getMessage());
        assertEquals(null, e.getCause());
        assertEquals(0, e.getStackTrace().length);
    }

    @Test
    void update_keepsThePhysicalResourceId_andLeavesTheSeededTableAlone() throws Exception {
        // GIVEN an Update event for the resource created before (the table was seeded by it)
        Map<String, Object> event = event("Update", "northwind-seed-" + table);
        Map<String, Map<String, String>> before = ExpectedItems.scan(local.dynamo(), table);
        // WHEN handled THEN the id is kept, the seed reports it skipped the seeded table, and the table is unchanged
        Map<String, Object> response = handler(table).handleRequest(event, null);
        assertEquals("northwind-seed-" + table, response.get("PhysicalResourceId"));
        assertEquals("true", data(response).get("Skipped"));
        assertEquals("0", data(response).get("TotalItems"));
        assertEquals(before, ExpectedItems.scan(local.dynamo(), table));
    }

    @Test
    void delete_returnsAtOnce_andLeavesTheTableUntouched() throws Exception {
        // GIVEN a seeded table and a Delete event
        Map<String, Map<String, String>> before = ExpectedItems.scan(local.dynamo(), table);
        long start = System.nanoTime();
        // WHEN handled
        Map<String, Object> response = handler(table).handleRequest(event("Delete", "northwind-seed-" + table), null);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        // THEN it answers with the same id, quickly, and every item is still there
        assertEquals("northwind-seed-" + table, response.get("PhysicalResourceId"));
        assertTrue(elapsedMs < 1000, "Delete took " + elapsedMs + " ms");
        assertEquals(before, ExpectedItems.scan(local.dynamo(), table));
    }

    @Test
    void fails_whenTheDataChecksumDiffers() throws Exception {
        // GIVEN a Create event whose DataChecksum is not the checksum of the data folder
        String other = local.createTable();
        Map<String, Object> event = event("Create", null);
        @SuppressWarnings("unchecked")
        Map<String, Object> props = new LinkedHashMap<>((Map<String, Object>) event.get("ResourceProperties"));
        props.put("DataChecksum", "0".repeat(64));
        event.put("ResourceProperties", props);
        // WHEN handled THEN it fails naming the mismatch, and writes nothing
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> handler(other).handleRequest(event, null));
        assertTrue(e.getMessage().startsWith("DataChecksum mismatch: the template promised data " + "0".repeat(64)),
                e.getMessage());
        assertEquals(0, ExpectedItems.scan(local.dynamo(), other).size());
    }

    @Test
    void fails_whenTheRequestTypeIsUnknown() throws Exception {
        // GIVEN an event with RequestType "Replace" WHEN handled THEN the error names it
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> handler(table).handleRequest(event("Replace", null), null));
        assertEquals("unsupported RequestType \"Replace\" (expected Create, Update or Delete)", e.getMessage());
    }

    @Test
    void fails_whenTheDataFolderIsNotConfigured() throws Exception {
        // GIVEN a handler without NORTHWIND_DATA_DIR WHEN a Create arrives THEN the error names the variable
        SeederHandler unconfigured = new SeederHandler(local.dynamo(), table, null, SeedOptions.defaults());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> unconfigured.handleRequest(event("Create", null), null));
        assertTrue(e.getMessage().startsWith("environment variable NORTHWIND_DATA_DIR is not set"), e.getMessage());
        // AND a folder that does not exist is named
        SeederHandler wrongDir = new SeederHandler(local.dynamo(), table, Path.of("/no/such/dir"), SeedOptions.defaults());
        IllegalStateException e2 = assertThrows(IllegalStateException.class,
                () -> wrongDir.handleRequest(event("Create", null), null));
        assertTrue(e2.getMessage().contains("/no/such/dir"), e2.getMessage());
    }

    @Test
    void fails_whenTheDataChecksumIsMissing() throws Exception {
        // GIVEN a Create event whose ResourceProperties have no DataChecksum
        String other = local.createTable();
        Map<String, Object> event = withProperties(event("Create", null), p -> p.remove("DataChecksum"));
        // WHEN handled THEN it fails saying so, instead of seeding unchecked data, and writes nothing
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> handler(other).handleRequest(event, null));
        assertEquals("the custom resource has no DataChecksum property", e.getMessage());
        assertEquals(0, ExpectedItems.scan(local.dynamo(), other).size());
    }

    @Test
    void fails_whenAnUpdateHasNoResourceProperties() throws Exception {
        // GIVEN an Update event without ResourceProperties at all
        String other = local.createTable();
        Map<String, Object> event = event("Update", "northwind-seed-" + other);
        event.remove("ResourceProperties");
        // WHEN handled THEN the missing DataChecksum is named, and nothing is written
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> handler(other).handleRequest(event, null));
        assertEquals("the custom resource has no DataChecksum property", e.getMessage());
        assertEquals(0, ExpectedItems.scan(local.dynamo(), other).size());
    }

    @Test
    void fails_whenTheTableNameIsNotTheFunctionsTable() throws Exception {
        // GIVEN a Create event naming another table than the handler's TABLE_NAME
        String other = local.createTable();
        Map<String, Object> event = withTableName(event("Create", null), "some-replaced-table");
        // WHEN handled THEN it fails naming both tables, and writes nothing
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> handler(other).handleRequest(event, null));
        assertEquals("TableName mismatch: the custom resource names table some-replaced-table but TABLE_NAME is "
                + other, e.getMessage());
        assertEquals(0, ExpectedItems.scan(local.dynamo(), other).size());
    }

    @Test
    void lambdaClient_boundsEveryCallSoTheBudgetFailureIsReportedBeforeTheLambdaTimeout() {
        // GIVEN the client configuration of the Lambda constructor and the budget the stack configures
        ClientOverrideConfiguration client = SeederHandler.clientOverrides();
        Duration budget = SeederHandler.optionsFromEnv(
                Integer.toString(com.example.northwind.infra.NorthwindSeeder.SEED_TIME_BUDGET_SECONDS)).timeBudget();
        Duration lambdaTimeout = Duration.ofMinutes(5); // asserted on the template by infra.NorthwindSeederTest

        // WHEN the worst case is computed: a call (SDK retries included) starting at the end of the budget
        Duration call = client.apiCallTimeout().orElseThrow(() -> new AssertionError("no apiCallTimeout"));
        Duration attempt = client.apiCallAttemptTimeout().orElseThrow(() -> new AssertionError("no attempt timeout"));

        // THEN the budget keeps at least 60 s to the Lambda timeout, and that call plus the checkpoint the seed saves
        // after it (one more bounded call) end inside that margin with 10 s left for the answer
        assertEquals(Duration.ofSeconds(240), budget);
        assertTrue(lambdaTimeout.minus(budget).compareTo(Duration.ofSeconds(60)) >= 0, "budget " + budget);
        assertTrue(budget.plus(call.multipliedBy(2)).plus(Duration.ofSeconds(10)).compareTo(lambdaTimeout) <= 0,
                "budget " + budget + " + 2 × call timeout " + call + " leaves under 10 s before " + lambdaTimeout);
        // AND one attempt is shorter than the call, so a hung connection can still be retried once
        assertTrue(attempt.compareTo(call) < 0, "attempt " + attempt + " vs call " + call);
    }
}
