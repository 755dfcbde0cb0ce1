package com.example.northwind.local.explorer;

import com.example.northwind.lambda.TaskContext;
import com.example.northwind.schema.TableIndex;
import com.example.northwind.schema.TableSchema;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Records the DynamoDB requests a locally served function makes, exactly as sent (the JSON body on the wire),
 * with what came back: the keys of the items returned, the consumed capacity, or the error. Recording is per
 * thread and only between {@link #start()} and {@link #stop()}, so the explorer sees the requests of the invocation
 * it runs and nothing else on the shared client (the Lambda endpoint's invocations, its own reads).
 *
 * <p>Before a recorded write is sent, the key attributes of every item it targets are read as they are then (the
 * "before" of the entry, with recording paused, by {@link #readBeforeWritesWith}): so the explorer can tell an item
 * the write created from one it changed, and show where an item it deleted was.
 */
public final class RequestRecorder implements ExecutionInterceptor, TaskContext.Propagator {
    private final ThreadLocal<List<Map<String, Object>>> recording = new ThreadLocal<>();
    private final ThreadLocal<Map<String, Object>> current = new ThreadLocal<>();
    /** The before-images read for the write about to be transmitted on this thread. */
    private final ThreadLocal<List<Map<String, Object>>> pendingBefore = new ThreadLocal<>();
    private volatile DynamoDbClient beforeReader;

    /**
     * The client that reads the items a recorded write targets before it is sent (the client this recorder is on:
     * recording is paused on the thread while it reads). Without one, entries have no "before".
     */
    public void readBeforeWritesWith(DynamoDbClient client) {
        this.beforeReader = client;
    }

    public RequestRecorder() {
        TaskContext.register(this); // a sharded page's shard queries run on the query Lambda's pool
    }

    public void start() {
        recording.set(java.util.Collections.synchronizedList(new ArrayList<>()));
    }

    /** The requests recorded since {@link #start()} on this thread (and the tasks it handed on), in order sent. */
    public List<Map<String, Object>> stop() {
        List<Map<String, Object>> out = recording.get();
        recording.remove();
        current.remove();
        pendingBefore.remove();
        if (out == null) {
            return List.of();
        }
        synchronized (out) {
            return new ArrayList<>(out);
        }
    }

    /** A task handed to a pool records into this thread's recording (if one is running). */
    @Override
    public <T> java.util.concurrent.Callable<T> bind(java.util.concurrent.Callable<T> task) {
        List<Map<String, Object>> log = recording.get();
        if (log == null) {
            return task;
        }
        return () -> {
            recording.set(log);
            try {
                return task.call();
            } finally {
                recording.remove();
                current.remove();
                pendingBefore.remove();
            }
        };
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        List<Map<String, Object>> log = recording.get();
        DynamoDbClient reader = beforeReader;
        if (log == null || reader == null) {
            return;
        }
        Map<String, List<Map<String, AttributeValue>>> targets = WriteTargets.of(context.request());
        if (targets.isEmpty()) {
            return;
        }
        // Paused while reading: the reads are the explorer's, not the function's.
        recording.remove();
        try {
            pendingBefore.set(currentKeys(reader, targets));
        } catch (RuntimeException e) {
            pendingBefore.remove(); // without before-images the views mark writes, just not created vs changed
        } finally {
            recording.set(log);
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        List<Map<String, Object>> log = recording.get();
        if (log == null) {
            return;
        }
        // A retried request is transmitted again: each transmission is its own entry, as DynamoDB saw it.
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("operation", attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        entry.put("request", body(context.requestBody()));
        List<Map<String, Object>> before = pendingBefore.get();
        if (before != null) {
            entry.put("before", before);
        }
        log.add(entry);
        current.set(entry);
    }

    /** The key attributes of those target items that exist now, read consistently (BatchGetItem, 100 keys a call). */
    private static List<Map<String, Object>> currentKeys(DynamoDbClient reader, Map<String, List<Map<String, AttributeValue>>> targets) {
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (String attribute : KEY_ATTRIBUTES) {
            names.put("#k" + names.size(), attribute);
        }
        names.put("#t", TableSchema.TYPE);
        targets.forEach((table, keys) -> {
            for (int i = 0; i < keys.size(); i += 100) {
                Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                        .keys(keys.subList(i, Math.min(keys.size(), i + 100))).consistentRead(true)
                        .projectionExpression(String.join(", ", names.keySet())).expressionAttributeNames(names).build());
                // DynamoDB may leave keys unprocessed: ask again for those, a few times at most.
                for (int attempt = 0; attempt < 5 && !request.isEmpty(); attempt++) {
                    Map<String, KeysAndAttributes> asked = request;
                    BatchGetItemResponse response = reader.batchGetItem(b -> b.requestItems(asked));
                    response.responses().values().forEach(items -> items.forEach(item -> {
                        Map<String, Object> image = key(item);
                        if (item.get(TableSchema.TYPE) != null) {
                            image.put("type", item.get(TableSchema.TYPE).s());
                        }
                        out.add(image);
                    }));
                    request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                }
            }
        });
        return out;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Map<String, Object> entry = current.get();
        if (entry == null) {
            return;
        }
        SdkResponse response = context.response();
        entry.put("consumedCapacity", capacity(response));
        if (response instanceof QueryResponse query) {
            entry.put("count", query.count());
            entry.put("scannedCount", query.scannedCount());
            entry.put("returnedKeys", query.items().stream().map(RequestRecorder::key).toList());
            entry.put("lastEvaluatedKey", query.hasLastEvaluatedKey() ? key(query.lastEvaluatedKey()) : null);
        } else if (response instanceof GetItemResponse get) {
            entry.put("returnedKeys", get.hasItem() ? List.of(key(get.item())) : List.of());
        } else if (response instanceof BatchGetItemResponse batch) {
            entry.put("returnedKeys", batch.responses().values().stream().flatMap(List::stream).map(RequestRecorder::key).toList());
            entry.put("unprocessedKeys", batch.hasUnprocessedKeys()
                    ? batch.unprocessedKeys().values().stream().mapToInt(k -> k.keys().size()).sum() : 0);
        } else if (response instanceof UpdateItemResponse update && update.hasAttributes()) {
            entry.put("returnedAttributes", update.attributes().keySet().stream().sorted().toList());
        }
        pendingBefore.remove();
        current.remove();
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Map<String, Object> entry = current.get();
        if (entry != null) {
            entry.put("error", context.exception().getMessage());
            current.remove();
        }
        pendingBefore.remove();
    }

    /** The table's key attributes and those of every index, in that order: pk, sk, data, pk2, sk2. */
    static final List<String> KEY_ATTRIBUTES = keyAttributes();

    private static List<String> keyAttributes() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>(List.of(TableSchema.PK, TableSchema.SK));
        for (TableIndex index : TableIndex.values()) {
            names.add(index.partitionKey());
            names.add(index.sortKey());
        }
        return List.copyOf(names);
    }

    /** The item's values of the key attributes of the table and of every index (those it has). */
    static Map<String, Object> key(Map<String, AttributeValue> item) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : KEY_ATTRIBUTES) {
            AttributeValue value = item.get(name);
            if (value != null && value.s() != null) {
                out.put(name, value.s());
            }
        }
        return out;
    }

    private static Object capacity(SdkResponse response) {
        Optional<Object> value = response.getValueForField("ConsumedCapacity", Object.class);
        if (value.isEmpty()) {
            return null;
        }
        if (value.get() instanceof List<?> list) {
            return list.stream().map(c -> capacity((ConsumedCapacity) c)).toList();
        }
        return capacity((ConsumedCapacity) value.get());
    }

    private static Map<String, Object> capacity(ConsumedCapacity c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("TableName", c.tableName());
        out.put("CapacityUnits", c.capacityUnits());
        if (c.table() != null && c.table().capacityUnits() != null) {
            out.put("Table", c.table().capacityUnits());
        }
        if (c.readCapacityUnits() != null) {
            out.put("ReadCapacityUnits", c.readCapacityUnits());
        }
        if (c.writeCapacityUnits() != null) {
            out.put("WriteCapacityUnits", c.writeCapacityUnits());
        }
        if (c.hasGlobalSecondaryIndexes()) {
            Map<String, Object> indexes = new LinkedHashMap<>();
            c.globalSecondaryIndexes().forEach((name, cap) -> indexes.put(name, cap.capacityUnits()));
            out.put("GlobalSecondaryIndexes", indexes);
        }
        return out;
    }

    private static Object body(Optional<RequestBody> body) {
        if (body.isEmpty()) {
            return null;
        }
        try (InputStream in = body.get().contentStreamProvider().newStream()) {
            return JSON.std.anyFrom(in);
        } catch (IOException e) {
            return "(body not readable: " + e.getMessage() + ")";
        }
    }
}
