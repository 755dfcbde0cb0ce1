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
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
        createResponse = handler(table).handleRequest(event("Create", null), null);
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
        assertEquals(ExpectedItems.count(NorthwindCsv.dir()), data.get("TotalItems"));
        assertEquals(NorthwindData.checksum(NorthwindCsv.dir()), data.get("DataChecksum"));
        assertEquals(NorthwindCsv.rows("order-details.csv").size(), data.get("ItemsOrderLine"));
        assertEquals(NorthwindCsv.rows("categories.csv").size(), data.get("ItemsCategory"));
        assertEquals(3 * NorthwindCsv.rows("products.csv").size(), data.get("ItemsProduct"));
        assertEquals(NorthwindCsv.rows("territories.csv").size(), data.get("ItemsTerritory"));
        assertEquals(0, data.get("DeletedItems"));
        assertEquals(ExpectedItems.count(NorthwindCsv.dir()), ExpectedItems.scan(local.dynamo(), table).size());
    }

    @Test
    void update_keepsThePhysicalResourceId() throws Exception {
        // GIVEN an Update event for the resource created before
        Map<String, Object> event = event("Update", "northwind-seed-" + table);
        // WHEN handled THEN the id is kept and the table still holds exactly the data
        Map<String, Object> response = handler(table).handleRequest(event, null);
        assertEquals("northwind-seed-" + table, response.get("PhysicalResourceId"));
        assertEquals(ExpectedItems.count(NorthwindCsv.dir()), data(response).get("TotalItems"));
        assertEquals(0, data(response).get("DeletedItems"));
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
}
