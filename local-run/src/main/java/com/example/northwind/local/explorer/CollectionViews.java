package com.example.northwind.local.explorer;

import com.example.northwind.schema.TableIndex;
import com.example.northwind.schema.TableSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The live data around what an invocation read or wrote, in one grouping per place an item lives: the base table's
 * partitions (item collections by pk) and, for every global secondary index of {@link TableIndex} the run touched,
 * that index's partitions (by its partition key, sorted by its sort key). A partition is touched when a request
 * queried it or an item returned or written lives in it. Each band has the items returned or written marked and
 * the rest of the partition elided to a few neighbours.
 */
public final class CollectionViews {
    /** Partitions per grouping: enough to see a read and where its items live, few enough to read. */
    static final int MAX_PARTITIONS = 4;
    /** Items read from one partition for the view (keys only). */
    static final int MAX_ITEMS_READ = 2000;
    /** Neighbours shown on each side of the marked items. */
    static final int CONTEXT = 3;
    static final int MAX_MARKED_SHOWN = 40;
    /** The name of the base table's grouping. */
    public static final String TABLE = "table";
    private static final Pattern EQUALS = Pattern.compile("([#\\w]+)\\s*=\\s*(:\\w+)");

    /** One write of the run: the key attributes known from the request, and whether the request held the whole item. */
    record Written(Map<String, String> attributes, boolean wholeItem) {
    }

    private final DynamoDbClient dynamo;
    private final String table;

    public CollectionViews(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    DynamoDbClient dynamo() {
        return dynamo;
    }

    String table() {
        return table;
    }

    /**
     * The groupings for the recorded requests, in order: the base table, then each index the run touched, each as
     * {name, index, partitionKey, sortKey, bands}.
     */
    public List<Map<String, Object>> around(List<Map<String, Object>> requests) {
        Set<String> tablePartitions = new LinkedHashSet<>();
        Map<TableIndex, Set<String>> indexPartitions = new EnumMap<>(TableIndex.class);
        for (TableIndex index : TableIndex.values()) {
            indexPartitions.put(index, new LinkedHashSet<>());
        }
        // Every item the run returned or wrote (pk NUL sk), with each set of key attributes seen for it.
        Map<String, List<Map<String, String>>> seen = new LinkedHashMap<>();
        Set<String> keyOnlyWrites = new LinkedHashSet<>();
        for (Map<String, Object> entry : requests) {
            if (!(entry.get("request") instanceof Map<?, ?> request)) {
                continue;
            }
            String operation = String.valueOf(entry.get("operation"));
            if (operation.equals("Query")) {
                String partition = queriedPartition(request);
                Object indexName = request.get("IndexName");
                if (partition != null && indexName == null) {
                    tablePartitions.add(partition);
                } else if (partition != null) {
                    index(indexName.toString()).ifPresent(index -> indexPartitions.get(index).add(partition));
                }
            }
            if (entry.get("returnedKeys") instanceof List<?> keys) {
                for (Object key : keys) {
                    see(strings((Map<?, ?>) key), seen);
                }
            }
            for (Written written : writtenKeys(request)) {
                String key = see(written.attributes(), seen);
                if (key != null && !written.wholeItem()) {
                    keyOnlyWrites.add(key);
                }
            }
        }
        // An update or delete names only the key: where the item lives now is read back; a deleted item keeps what
        // the run saw of it, and the partitions its key alone names.
        Set<String> gone = new LinkedHashSet<>();
        for (String key : keyOnlyWrites) {
            Map<String, String> now = current(seen.get(key).get(0));
            if (now == null) {
                gone.add(key);
            } else {
                seen.get(key).add(now);
            }
        }
        for (Map.Entry<String, List<Map<String, String>>> item : seen.entrySet()) {
            tablePartitions.add(item.getValue().get(0).get(TableSchema.PK));
            for (TableIndex index : TableIndex.values()) {
                boolean placed = false;
                for (Map<String, String> attributes : item.getValue()) {
                    String partition = attributes.get(index.partitionKey());
                    if (partition != null && attributes.get(index.sortKey()) != null) {
                        indexPartitions.get(index).add(partition);
                        placed = true;
                    }
                }
                String partition = item.getValue().get(0).get(index.partitionKey());
                if (!placed && gone.contains(item.getKey()) && partition != null) {
                    indexPartitions.get(index).add(partition);
                }
            }
        }
        Set<String> marked = seen.keySet();
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(view(null, tablePartitions, marked));
        for (TableIndex index : TableIndex.values()) {
            if (!indexPartitions.get(index).isEmpty()) {
                out.add(view(index, indexPartitions.get(index), marked));
            }
        }
        return out;
    }

    private Map<String, Object> view(TableIndex index, Set<String> partitions, Set<String> marked) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", index == null ? TABLE : index.indexName());
        view.put("index", index == null ? null : index.indexName());
        view.put("partitionKey", partitionKey(index));
        view.put("sortKey", index == null ? TableSchema.SK : index.sortKey());
        view.put("bands", bands(partitions, index, marked));
        return view;
    }

    private static String partitionKey(TableIndex index) {
        return index == null ? TableSchema.PK : index.partitionKey();
    }

    static Optional<TableIndex> index(String name) {
        return Arrays.stream(TableIndex.values()).filter(i -> i.indexName().equals(name)).findFirst();
    }

    /** Records one sighting of an item's key attributes; answers the item's key, or null without pk and sk. */
    private static String see(Map<String, String> attributes, Map<String, List<Map<String, String>>> seen) {
        String pk = attributes.get(TableSchema.PK);
        String sk = attributes.get(TableSchema.SK);
        if (pk == null || sk == null) {
            return null;
        }
        String key = pk + "\u0000" + sk;
        seen.computeIfAbsent(key, k -> new ArrayList<>()).add(attributes);
        return key;
    }

    /** The item's key attributes as stored now (a consistent read); null when it no longer exists. */
    private Map<String, String> current(Map<String, String> key) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String attribute : RequestRecorder.KEY_ATTRIBUTES) {
            names.put("#k" + names.size(), attribute);
        }
        GetItemResponse response = dynamo.getItem(GetItemRequest.builder().tableName(table).consistentRead(true)
                .key(Map.of(TableSchema.PK, AttributeValue.fromS(key.get(TableSchema.PK)),
                        TableSchema.SK, AttributeValue.fromS(key.get(TableSchema.SK))))
                .projectionExpression(String.join(", ", names.keySet())).expressionAttributeNames(names).build());
        return response.hasItem() && !response.item().isEmpty() ? strings(RequestRecorder.key(response.item())) : null;
    }

    private static Map<String, String> strings(Map<?, ?> key) {
        Map<String, String> out = new LinkedHashMap<>();
        key.forEach((name, value) -> {
            if (value != null) {
                out.put(name.toString(), value.toString());
            }
        });
        return out;
    }

    /** The partition key value of a Query: the value compared with = to the partition attribute of the table or index. */
    static String queriedPartition(Map<?, ?> request) {
        Object indexName = request.get("IndexName");
        String partitionAttribute;
        if (indexName == null) {
            partitionAttribute = TableSchema.PK;
        } else {
            Optional<TableIndex> index = index(indexName.toString());
            if (index.isEmpty()) {
                return null;
            }
            partitionAttribute = index.get().partitionKey();
        }
        Map<?, ?> names = request.get("ExpressionAttributeNames") instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> values = request.get("ExpressionAttributeValues") instanceof Map<?, ?> m ? m : Map.of();
        Matcher matcher = EQUALS.matcher(String.valueOf(request.get("KeyConditionExpression")));
        while (matcher.find()) {
            String name = matcher.group(1).startsWith("#") ? String.valueOf(names.get(matcher.group(1))) : matcher.group(1);
            if (name.equals(partitionAttribute) && values.get(matcher.group(2)) instanceof Map<?, ?> value) {
                return String.valueOf(value.get("S"));
            }
        }
        return null;
    }

    /**
     * The items a write request puts, updates or deletes, each with the key attributes (of the table and of every
     * index) the request names: all of them for a put (the whole item), pk and sk for an update or a delete. None
     * for reads and condition checks.
     */
    static List<Written> writtenKeys(Map<?, ?> request) {
        List<Written> out = new ArrayList<>();
        if (request.get("TransactItems") instanceof List<?> actions) {
            for (Object action : actions) {
                for (Object body : ((Map<?, ?>) action).values()) {
                    if (body instanceof Map<?, ?> b && !(b.containsKey("Key") && ((Map<?, ?>) action).containsKey("ConditionCheck"))) {
                        addKey(b, out);
                    }
                }
            }
        } else if (request.get("RequestItems") instanceof Map<?, ?> tables) {
            for (Object writes : tables.values()) {
                if (writes instanceof List<?> list) {
                    for (Object write : list) {
                        for (Object body : ((Map<?, ?>) write).values()) {
                            addKey((Map<?, ?>) body, out);
                        }
                    }
                }
            }
        } else if (request.containsKey("Item") || (request.containsKey("Key") && request.containsKey("UpdateExpression"))) {
            addKey(request, out);
        }
        return out;
    }

    private static void addKey(Map<?, ?> body, List<Written> out) {
        boolean whole = body.containsKey("Item");
        Object source = whole ? body.get("Item") : body.get("Key");
        if (!(source instanceof Map<?, ?> item)) {
            return;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String name : RequestRecorder.KEY_ATTRIBUTES) {
            if (item.get(name) instanceof Map<?, ?> value && value.get("S") != null) {
                attributes.put(name, String.valueOf(value.get("S")));
            }
        }
        if (attributes.containsKey(TableSchema.PK) && attributes.containsKey(TableSchema.SK)) {
            out.add(new Written(attributes, whole));
        }
    }

    private List<Object> bands(Set<String> partitions, TableIndex index, Set<String> marked) {
        List<Object> out = new ArrayList<>();
        for (String partition : partitions) {
            if (out.size() == MAX_PARTITIONS) {
                break;
            }
            out.add(band(partition, index, marked));
        }
        return out;
    }

    private Map<String, Object> band(String partition, TableIndex index, Set<String> marked) {
        List<Map<String, Object>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        boolean truncated = false;
        Map<String, String> names = new LinkedHashMap<>();
        names.put("#p", partitionKey(index));
        List<String> projected = new ArrayList<>();
        for (String attribute : RequestRecorder.KEY_ATTRIBUTES) {
            String alias = "#k" + projected.size();
            names.put(alias, attribute);
            projected.add(alias);
        }
        names.put("#t", TableSchema.TYPE);
        projected.add("#t");
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(table)
                    .indexName(index == null ? null : index.indexName())
                    .keyConditionExpression("#p = :p")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(partition)))
                    .projectionExpression(String.join(", ", projected))
                    .exclusiveStartKey(start);
            QueryResponse page = dynamo.query(query.build());
            for (Map<String, AttributeValue> item : page.items()) {
                Map<String, Object> row = RequestRecorder.key(item);
                row.put("type", item.containsKey(TableSchema.TYPE) ? item.get(TableSchema.TYPE).s() : null);
                row.put("marked", marked.contains(row.get(TableSchema.PK) + "\u0000" + row.get(TableSchema.SK)));
                items.add(row);
            }
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
            truncated = start != null && items.size() >= MAX_ITEMS_READ;
        } while (start != null && !truncated);

        Map<String, Object> band = new LinkedHashMap<>();
        band.put("partition", partition);
        band.put("index", index == null ? null : index.indexName());
        band.put("total", items.size());
        band.put("truncated", truncated);
        band.put("items", window(items));
        return band;
    }

    /** The marked items with a few neighbours; each elided run becomes {"gap": n}. */
    static List<Map<String, Object>> window(List<Map<String, Object>> items) {
        boolean[] shown = new boolean[items.size()];
        int markedShown = 0;
        for (int i = 0; i < items.size(); i++) {
            if (Boolean.TRUE.equals(items.get(i).get("marked")) && markedShown < MAX_MARKED_SHOWN) {
                markedShown++;
                for (int j = Math.max(0, i - CONTEXT); j <= Math.min(items.size() - 1, i + CONTEXT); j++) {
                    shown[j] = true;
                }
            }
        }
        if (markedShown == 0) {
            for (int j = 0; j < Math.min(items.size(), 2 * CONTEXT + 1); j++) {
                shown[j] = true;
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        int gap = 0;
        for (int i = 0; i < items.size(); i++) {
            if (shown[i]) {
                if (gap > 0) {
                    out.add(Map.of("gap", gap));
                    gap = 0;
                }
                out.add(items.get(i));
            } else {
                gap++;
            }
        }
        if (gap > 0) {
            out.add(Map.of("gap", gap));
        }
        return out;
    }
}
