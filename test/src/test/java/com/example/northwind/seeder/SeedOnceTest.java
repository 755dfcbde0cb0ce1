package com.example.northwind.seeder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.testsupport.LocalDynamo;
import com.example.northwind.testsupport.NorthwindCsv;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The seed rule: the CSVs are the initial state; a seeded table belongs to the application. */
class SeedOnceTest {
    static LocalDynamo local;

    @BeforeAll
    static void start() {
        local = LocalDynamo.start();
    }

    @Test
    void firstSeed_leavesTheOrderIdCounterAtTheHighestOrderId_andASeedRecord() {
        // GIVEN an empty table WHEN seeded
        String table = local.createTable();
        new NorthwindSeeder(local.dynamo(), table).seed(NorthwindCsv.dir());
        // THEN the counter is the CSV's highest orderID (computed here from the CSV), the record names data and model
        long maxOrderId = NorthwindCsv.rows("orders.csv").stream().mapToLong(r -> Long.parseLong(r.get("orderID"))).max().orElseThrow();
        assertEquals(Long.toString(maxOrderId), item(table, "_COUNTER#ORDER_ID", "_COUNTER").get("value").n());
        Map<String, AttributeValue> record = item(table, "_SEED", "_SEED");
        assertEquals(com.example.northwind.model.ModelVersion.current(), record.get("modelVersion").s());
        assertEquals(com.example.northwind.schema.NorthwindData.checksum(NorthwindCsv.dir()), record.get("dataChecksum").s());
    }

    @Test
    void seedAgain_withChangedCsvs_leavesTheSeededTableAndItsApplicationWritesAlone(@TempDir Path tmp) {
        // GIVEN a seeded table in which the application changed a product (as a command would)
        String table = local.createTable();
        new NorthwindSeeder(local.dynamo(), table).seed(NorthwindCsv.dir());
        local.dynamo().updateItem(b -> b.tableName(table).key(key("PRODUCT#1", "PRODUCT"))
                .updateExpression("SET unitsInStock = :s").expressionAttributeValues(Map.of(":s", AttributeValue.fromN("7"))));
        Map<String, Map<String, String>> before = ExpectedItems.scan(local.dynamo(), table);
        // AND CSVs that differ (a new shipper, order 10248 removed)
        Path changed = TestData.copyTo(tmp);
        TestData.edit(changed.resolve("shippers.csv"), lines -> {
            lines.add("4,Northwind Couriers,(503) 555-0404");
            return lines;
        });
        // WHEN seeded again (a later deploy, or run-local restarted on its database)
        SeedResult result = new NorthwindSeeder(local.dynamo(), table).seed(changed);
        // THEN nothing was written: the application's change stands and the CSV change did not reach the table
        assertTrue(result.skipped());
        assertEquals(0, result.totalItems());
        assertEquals(before, ExpectedItems.scan(local.dynamo(), table));
        assertEquals("7", item(table, "PRODUCT#1", "PRODUCT").get("unitsInStock").n());
        assertFalse(ExpectedItems.scan(local.dynamo(), table).containsKey("SHIPPER#4|SHIPPER"));
    }

    @Test
    void seedAgain_underAnotherItemModel_isRefusedAndWritesNothing() {
        // GIVEN a table whose seed record names another item model
        String table = local.createTable();
        new NorthwindSeeder(local.dynamo(), table).seed(NorthwindCsv.dir());
        local.dynamo().updateItem(b -> b.tableName(table).key(key("_SEED", "_SEED"))
                .updateExpression("SET modelVersion = :v").expressionAttributeValues(Map.of(":v", AttributeValue.fromS("0123456789abcdef"))));
        Map<String, Map<String, String>> before = ExpectedItems.scan(local.dynamo(), table);
        // WHEN seeded THEN refused, naming both models and the way forward, and the table is unchanged
        SeedDataException e = assertThrows(SeedDataException.class,
                () -> new NorthwindSeeder(local.dynamo(), table).seed(NorthwindCsv.dir()));
        assertTrue(e.getMessage().contains("seeded with item model 0123456789abcdef"), e.getMessage());
        assertTrue(e.getMessage().contains("needs a migration"), e.getMessage());
        assertEquals(before, ExpectedItems.scan(local.dynamo(), table));
    }

    @Test
    void converge_rebuildsFromTheCsvs_butKeepsTheCounterWhereCommandsLeftIt() {
        // GIVEN a seeded table whose counter commands have moved on, and an order a command placed
        String table = local.createTable();
        new NorthwindSeeder(local.dynamo(), table).seed(NorthwindCsv.dir());
        local.dynamo().updateItem(b -> b.tableName(table).key(key("_COUNTER#ORDER_ID", "_COUNTER"))
                .updateExpression("SET #v = :v").expressionAttributeNames(Map.of("#v", "value"))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN("20000"))));
        local.dynamo().putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("ORDER#20000"),
                "sk", AttributeValue.fromS("ORDER"), "type", AttributeValue.fromS("Order"))));
        // WHEN converged explicitly
        SeedResult result = new NorthwindSeeder(local.dynamo(), table, SeedOptions.builder().mode(SeedMode.CONVERGE).build())
                .seed(NorthwindCsv.dir());
        // THEN the table is the CSVs' items again (the command's order is gone), but ids never go back
        assertEquals(1, result.deletedItems());
        assertEquals(ExpectedItems.of(NorthwindCsv.dir()), ExpectedItems.scan(local.dynamo(), table));
        assertEquals("20000", item(table, "_COUNTER#ORDER_ID", "_COUNTER").get("value").n());
    }

    @Test
    void seedMode_property_isOnceOrConverge() {
        // GIVEN the custom-resource property values WHEN parsed THEN absent is once, and junk is named
        assertEquals(SeedMode.ONCE, SeedMode.parse(null));
        assertEquals(SeedMode.CONVERGE, SeedMode.parse("converge"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeedMode.parse("always"));
        assertEquals("SeedMode must be once or converge, was \"always\"", e.getMessage());
    }

    private static Map<String, AttributeValue> item(String table, String pk, String sk) {
        return local.dynamo().getItem(b -> b.tableName(table).key(key(pk, sk))).item();
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }

}
