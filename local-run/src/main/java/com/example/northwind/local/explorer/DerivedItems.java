package com.example.northwind.local.explorer;

import com.example.northwind.lambda.AnswerItems;
import com.example.northwind.local.stream.StreamConsumer;
import com.example.northwind.schema.TableSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the stream consumer derived from a command: after the command's answer, wait until the consumer has caught up
 * (at most {@link #WAIT}), then the items it wrote since a marker taken before the command, each as it is now (or
 * gone). Derived data lags the command: the explorer shows how long that took.
 */
final class DerivedItems {
    /** Longer than a batching window and a few polls; a consumer still behind after it is shown as behind. */
    static final Duration WAIT = Duration.ofSeconds(10);

    private final StreamConsumer consumer;
    private final DynamoDbClient dynamo;
    private final String table;

    DerivedItems(StreamConsumer consumer, DynamoDbClient dynamo, String table) {
        this.consumer = consumer;
        this.dynamo = dynamo;
        this.table = table;
    }

    long marker() {
        return consumer.writesMarker();
    }

    /** {caughtUp, waitedMs, lag, items: [{pk, sk, item|null}]} for the writes since {@code marker}. */
    Map<String, Object> since(long marker) {
        long start = System.nanoTime();
        boolean caughtUp;
        try {
            caughtUp = consumer.awaitCaughtUp(WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            caughtUp = false;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("caughtUp", caughtUp);
        out.put("waitedMs", (System.nanoTime() - start) / 1_000_000);
        out.put("status", consumer.status().describe());
        List<Map<String, Object>> items = new ArrayList<>();
        for (Map<String, String> key : consumer.writtenSince(marker)) {
            Map<String, AttributeValue> stored = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
                    TableSchema.PK, AttributeValue.fromS(key.get(TableSchema.PK)),
                    TableSchema.SK, AttributeValue.fromS(key.get(TableSchema.SK))))).item();
            Map<String, Object> entry = new LinkedHashMap<>(key);
            if (stored == null || stored.isEmpty()) {
                entry.put("item", null);
            } else {
                Map<String, Object> plain = new TreeMap<>();
                stored.forEach((name, value) -> plain.put(name, AnswerItems.value(value)));
                entry.put("item", plain);
            }
            items.add(entry);
        }
        out.put("items", items);
        return out;
    }

    Map<String, Object> status() {
        return consumer.statusJson();
    }
}
