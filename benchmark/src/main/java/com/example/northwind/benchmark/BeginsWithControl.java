package com.example.northwind.benchmark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A control experiment for the query figures: does DynamoDB Local's cost of {@code begins_with} on an index sort
 * key grow with the rest of the partition, where {@code BETWEEN} with the same bounds does not? Two small tables:
 * gsi_1 partition {@code EMPLOYEE#2} holds 5 {@code EMPLOYEE#} items, alone or beside 9,000 {@code ORDER#} items
 * (what employee 2's partition looks like at k = 100). Both conditions return the same 5 items.
 */
final class BeginsWithControl {
    private static final int OTHER_ITEMS = 9_000;

    private BeginsWithControl() {
    }

    static Map<String, Object> run(DynamoDbClient dynamo, int iterations) {
        String alone = "bench-control-alone";
        String crowded = "bench-control-crowded";
        for (String t : List.of(alone, crowded)) {
            Dynamo.createTable(dynamo, t);
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            for (int e = 1; e <= 5; e++) {
                items.add(item("EMPLOYEE#" + e, String.format("EMPLOYEE#%010d", e)));
            }
            if (t.equals(crowded)) {
                for (int o = 0; o < OTHER_ITEMS; o++) {
                    items.add(item("ORDER#" + o, String.format("ORDER#1997-01-01#%010d", o)));
                }
            }
            for (int i = 0; i < items.size(); i += 25) {
                List<WriteRequest> batch = new ArrayList<>();
                for (Map<String, AttributeValue> it : items.subList(i, Math.min(items.size(), i + 25))) {
                    batch.add(WriteRequest.builder().putRequest(p -> p.item(it)).build());
                }
                dynamo.batchWriteItem(b -> b.requestItems(Map.of(t, batch)));
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int round = 0; round < 2; round++) { // round 0 warms up
            for (String condition : List.of("begins_with", "between")) {
                for (String t : List.of(alone, crowded)) {
                    double p50 = p50(dynamo, t, condition, iterations);
                    if (round == 1) {
                        m.put(condition + (t.equals(alone) ? "AloneP50Ms" : "CrowdedP50Ms"), Stats.round(p50, 3));
                    }
                }
            }
        }
        m.put("otherItemsInPartition", OTHER_ITEMS);
        Dynamo.deleteTable(dynamo, alone);
        Dynamo.deleteTable(dynamo, crowded);
        System.out.printf("  control: begins_with %.2f → %.2f ms, BETWEEN %.2f → %.2f ms (5 items alone → beside %d others)%n",
                m.get("begins_withAloneP50Ms"), m.get("begins_withCrowdedP50Ms"), m.get("betweenAloneP50Ms"),
                m.get("betweenCrowdedP50Ms"), OTHER_ITEMS);
        return m;
    }

    private static double p50(DynamoDbClient dynamo, String table, String condition, int iterations) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":p", AttributeValue.fromS("EMPLOYEE#2"));
        values.put(":a", AttributeValue.fromS("EMPLOYEE#"));
        String expression = "sk = :p AND begins_with(#d, :a)";
        if (condition.equals("between")) {
            values.put(":b", AttributeValue.fromS("EMPLOYEE$")); // '$' sorts right after '#'
            expression = "sk = :p AND #d BETWEEN :a AND :b";
        }
        String keyCondition = expression;
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t = System.nanoTime();
            int count = dynamo.query(b -> b.tableName(table).indexName("gsi_1").keyConditionExpression(keyCondition)
                    .expressionAttributeNames(Map.of("#d", "data")).expressionAttributeValues(values)).count();
            ms[i] = (System.nanoTime() - t) / 1e6;
            if (count != 5) {
                throw new IllegalStateException("control query " + condition + " on " + table + " returned " + count + " items, not 5");
            }
        }
        return Stats.percentile(ms, 50);
    }

    private static Map<String, AttributeValue> item(String pk, String data) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("EMPLOYEE#2"),
                "data", AttributeValue.fromS(data), "pad", AttributeValue.fromS("x".repeat(200)));
    }
}
