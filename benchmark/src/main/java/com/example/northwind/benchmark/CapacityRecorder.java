package com.example.northwind.benchmark;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Capacity;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import com.example.northwind.benchmark.heat.Pricing;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * An SDK interceptor on the benchmark's DynamoDB client that records, per call, what DynamoDB reported as consumed
 * (ReturnConsumedCapacity=INDEXES: CapacityUnits, ReadCapacityUnits and WriteCapacityUnits in total, on the table
 * and on each index) — independently of the command handler's own stats. While {@link #expect} is on it also
 * computes what DynamoDB's published pricing rules charge for the same call from the item sizes: reads from the
 * items returned (strongly consistent: ⌈size/4 KB⌉ per item, per Query page on the sum), writes from the items
 * before (read with a second client just before a TransactWriteItems is sent) and after, per table and index.
 */
final class CapacityRecorder implements ExecutionInterceptor {
    /** The design's indexes and their key attributes (DesignTable; projection ALL). */
    static final Map<String, List<String>> INDEXES = Map.of("gsi_1", List.of("sk", "data"), "gsi_2", List.of("pk2", "sk2"));

    /** One DynamoDB call as reported, with the units the pricing rules give for it (null when not computed). */
    record Call(String operation, Map<String, Units> reported, Map<String, Units> expected, int itemsWritten,
                int maxItemBytes) {
    }

    /** Read, write and total units on one target ({@code total}, {@code table}, {@code gsi_1}, ...). */
    record Units(double read, double write, double total) {
        Units plus(Units o) {
            return new Units(read + o.read, write + o.write, total + o.total);
        }
    }

    private final List<Call> calls = new ArrayList<>();
    private volatile boolean recording;
    private volatile DynamoDbClient peek;
    private final ThreadLocal<Map<String, Map<String, AttributeValue>>> before = new ThreadLocal<>();

    /** Starts recording calls; with {@code peekClient} (not intercepted) also computes expected units. */
    synchronized void start(DynamoDbClient peekClient) {
        calls.clear();
        peek = peekClient;
        recording = true;
    }

    synchronized List<Call> stop() {
        recording = false;
        peek = null;
        return new ArrayList<>(calls);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        DynamoDbClient p = peek;
        if (recording && p != null && context.request() instanceof TransactWriteItemsRequest tx) {
            before.set(itemsBefore(p, tx));
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (!recording) {
            return;
        }
        SdkRequest request = context.request();
        SdkResponse response = context.response();
        List<ConsumedCapacity> reported = List.of();
        if (response instanceof GetItemResponse r && r.consumedCapacity() != null) {
            reported = List.of(r.consumedCapacity());
        } else if (response instanceof QueryResponse r && r.consumedCapacity() != null) {
            reported = List.of(r.consumedCapacity());
        } else if (response instanceof UpdateItemResponse r && r.consumedCapacity() != null) {
            reported = List.of(r.consumedCapacity());
        } else if (response instanceof BatchGetItemResponse r && r.hasConsumedCapacity()) {
            reported = r.consumedCapacity();
        } else if (response instanceof TransactWriteItemsResponse r && r.hasConsumedCapacity()) {
            reported = r.consumedCapacity();
        }
        String operation = request.getClass().getSimpleName().replace("Request", "");
        Map<String, Units> byTarget = new TreeMap<>();
        for (ConsumedCapacity c : reported) {
            add(byTarget, "total", c.readCapacityUnits(), c.writeCapacityUnits(), c.capacityUnits());
            add(byTarget, "table", c.table());
            if (c.hasGlobalSecondaryIndexes()) {
                c.globalSecondaryIndexes().forEach((index, capacity) -> add(byTarget, index, capacity));
            }
        }
        Map<String, Units> expected = null;
        int written = 0;
        int maxBytes = 0;
        if (peek != null) {
            expected = new TreeMap<>();
            if (response instanceof GetItemResponse r) {
                read(expected, r.hasItem() && !r.item().isEmpty() ? List.of(r.item()) : List.of(), false);
            } else if (response instanceof BatchGetItemResponse r) {
                for (List<Map<String, AttributeValue>> items : r.responses().values()) {
                    read(expected, items, false);
                }
            } else if (response instanceof QueryResponse r) {
                read(expected, r.items(), true);
            } else if (response instanceof UpdateItemResponse) {
                // The order-id counter: a small item, one standard write of ⌈size/1 KB⌉ = 1 unit, in no index.
                expected.put("table", new Units(0, 1, 1));
                expected.put("total", new Units(0, 1, 1));
                written = 1;
            }
            if (request instanceof TransactWriteItemsRequest tx) {
                Map<String, Map<String, AttributeValue>> old = before.get();
                before.remove();
                for (TransactWriteItem action : tx.transactItems()) {
                    Map<String, AttributeValue> key = key(action);
                    Map<String, AttributeValue> was = old == null ? null : old.get(keyText(key));
                    Map<String, AttributeValue> now;
                    if (action.put() != null) {
                        now = action.put().item();
                    } else if (action.update() != null) {
                        now = was; // the updates here only raise a revision number: same keys, about the same size
                    } else {
                        now = null; // delete; a condition check writes nothing but is charged like a write
                    }
                    if (action.conditionCheck() == null) {
                        written++;
                    }
                    int size = Math.max(size(was), size(now));
                    maxBytes = Math.max(maxBytes, size);
                    // Transactions: two underlying writes (prepare, commit) per table item, each ⌈size/1 KB⌉ (minimum 1);
                    // index entries at Pricing's factor (1× by the published measurement; BENCHMARKS.md cites both).
                    double units = Pricing.TRANSACTIONAL_TABLE_FACTOR * Math.max(1, Math.ceil(size / 1024.0));
                    addWrite(expected, "table", units);
                    for (Map.Entry<String, List<String>> index : INDEXES.entrySet()) {
                        String oldKey = indexKey(was, index.getValue());
                        String newKey = action.conditionCheck() != null ? oldKey : indexKey(now, index.getValue());
                        int entries = oldKey == null && newKey == null ? 0
                                : oldKey != null && newKey != null && !oldKey.equals(newKey) ? 2 : 1;
                        if (action.conditionCheck() != null) {
                            entries = 0;
                        }
                        if (entries > 0) {
                            addWrite(expected, index.getKey(),
                                    entries * Pricing.TRANSACTIONAL_INDEX_FACTOR * Math.max(1, Math.ceil(size / 1024.0)));
                        }
                    }
                }
            }
        }
        synchronized (this) {
            if (recording) {
                calls.add(new Call(operation, byTarget, expected, written, maxBytes));
            }
        }
    }

    private static void read(Map<String, Units> expected, List<Map<String, AttributeValue>> items, boolean onePage) {
        double units;
        if (onePage) {
            int sum = items.stream().mapToInt(CapacityRecorder::size).sum();
            units = Math.max(1, Math.ceil(sum / 4096.0));
        } else {
            units = items.stream().mapToDouble(i -> Math.max(1, Math.ceil(size(i) / 4096.0))).sum();
            if (items.isEmpty()) {
                units = 1; // a read of a missing item still costs one unit
            }
        }
        expected.merge("table", new Units(units, 0, units), Units::plus);
        expected.merge("total", new Units(units, 0, units), Units::plus);
    }

    private static void addWrite(Map<String, Units> expected, String target, double units) {
        expected.merge(target, new Units(0, units, units), Units::plus);
        expected.merge("total", new Units(0, units, units), Units::plus);
    }

    private static void add(Map<String, Units> byTarget, String target, Capacity c) {
        if (c != null) {
            add(byTarget, target, c.readCapacityUnits(), c.writeCapacityUnits(), c.capacityUnits());
        }
    }

    private static void add(Map<String, Units> byTarget, String target, Double read, Double write, Double total) {
        byTarget.merge(target, new Units(read == null ? Double.NaN : read, write == null ? Double.NaN : write,
                total == null ? 0 : total), Units::plus);
    }

    private static Map<String, Map<String, AttributeValue>> itemsBefore(DynamoDbClient client, TransactWriteItemsRequest tx) {
        String table = null;
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (TransactWriteItem action : tx.transactItems()) {
            keys.add(key(action));
            table = action.put() != null ? action.put().tableName() : action.update() != null ? action.update().tableName()
                    : action.delete() != null ? action.delete().tableName() : action.conditionCheck().tableName();
        }
        Map<String, Map<String, AttributeValue>> found = new LinkedHashMap<>();
        for (int from = 0; from < keys.size(); from += 100) {
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + 100))).consistentRead(true).build());
            while (!pending.isEmpty()) {
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse r = client.batchGetItem(b -> b.requestItems(request));
                r.responses().values().forEach(items -> items.forEach(i -> found.put(keyText(i), i)));
                pending = r.hasUnprocessedKeys() ? r.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    private static Map<String, AttributeValue> key(TransactWriteItem action) {
        if (action.put() != null) {
            return Map.of("pk", action.put().item().get("pk"), "sk", action.put().item().get("sk"));
        }
        return action.update() != null ? action.update().key() : action.delete() != null ? action.delete().key()
                : action.conditionCheck().key();
    }

    private static String keyText(Map<String, AttributeValue> item) {
        return item.get("pk").s() + "\u0000" + item.get("sk").s();
    }

    private static String indexKey(Map<String, AttributeValue> item, List<String> keyAttributes) {
        if (item == null) {
            return null;
        }
        StringBuilder key = new StringBuilder();
        for (String a : keyAttributes) {
            AttributeValue v = item.get(a);
            if (v == null) {
                return null;
            }
            key.append(v.s() != null ? v.s() : v.n()).append('\u0000');
        }
        return key.toString();
    }

    /** DynamoDB's item size: attribute names plus values (strings UTF-8, numbers ≈ 1 byte per 2 digits + 1). */
    static int size(Map<String, AttributeValue> item) {
        if (item == null) {
            return 0;
        }
        int size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += e.getKey().getBytes(StandardCharsets.UTF_8).length + size(e.getValue());
        }
        return size;
    }

    private static int size(AttributeValue v) {
        if (v.s() != null) {
            return v.s().getBytes(StandardCharsets.UTF_8).length;
        }
        if (v.n() != null) {
            String digits = v.n().replace("-", "").replace(".", "").replaceAll("^0+", "").replaceAll("0+$", "");
            return (digits.length() + 1) / 2 + 1;
        }
        if (v.b() != null) {
            return v.b().asByteArray().length;
        }
        if (v.bool() != null || Boolean.TRUE.equals(v.nul())) {
            return 1;
        }
        if (v.hasM()) {
            return 3 + v.m().entrySet().stream().mapToInt(e -> e.getKey().getBytes(StandardCharsets.UTF_8).length
                    + size(e.getValue()) + 1).sum();
        }
        if (v.hasL()) {
            return 3 + v.l().stream().mapToInt(x -> size(x) + 1).sum();
        }
        if (v.hasSs()) {
            return v.ss().stream().mapToInt(s -> s.getBytes(StandardCharsets.UTF_8).length).sum();
        }
        if (v.hasNs()) {
            return v.ns().stream().mapToInt(n -> (n.length() + 1) / 2 + 1).sum();
        }
        return 1;
    }
}
