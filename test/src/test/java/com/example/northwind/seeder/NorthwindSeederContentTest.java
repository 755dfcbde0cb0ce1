package com.example.northwind.seeder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.schema.NorthwindData;
import com.example.northwind.testsupport.LocalDynamo;
import com.example.northwind.testsupport.NorthwindCsv;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One seed of the real data into DynamoDB Local; every test reads that table. */
class NorthwindSeederContentTest {
    static LocalDynamo local;
    static String table;
    static SeedResult result;
    static Map<String, Map<String, String>> actual;
    static Path dir;

    @BeforeAll
    static void seedOnce() {
        local = LocalDynamo.start();
        table = local.createTable();
        dir = NorthwindCsv.dir();
        result = new NorthwindSeeder(local.dynamo(), table).seed(dir);
        actual = ExpectedItems.scan(local.dynamo(), table);
        System.out.printf("SEED MEASUREMENT: %d items, %d BatchWriteItem calls, %d ms (DynamoDB Local, concurrency %d)%n",
                result.totalItems(), result.batchWriteCalls(), result.elapsed().toMillis(), SeedOptions.DEFAULT_CONCURRENCY);
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void seed_writesExactlyTheItemsTheCsvsDerive() {
        // GIVEN the items the key design derives from the CSVs (computed in the test)
        Map<String, Map<String, String>> expected = ExpectedItems.of(dir);
        // WHEN the table was seeded (BeforeAll) THEN it holds exactly those items, attribute by attribute and type
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((key, item) -> assertEquals(item, actual.get(key), "item " + key));
    }

    @Test
    void seed_totalMatchesTheCountDerivedFromTheCsvs() {
        // GIVEN the CSV row counts WHEN seeded THEN the item count is the design's formula (6,702 for the real data)
        int derived = ExpectedItems.count(dir);
        assertEquals(derived, actual.size());
        assertEquals(derived, result.totalItems());
        assertEquals(6702, derived);
        assertEquals(0, result.deletedItems());
        assertEquals(NorthwindData.checksum(dir), result.checksum());
    }

    @Test
    void seed_countsItemsByType() {
        // GIVEN the row counts WHEN seeded THEN each type's count follows the design
        Map<String, Integer> byType = result.itemsByType();
        assertEquals(NorthwindCsv.rows("order-details.csv").size(), byType.get("OrderLine"));
        assertEquals(3 * NorthwindCsv.rows("customers.csv").size(), byType.get("Customer"));
        long open = NorthwindCsv.rows("orders.csv").stream().filter(r -> !r.containsKey("shippedDate")).count();
        assertEquals(4 * NorthwindCsv.rows("orders.csv").size() + open, (long) byType.get("Order"));
        assertEquals(NorthwindCsv.rows("employee-territories.csv").size(), byType.get("EmployeeTerritory"));
        assertEquals(result.totalItems(), byType.values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void seed_writesTypedAttributes_territoryIdKeepsLeadingZero() {
        // GIVEN territory 01581 WHEN seeded THEN its id is the string "01581" and regionID a number
        Map<String, String> territory = actual.get("TERRITORY#01581|TERRITORY");
        assertEquals("S:01581", territory.get("territoryID"));
        assertEquals("N:1", territory.get("regionID"));
        assertEquals("S:Territory", territory.get("type"));
        assertNull(territory.get("data"), "entities without a gsi_1 pattern stay out of the index");
    }

    @Test
    void seed_writesOrderWithNumbersDatesAndOmitsNulls() {
        // GIVEN order 10248 (shipRegion empty in the CSV) WHEN seeded THEN numbers are N, dates S, NULL absent
        Map<String, String> order = actual.get("ORDER#10248|ORDER");
        assertEquals("N:32.38", order.get("freight"));
        assertEquals("N:3", order.get("shipVia"));
        assertEquals("S:1996-07-04", order.get("orderDate"));
        assertEquals("S:VINET", order.get("customerID"));
        assertFalse(order.containsKey("data"), "the entity is in no index: its list view is");
        assertEquals("S:1996-07-04#0000010248", actual.get("ORDER#10248|ORDER_LIST#6").get("data"));
        assertFalse(order.containsKey("shipRegion"));
        Map<String, String> line = actual.get("ORDER#10248|ORDER_LINE#0000000011");
        assertEquals("N:14", line.get("unitPrice"));
        assertEquals("S:Queso Cabrales", line.get("productName"));
        assertFalse(line.containsKey("data"), "a line is out of gsi_1: productOrders reads gsi_2");
        assertEquals("S:ORDER_LINE#0000000011#2", line.get("pk2"));
        assertEquals("S:1996-07-04#0000010248", line.get("sk2"));
        assertEquals("S:OrderLine", line.get("type"));
    }

    @Test
    void seed_writesProductStatusAsBoolAndInTheSortValue() {
        // GIVEN 8 discontinued products WHEN seeded THEN discontinued is BOOL and data starts DISCONTINUED#;
        // a product still sold and stocked (1: 39 in stock, reorder level 10) has no data: it stays out of gsi_1
        long discontinued = actual.values().stream()
                .filter(i -> "S:PRODUCT".equals(i.get("sk")) && "BOOL:true".equals(i.get("discontinued"))
                        && i.get("data").startsWith("S:DISCONTINUED#"))
                .count();
        assertEquals(8, discontinued);
        assertEquals("BOOL:false", actual.get("PRODUCT#1|PRODUCT").get("discontinued"));
        assertFalse(actual.get("PRODUCT#1|PRODUCT").containsKey("data"));
    }

    @Test
    void seed_writesViewsOnlyForSelectedEntities() {
        // GIVEN 21 unshipped orders and an employee (2) without a manager
        // WHEN seeded THEN exactly the unshipped orders have an OPEN_ORDER view, employee 2 has no reports-to edge
        long openViews = actual.keySet().stream().filter(k -> k.contains("|OPEN_ORDER#")).count();
        assertEquals(21, openViews);
        assertTrue(actual.keySet().stream().noneMatch(k -> k.startsWith("EMPLOYEE#2|EMPLOYEE#")));
        long reportsToFuller = actual.keySet().stream().filter(k -> k.endsWith("|EMPLOYEE#2")
                && k.startsWith("EMPLOYEE#")).count();
        assertEquals(5, reportsToFuller);
        assertTrue(actual.containsKey("CUSTOMER#ALFKI|CUSTOMER_CONTACT"));
        assertEquals("S:Germany##Berlin", actual.get("CUSTOMER#ALFKI|CUSTOMER").get("data"));
        assertEquals("S:Germany#Berlin", actual.get("CUSTOMER#ALFKI|CUSTOMER_CITY").get("data"));
    }
}
