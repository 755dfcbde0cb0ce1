package com.example.northwind.benchmark.heat;

import com.example.northwind.schema.TableSchema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * An in-memory stand-in for DynamoDB that the real command handler talks to: it answers the calls the commands make
 * (GetItem, BatchGetItem, an ADD on a counter with UpdateItem, TransactWriteItems of Puts, Deletes and ADD updates), applies the
 * writes, and charges every call's units to {@link Heat} by partition key value, with the rules of {@link WriteCost}
 * and {@link Units}. Conditions are not evaluated (the simulated workload never violates them; a put conditioned on
 * absence over an existing item is counted in {@link #conditionViolations()}).
 *
 * <p>It keeps the attributes of the items a later command may read ({@link #evictPartition} drops a partition that no
 * command will read again) and, in {@link TableState}, the key and size of every item and index entry for reads.
 */
public final class SimulatedDynamo implements DynamoDbClient {
    private final Heat heat;
    private final TableState state;
    private final double indexTransactionFactor;
    private final HashMap<String, HashMap<String, Map<String, AttributeValue>>> items = new HashMap<>();
    private long conditionViolations;
    /** Sees every counted write, as the table's stream would (the consumer model); null: no stream. */
    private java.util.function.BiConsumer<Map<String, AttributeValue>, Map<String, AttributeValue>> stream;
    private long unknownOldItems;

    public SimulatedDynamo(Heat heat, TableState state, double indexTransactionFactor) {
        this.heat = heat;
        this.state = state;
        this.indexTransactionFactor = indexTransactionFactor;
    }

    /** Every write from now on (not the loading before the run) is also handed to this, as a stream record. */
    public void stream(java.util.function.BiConsumer<Map<String, AttributeValue>, Map<String, AttributeValue>> stream) {
        this.stream = stream;
    }

    public TableState state() {
        return state;
    }

    public Heat heat() {
        return heat;
    }

    /** Puts an item without charging anything (the table as it was before the run); keepAttributes: commands may read it. */
    public void load(Map<String, AttributeValue> item, boolean keepAttributes) {
        boolean was = heat.counting();
        heat.counting(false);
        try {
            write(item(item), item, false, keepAttributes);
        } finally {
            heat.counting(was);
        }
    }

    /** Forgets the attributes of a partition's items (their keys and sizes stay in the table state). */
    public void evictPartition(String pk) {
        items.remove(pk);
    }

    public Map<String, AttributeValue> item(Map<String, AttributeValue> key) {
        Map<String, Map<String, AttributeValue>> p = items.get(key.get(TableSchema.PK).s());
        return p == null ? null : p.get(key.get(TableSchema.SK).s());
    }

    private void write(Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem, boolean transactional,
                       boolean keep) {
        for (WriteCost.Write w : WriteCost.of(oldItem, newItem, transactional, indexTransactionFactor)) {
            heat.add(w.target(), Heat.Kind.WRITE, w.partition(), w.units());
            heat.stored(w.target(), w.storedDelta());
            if (w.removed() != null) {
                WriteCost.Entry e = w.removed();
                state.remove(w.target(), e.partition(), e.sortValue(), e.pk(), e.sk());
            }
            if (w.put() != null) {
                WriteCost.Entry e = w.put();
                state.put(w.target(), e.partition(), e.sortValue(), e.pk(), e.sk(), e.bytes());
            }
        }
        if (stream != null && heat.counting()) {
            stream.accept(oldItem, newItem);
        }
        Map<String, AttributeValue> any = newItem != null ? newItem : oldItem;
        String pk = any.get(TableSchema.PK).s();
        String sk = any.get(TableSchema.SK).s();
        if (newItem == null) {
            Map<String, Map<String, AttributeValue>> p = items.get(pk);
            if (p != null) {
                p.remove(sk);
            }
        } else if (keep) {
            items.computeIfAbsent(pk, k -> new HashMap<>(8)).put(sk, newItem);
        }
    }

    private void read(Map<String, AttributeValue> key, Map<String, AttributeValue> found, boolean consistent) {
        heat.add(TableState.TABLE, Heat.Kind.READ, key.get(TableSchema.PK).s(),
                Units.read(found == null ? 0 : ItemSize.of(found), consistent));
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        Map<String, AttributeValue> found = item(request.key());
        read(request.key(), found, Boolean.TRUE.equals(request.consistentRead()));
        return GetItemResponse.builder().item(found).build();
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        Map<String, List<Map<String, AttributeValue>>> responses = new LinkedHashMap<>();
        for (Map.Entry<String, KeysAndAttributes> e : request.requestItems().entrySet()) {
            List<Map<String, AttributeValue>> found = new ArrayList<>();
            boolean consistent = Boolean.TRUE.equals(e.getValue().consistentRead());
            for (Map<String, AttributeValue> key : e.getValue().keys()) {
                Map<String, AttributeValue> item = item(key);
                read(key, item, consistent);
                if (item != null) {
                    found.add(item);
                }
            }
            responses.put(e.getKey(), found);
        }
        return BatchGetItemResponse.builder().responses(responses).build();
    }

    /** Only what the order-id counter needs: {@code ADD #name :value} on number attributes, no condition. */
    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        if (request.conditionExpression() != null) {
            throw new UnsupportedOperationException("the simulator knows only unconditioned ADD updates here");
        }
        Map<String, AttributeValue> updated = add(request.key(), request.updateExpression(),
                request.expressionAttributeNames(), request.expressionAttributeValues(), false);
        Map<String, AttributeValue> answer = new LinkedHashMap<>(updated);
        answer.keySet().removeAll(request.key().keySet());
        return UpdateItemResponse.builder().attributes(answer).build();
    }

    /**
     * {@code ADD #a :x, #b :y} on number attributes (the order-id counter, a stock shard's take): applies it, charges it
     * and answers the item as it is after. Conditions are not evaluated (see the class comment).
     */
    private Map<String, AttributeValue> add(Map<String, AttributeValue> key, String expression, Map<String, String> names,
                                            Map<String, AttributeValue> values, boolean transactional) {
        String text = expression.trim();
        if (!text.startsWith("ADD ")) {
            throw new UnsupportedOperationException("the simulator knows only ADD #n :v updates, not " + expression);
        }
        Map<String, AttributeValue> old = item(key);
        Map<String, AttributeValue> updated = new LinkedHashMap<>(old == null ? key : old);
        for (String pair : text.substring(4).split(",")) {
            String[] parts = pair.trim().split("\\s+");
            if (parts.length != 2) {
                throw new UnsupportedOperationException("the simulator knows only ADD #n :v updates, not " + expression);
            }
            String name = names.getOrDefault(parts[0], parts[0]);
            BigDecimal add = new BigDecimal(values.get(parts[1]).n());
            AttributeValue current = updated.get(name);
            BigDecimal value = (current == null ? BigDecimal.ZERO : new BigDecimal(current.n())).add(add);
            updated.put(name, AttributeValue.fromN(value.toPlainString()));
        }
        write(old, updated, transactional, true);
        return updated;
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        for (TransactWriteItem action : request.transactItems()) {
            if (action.put() != null) {
                Map<String, AttributeValue> newItem = action.put().item();
                Map<String, AttributeValue> old = item(newItem);
                String condition = action.put().conditionExpression();
                if (old != null && condition != null && condition.startsWith("attribute_not_exists")) {
                    conditionViolations++;
                }
                if (old == null && condition != null && condition.startsWith("attribute_exists")) {
                    unknownOldItems++; // the command read it, so it existed: its attributes were evicted
                }
                write(old, newItem, true, true);
            } else if (action.delete() != null) {
                Map<String, AttributeValue> old = item(action.delete().key());
                if (old == null) {
                    unknownOldItems++;
                    continue;
                }
                write(old, null, true, true);
            } else if (action.update() != null) {
                add(action.update().key(), action.update().updateExpression(), action.update().expressionAttributeNames(),
                        action.update().expressionAttributeValues(), true);
            } else {
                throw new UnsupportedOperationException("the simulator knows transaction Puts, Deletes and ADD updates, not " + action);
            }
        }
        return TransactWriteItemsResponse.builder().build();
    }

    public long conditionViolations() {
        return conditionViolations;
    }

    /** Writes over items whose attributes had been evicted (their old size and index keys were unknown). */
    public long unknownOldItems() {
        return unknownOldItems;
    }

    @Override
    public String serviceName() {
        return "dynamodb";
    }

    @Override
    public void close() {
    }
}
