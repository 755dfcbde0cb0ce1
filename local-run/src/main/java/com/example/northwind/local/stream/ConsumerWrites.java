package com.example.northwind.local.stream;

import com.example.northwind.schema.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The items the stream consumer wrote, in order, on the DynamoDB client the local run gives its handler: the key of
 * every item of a successful PutItem, UpdateItem, DeleteItem, TransactWriteItems (condition checks write nothing) or
 * BatchWriteItem. The design explorer shows, after a command, the derived items written since a marker taken before
 * it. At least the last {@value #KEPT} writes are kept.
 */
public final class ConsumerWrites implements ExecutionInterceptor {
    static final int KEPT = 10_000;

    private final List<Map<String, String>> keys = new ArrayList<>();
    private long dropped;

    /** A marker: the number of writes so far. */
    public synchronized long marker() {
        return dropped + keys.size();
    }

    /** The keys ({@code pk}, {@code sk}) of the items written since {@code marker}, each once, first write first. */
    public synchronized List<Map<String, String>> since(long marker) {
        int from = (int) Math.max(0, marker - dropped);
        Set<Map<String, String>> distinct = new LinkedHashSet<>(keys.subList(Math.min(from, keys.size()), keys.size()));
        return List.copyOf(distinct);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Object request = context.request();
        List<Map<String, AttributeValue>> written = new ArrayList<>();
        if (request instanceof PutItemRequest put) {
            written.add(put.item());
        } else if (request instanceof UpdateItemRequest update) {
            written.add(update.key());
        } else if (request instanceof DeleteItemRequest delete) {
            written.add(delete.key());
        } else if (request instanceof TransactWriteItemsRequest transaction) {
            transaction.transactItems().forEach(action -> {
                if (action.put() != null) {
                    written.add(action.put().item());
                } else if (action.update() != null) {
                    written.add(action.update().key());
                } else if (action.delete() != null) {
                    written.add(action.delete().key());
                }
            });
        } else if (request instanceof BatchWriteItemRequest batch) {
            batch.requestItems().values().forEach(writes -> writes.forEach(w -> written.add(
                    w.putRequest() != null ? w.putRequest().item() : w.deleteRequest().key())));
        }
        if (!written.isEmpty()) {
            record(written);
        }
    }

    private synchronized void record(List<Map<String, AttributeValue>> items) {
        for (Map<String, AttributeValue> item : items) {
            Map<String, String> key = new LinkedHashMap<>();
            key.put(TableSchema.PK, text(item.get(TableSchema.PK)));
            key.put(TableSchema.SK, text(item.get(TableSchema.SK)));
            keys.add(key);
        }
        if (keys.size() > 2 * KEPT) {
            int drop = keys.size() - KEPT;
            keys.subList(0, drop).clear();
            dropped += drop;
        }
    }

    private static String text(AttributeValue value) {
        return value == null ? null : value.s();
    }
}
