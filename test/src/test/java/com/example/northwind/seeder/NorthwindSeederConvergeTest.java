package com.example.northwind.seeder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.testsupport.LocalDynamo;
import com.example.northwind.testsupport.NorthwindCsv;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Create and Update are one operation: the table converges to the data, however often it runs. */
class NorthwindSeederConvergeTest {
    static LocalDynamo local;

    @BeforeAll
    static void start() {
        local = LocalDynamo.start();
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void seed_twice_leavesAnIdenticalTable() {
        // GIVEN a table seeded once
        String table = local.createTable();
        NorthwindSeeder seeder = new NorthwindSeeder(local.dynamo(), table, SeedOptions.builder().mode(SeedMode.CONVERGE).build());
        seeder.seed(NorthwindCsv.dir());
        Map<String, Map<String, String>> first = ExpectedItems.scan(local.dynamo(), table);
        // WHEN it is seeded again with the same data
        SeedResult second = seeder.seed(NorthwindCsv.dir());
        // THEN every item is the same, and nothing was deleted
        assertEquals(first, ExpectedItems.scan(local.dynamo(), table));
        assertEquals(0, second.deletedItems());
        assertEquals(ExpectedItems.count(NorthwindCsv.dir()), first.size());
    }

    @Test
    void seed_withChangedData_convergesAndRemovesStaleItems(@TempDir Path tmp) {
        // GIVEN a table seeded with the real data
        String table = local.createTable();
        NorthwindSeeder seeder = new NorthwindSeeder(local.dynamo(), table, SeedOptions.builder().mode(SeedMode.CONVERGE).build());
        seeder.seed(NorthwindCsv.dir());
        // AND a copy of the data with a new shipper, product 1 repriced, and order 10248 removed with its lines
        Path changed = TestData.copyTo(tmp);
        TestData.edit(changed.resolve("shippers.csv"), lines -> {
            lines.add("4,Northwind Couriers,(503) 555-0404");
            return lines;
        });
        TestData.replaceLine(changed.resolve("products.csv"), "1,Chai,", l -> l.replace(",18.00,", ",19.50,"));
        TestData.edit(changed.resolve("orders.csv"), lines -> {
            lines.removeIf(l -> l.startsWith("10248,"));
            return lines;
        });
        TestData.edit(changed.resolve("order-details.csv"), lines -> {
            lines.removeIf(l -> l.startsWith("10248,"));
            return lines;
        });

        // WHEN the changed data is seeded into the same table
        SeedResult result = seeder.seed(changed);

        // THEN the table equals the new data exactly
        Map<String, Map<String, String>> actual = ExpectedItems.scan(local.dynamo(), table);
        assertEquals(ExpectedItems.of(changed), actual);
        assertEquals(ExpectedItems.count(NorthwindCsv.dir()) + 1 - 4 - 3, actual.size());
        // AND the new shipper is there, the price changed, the order's entity, edges and lines are gone
        assertEquals("S:Northwind Couriers", actual.get("SHIPPER#4|SHIPPER").get("companyName"));
        assertEquals("N:19.5", actual.get("PRODUCT#1|PRODUCT").get("unitPrice"));
        assertEquals("N:19.5", actual.get("PRODUCT#1|CATEGORY#1").get("unitPrice"));
        assertTrue(actual.keySet().stream().noneMatch(k -> k.startsWith("ORDER#10248|")));
        assertFalse(actual.containsKey("ORDER#10248|CUSTOMER#VINET"));
        // 4 order items (entity, customer and employee edges, list view; it was shipped) and its 3 lines
        assertEquals(7, result.deletedItems());
        assertEquals(actual.size(), result.totalItems());
    }
}
