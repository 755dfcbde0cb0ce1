package com.example.northwind.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The SnapStart hook primes the real request paths (a GetItem and a Query) and leaves the handler usable. */
class QuerySnapStartPrimingTest {
    static SeededQueryTable table;

    @BeforeAll
    static void seed() {
        table = SeededQueryTable.get();
    }

    @Test
    void beforeCheckpoint_runsAGetItemAQueryAndAScatterGather_andHandlerStillAnswers() {
        // GIVEN a handler whose client records every DynamoDB operation it sends
        List<String> operations = new CopyOnWriteArrayList<>();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                operations.add(context.request().getClass().getSimpleName());
            }
        };
        try (DynamoDbClient dynamo = table.local.client(recorder)) {
            QueryHandler handler = new QueryHandler(dynamo, table.table);
            // WHEN the runtime calls beforeCheckpoint (as SnapStart does before the snapshot)
            handler.beforeCheckpoint(null);
            // THEN one GetItem, one Query and one scatter-gather (a Query per shard of recentOrders) were sent: real
            // round trips that warm every read path, writing nothing
            List<String> expected = new java.util.ArrayList<>(List.of("GetItemRequest", "QueryRequest"));
            expected.addAll(java.util.Collections.nCopies(com.example.northwind.model.ItemModel.RECENT_ORDER_SHARDS, "QueryRequest"));
            assertEquals(expected, operations);
            // AND afterRestore is harmless and the handler answers as before
            handler.afterRestore(null);
            Map<String, Object> answer = SeededQueryTable.invoke(handler,
                    "{\"pattern\":\"product\",\"params\":{\"productId\":1}}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertNull(answer.get("error"));
            assertEquals(1, ((List<?>) answer.get("items")).size());
        }
    }
}
