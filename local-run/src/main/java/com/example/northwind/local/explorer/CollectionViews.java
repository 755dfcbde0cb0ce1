package com.example.northwind.local.explorer;

import com.example.northwind.schema.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The live data around what an invocation read or wrote, in two groupings: the table partitions (item collections
 * by pk) and the gsi_1 partitions (by sk, sorted by data) that its requests named or its items live in, each with
 * the items it returned or wrote marked and the rest of the partition elided to a few neighbours.
 */
public final class CollectionViews {
    /** Partitions per grouping: enough to see a read and where its items live, few enough to read. */
    static final int MAX_PARTITIONS = 4;
    /** Items read from one partition for the view (keys only). */
    static final int MAX_ITEMS_READ = 2000;
    /** Neighbours shown on each side of the marked items. */
    static final int CONTEXT = 3;
    static final int MAX_MARKED_SHOWN = 40;
    private static final Pattern EQUALS = Pattern.compile("([#\\w]+)\\s*=\\s*(:\\w+)");

    private final DynamoDbClient dynamo;
    private final String table;

    public CollectionViews(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** {"table": [band...], "gsi_1": [band...]} for the recorded requests. */
    public Map<String, Object> around(List<Map<String, Object>> requests) {
        Set<String> tablePartitions = new LinkedHashSet<>();
        Set<String> indexPartitions = new LinkedHashSet<>();
        Set<String> marked = new LinkedHashSet<>();
        for (Map<String, Object> entry : requests) {
            if (!(entry.get("request") instanceof Map<?, ?> request)) {
                continue;
            }
            String operation = String.valueOf(entry.get("operation"));
            if (operation.equals("Query")) {
                String partition = queriedPartition(request);
                if (partition != null) {
                    (request.get("IndexName") == null ? tablePartitions : indexPartitions).add(partition);
                }
            }
            if (entry.get("returnedKeys") instanceof List<?> keys) {
                for (Object key : keys) {
                    mark((Map<?, ?>) key, marked, tablePartitions, indexPartitions);
                }
            }
            for (Map<?, ?> key : writtenKeys(request)) {
                mark(key, marked, tablePartitions, indexPartitions);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("table", bands(tablePartitions, null, marked));
        out.put(TableSchema.GSI_1, bands(indexPartitions, TableSchema.GSI_1, marked));
        return out;
    }

    private static void mark(Map<?, ?> key, Set<String> marked, Set<String> tablePartitions, Set<String> indexPartitions) {
        Object pk = key.get(TableSchema.PK);
        Object sk = key.get(TableSchema.SK);
        if (pk == null || sk == null) {
            return;
        }
        marked.add(pk + "\u0000" + sk);
        tablePartitions.add(pk.toString());
        indexPartitions.add(sk.toString());
    }

    /** The partition key value of a Query: the value compared with = to the partition attribute. */
    static String queriedPartition(Map<?, ?> request) {
        String partitionAttribute = request.get("IndexName") == null ? TableSchema.PK : TableSchema.GSI_1_PARTITION_KEY;
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

    /** Keys ({pk, sk} as plain strings) that a write request puts, updates or deletes; none for reads. */
    static List<Map<?, ?>> writtenKeys(Map<?, ?> request) {
        List<Map<?, ?>> out = new ArrayList<>();
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

    private static void addKey(Map<?, ?> body, List<Map<?, ?>> out) {
        Object source = body.containsKey("Item") ? body.get("Item") : body.get("Key");
        if (source instanceof Map<?, ?> item && item.get(TableSchema.PK) instanceof Map<?, ?> pk
                && item.get(TableSchema.SK) instanceof Map<?, ?> sk) {
            out.add(Map.of(TableSchema.PK, String.valueOf(pk.get("S")), TableSchema.SK, String.valueOf(sk.get("S"))));
        }
    }

    private List<Object> bands(Set<String> partitions, String index, Set<String> marked) {
        List<Object> out = new ArrayList<>();
        for (String partition : partitions) {
            if (out.size() == MAX_PARTITIONS) {
                break;
            }
            out.add(band(partition, index, marked));
        }
        return out;
    }

    private Map<String, Object> band(String partition, String index, Set<String> marked) {
        List<Map<String, Object>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        boolean truncated = false;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(index)
                    .keyConditionExpression("#p = :p")
                    .expressionAttributeNames(Map.of("#p", index == null ? TableSchema.PK : TableSchema.GSI_1_PARTITION_KEY,
                            "#pk", TableSchema.PK, "#sk", TableSchema.SK, "#d", TableSchema.DATA, "#t", TableSchema.TYPE))
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(partition)))
                    .projectionExpression("#pk, #sk, #d, #t")
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
        band.put("index", index);
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
