package com.example.northwind.model;

import com.example.northwind.schema.TableSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Strongly consistent point reads of many keys: BatchGetItem in requests of at most 100 keys (DynamoDB's limit), the
 * keys DynamoDB leaves unprocessed asked again with a growing pause. The answer maps {@link #keyOf} to each item found.
 */
public final class BatchGet {
    /** DynamoDB's limit of keys per BatchGetItem. */
    public static final int MAX_KEYS = 100;
    private static final int MAX_ATTEMPTS = 10;

    private BatchGet() {
    }

    /** {@code pk NUL sk}: how answers are keyed. */
    public static String keyOf(Map<String, AttributeValue> itemOrKey) {
        return itemOrKey.get(TableSchema.PK).s() + "\u0000" + itemOrKey.get(TableSchema.SK).s();
    }

    /**
     * @param onResponse sees every response (its consumed capacity), e.g. to count the calls
     * @throws IllegalStateException when keys are still unprocessed after {@value #MAX_ATTEMPTS} attempts
     */
    public static Map<String, Map<String, AttributeValue>> consistent(DynamoDbClient dynamo, String tableName,
            List<Map<String, AttributeValue>> keys, Consumer<BatchGetItemResponse> onResponse) {
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        List<Map<String, AttributeValue>> distinct = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Map<String, AttributeValue> key : keys) {
            if (seen.add(keyOf(key))) {
                distinct.add(key);
            }
        }
        for (int from = 0; from < distinct.size(); from += MAX_KEYS) {
            Map<String, KeysAndAttributes> pending = Map.of(tableName, KeysAndAttributes.builder()
                    .keys(distinct.subList(from, Math.min(distinct.size(), from + MAX_KEYS))).consistentRead(true).build());
            int attempt = 0;
            while (!pending.isEmpty() && pending.containsKey(tableName) && !pending.get(tableName).keys().isEmpty()) {
                if (attempt > 0) {
                    pause(attempt);
                }
                if (++attempt > MAX_ATTEMPTS) {
                    throw new IllegalStateException("BatchGetItem left keys unprocessed after " + MAX_ATTEMPTS + " attempts");
                }
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(request)
                        .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
                onResponse.accept(response);
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(tableName, List.of())) {
                    found.put(keyOf(item), item);
                }
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    /** Exponential pause with jitter (half to all of 25 ms × 2^attempt), capped at a second: between retries. */
    public static void pause(int attempt) {
        long cap = Math.min(1_000, 25L << Math.min(attempt, 6));
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying unprocessed keys", e);
        }
    }
}
