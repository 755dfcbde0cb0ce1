package com.example.northwind.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.schema.TableSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalDynamoSmokeTest {
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
    void createTable_hasTheDesignsKeysAndIndex() {
        // GIVEN a DynamoDB Local server WHEN a test table is created
        String table = local.createTable();
        var description = local.dynamo().describeTable(b -> b.tableName(table)).table();
        // THEN it has pk/sk, gsi_1 on (sk, data) and gsi_2 on (pk2, sk2)
        assertEquals(TableSchema.PK, description.keySchema().get(0).attributeName());
        var indexes = new java.util.TreeMap<String, java.util.List<String>>();
        description.globalSecondaryIndexes().forEach(i -> indexes.put(i.indexName(),
                i.keySchema().stream().map(k -> k.attributeName()).toList()));
        assertEquals(java.util.Map.of("gsi_1", java.util.List.of("sk", "data"), "gsi_2", java.util.List.of("pk2", "sk2")), indexes);
        assertTrue(local.endpoint().toString().startsWith("http://127.0.0.1:"));
    }

    @Test
    void northwindCsv_readsEveryRowWithMultilineFieldsAndNulls() {
        // GIVEN the real data WHEN read THEN the row counts match the data README
        assertEquals(830, NorthwindCsv.rows("orders.csv").size());
        assertEquals(2155, NorthwindCsv.rows("order-details.csv").size());
        assertEquals(9, NorthwindCsv.rows("employees.csv").size());
        assertTrue(NorthwindCsv.rows("employees.csv").get(0).get("address").contains("\n"));
        assertEquals(21, NorthwindCsv.rows("orders.csv").stream().filter(r -> !r.containsKey("shippedDate")).count());
    }
}
