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
        // THEN it has pk/sk and gsi_1 on (sk, data)
        assertEquals(TableSchema.PK, description.keySchema().get(0).attributeName());
        assertEquals(TableSchema.GSI_1, description.globalSecondaryIndexes().get(0).indexName());
        assertEquals(TableSchema.DATA, description.globalSecondaryIndexes().get(0).keySchema().get(1).attributeName());
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
