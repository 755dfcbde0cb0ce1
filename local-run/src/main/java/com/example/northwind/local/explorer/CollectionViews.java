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

    /**
     * One write of the run: the key attributes known from the request, whether the request held the whole item, and
     * what it did to it.
     */
    record Written(Map<String, String> attributes, boolean wholeItem, Action action) {
    }

    /** What a write did to an item. */
    enum Action { PUT, UPDATE, DELETE }

    /** What the views say about an item the run wrote: new, changed, or gone (shown struck through where it was). */
    enum Change {
        CREATED, CHANGED, DELETED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
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
     * {name, index, partitionKey, sortKey, bands, morePartitions}. Items the run read or wrote are marked; written
     * ones say whether the run created, changed or deleted them (a deleted item is shown where it was, from the
     * before-image the recorder read, or from what the run saw of it).
     */
    public List<Map<String, Object>> around(List<Map<String, Object>> requests) {
        Set<String> tablePartitions = new LinkedHashSet<>();
        Map<TableIndex, Set<String>> indexPartitions = new EnumMap<>(TableIndex.class);
        for (TableIndex index : TableIndex.values()) {
            indexPartitions.put(index, new LinkedHashSet<>());
        }
        // Every item the run returned or wrote (pk NUL sk), with each set of key attributes seen for it.
        Map<String, List<Map<String, String>>> seen = new LinkedHashMap<>();
        Map<String, Action> lastWrite = new LinkedHashMap<>();
        // Before the run's first write to it: the item's key attributes, or absent (null value) when it did not exist.
        Map<String, Map<String, String>> before = new LinkedHashMap<>();
        boolean beforeKnown = false;
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
            Map<String, Map<String, String>> existed = new LinkedHashMap<>();
            if (entry.get("before") instanceof List<?> images) {
                beforeKnown = true;
                for (Object image : images) {
                    Map<String, String> attributes = strings((Map<?, ?>) image);
                    existed.put(attributes.get(TableSchema.PK) + "\u0000" + attributes.get(TableSchema.SK), attributes);
                }
            }
            for (Written written : writtenKeys(operation, request)) {
                String key = see(written.attributes(), seen);
                if (key == null) {
                    continue;
                }
                if (entry.containsKey("before") && !before.containsKey(key)) {
                    before.put(key, existed.get(key));
                }
                if (entry.get("error") == null) {
                    lastWrite.put(key, written.action());
                }
                if (!written.wholeItem()) {
                    keyOnlyWrites.add(key);
                }
            }
        }
        // An update or delete names only the key: where the item lives now is read back. A deleted item is placed
        // where it was: by its before-image when there is one, else by what the run saw of it.
        Map<String, Change> changes = new LinkedHashMap<>();
        Map<String, Map<String, String>> ghosts = new LinkedHashMap<>();
        for (String key : keyOnlyWrites) {
            Map<String, String> now = current(seen.get(key).get(0));
            if (now != null) {
                seen.get(key).add(now);
            } else if (lastWrite.containsKey(key)) {
                lastWrite.put(key, Action.DELETE);
            }
        }
        for (Map.Entry<String, Action> write : lastWrite.entrySet()) {
            String key = write.getKey();
            Map<String, String> was = before.get(key);
            if (write.getValue() == Action.DELETE) {
                changes.put(key, Change.DELETED);
                Map<String, String> where = new LinkedHashMap<>(seen.get(key).get(0));
                if (was != null) {
                    where.putAll(was);
                }
                ghosts.put(key, where);
            } else if (beforeKnown && before.containsKey(key)) {
                changes.put(key, was == null ? Change.CREATED : Change.CHANGED);
            }
        }
        for (Map.Entry<String, List<Map<String, String>>> item : seen.entrySet()) {
            tablePartitions.add(item.getValue().get(0).get(TableSchema.PK));
            List<Map<String, String>> sightings = new ArrayList<>(item.getValue());
            if (ghosts.containsKey(item.getKey())) {
                sightings.add(ghosts.get(item.getKey()));
            }
            for (TableIndex index : TableIndex.values()) {
                boolean placed = false;
                for (Map<String, String> attributes : sightings) {
                    String partition = attributes.get(index.partitionKey());
                    if (partition != null && attributes.get(index.sortKey()) != null) {
                        indexPartitions.get(index).add(partition);
                        placed = true;
                    }
                }
                String partition = item.getValue().get(0).get(index.partitionKey());
                if (!placed && ghosts.containsKey(item.getKey()) && partition != null) {
                    indexPartitions.get(index).add(partition);
                }
            }
        }
        Marks marks = new Marks(seen.keySet(), changes, ghosts);
        // Where a view is cut, the partitions the run wrote come first: what a command changed must stay in sight.
        Set<String> writtenTable = new LinkedHashSet<>();
        Map<TableIndex, Set<String>> writtenIndex = new EnumMap<>(TableIndex.class);
        for (String key : changes.keySet()) {
            List<Map<String, String>> sightings = new ArrayList<>(seen.get(key));
            if (ghosts.containsKey(key)) {
                sightings.add(ghosts.get(key));
            }
            writtenTable.add(sightings.get(0).get(TableSchema.PK));
            for (TableIndex index : TableIndex.values()) {
                sightings.stream().map(a -> a.get(index.partitionKey())).filter(java.util.Objects::nonNull)
                        .forEach(p -> writtenIndex.computeIfAbsent(index, i -> new LinkedHashSet<>()).add(p));
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(view(null, writtenFirst(tablePartitions, writtenTable), marks));
        for (TableIndex index : TableIndex.values()) {
            if (!indexPartitions.get(index).isEmpty()) {
                out.add(view(index, writtenFirst(indexPartitions.get(index), writtenIndex.getOrDefault(index, Set.of())), marks));
            }
        }
        return out;
    }

    private static Set<String> writtenFirst(Set<String> partitions, Set<String> written) {
        Set<String> out = new LinkedHashSet<>();
        partitions.stream().filter(written::contains).forEach(out::add);
        out.addAll(partitions);
        return out;
    }

    /** The items to mark (pk NUL sk), what the run did to those it wrote, and where the deleted ones were. */
    private record Marks(Set<String> marked, Map<String, Change> changes, Map<String, Map<String, String>> deleted) {
    }

    private Map<String, Object> view(TableIndex index, Set<String> partitions, Marks marks) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", index == null ? TABLE : index.indexName());
        view.put("index", index == null ? null : index.indexName());
        view.put("partitionKey", partitionKey(index));
        view.put("sortKey", index == null ? TableSchema.SK : index.sortKey());
        view.put("bands", bands(partitions, index, marks));
        view.put("morePartitions", Math.max(0, partitions.size() - MAX_PARTITIONS));
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
    static List<Written> writtenKeys(String operation, Map<?, ?> request) {
        List<Written> out = new ArrayList<>();
        if (request.get("TransactItems") instanceof List<?> actions) {
            for (Object action : actions) {
                ((Map<?, ?>) action).forEach((kind, body) -> {
                    Action what = action(String.valueOf(kind));
                    if (what != null && body instanceof Map<?, ?> b) {
                        addKey(b, what, out);
                    }
                });
            }
        } else if (request.get("RequestItems") instanceof Map<?, ?> tables && operation.equals("BatchWriteItem")) {
            for (Object writes : tables.values()) {
                if (writes instanceof List<?> list) {
                    for (Object write : list) {
                        ((Map<?, ?>) write).forEach((kind, body) -> addKey((Map<?, ?>) body,
                                "PutRequest".equals(kind) ? Action.PUT : Action.DELETE, out));
                    }
                }
            }
        } else if (operation.equals("PutItem") || operation.equals("UpdateItem") || operation.equals("DeleteItem")) {
            addKey(request, action(operation.replace("Item", "")), out);
        }
        return out;
    }

    private static Action action(String kind) {
        return switch (kind) {
            case "Put" -> Action.PUT;
            case "Update" -> Action.UPDATE;
            case "Delete" -> Action.DELETE;
            default -> null; // ConditionCheck writes nothing
        };
    }

    private static void addKey(Map<?, ?> body, Action action, List<Written> out) {
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
            out.add(new Written(attributes, whole, action));
        }
    }

    private List<Object> bands(Set<String> partitions, TableIndex index, Marks marks) {
        List<Object> out = new ArrayList<>();
        for (String partition : partitions) {
            if (out.size() == MAX_PARTITIONS) {
                break;
            }
            out.add(band(partition, index, marks));
        }
        return out;
    }

    private Map<String, Object> band(String partition, TableIndex index, Marks marks) {
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
                mark(row, marks);
                items.add(row);
            }
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
            truncated = start != null && items.size() >= MAX_ITEMS_READ;
        } while (start != null && !truncated);
        addDeleted(items, partition, index, marks);

        Map<String, Object> band = new LinkedHashMap<>();
        band.put("partition", partition);
        band.put("index", index == null ? null : index.indexName());
        band.put("total", items.stream().filter(i -> !Change.DELETED.label().equals(i.get("change"))).count());
        band.put("truncated", truncated);
        band.put("items", window(items));
        return band;
    }

    private static void mark(Map<String, Object> row, Marks marks) {
        String key = row.get(TableSchema.PK) + "\u0000" + row.get(TableSchema.SK);
        row.put("marked", marks.marked().contains(key));
        Change change = marks.changes().get(key);
        if (change != null) {
            row.put("change", change.label());
        }
    }

    /**
     * The run's deleted items that were in this partition, put back where they sorted (by the partition's sort key;
     * one whose sort value is unknown goes last), marked deleted: the view shows what the command removed.
     */
    private static void addDeleted(List<Map<String, Object>> items, String partition, TableIndex index, Marks marks) {
        String sortKey = index == null ? TableSchema.SK : index.sortKey();
        for (Map<String, String> was : marks.deleted().values()) {
            if (!partition.equals(was.get(partitionKey(index))) || (index != null && was.get(sortKey) == null
                    && !index.partitionKey().equals(TableSchema.SK))) {
                continue;
            }
            Map<String, Object> ghost = new LinkedHashMap<>(was);
            ghost.putIfAbsent("type", null);
            ghost.put("marked", true);
            ghost.put("change", Change.DELETED.label());
            String sort = was.get(sortKey);
            int at = items.size();
            for (int i = 0; sort != null && i < items.size(); i++) {
                Object other = items.get(i).get(sortKey);
                if (other != null && sort.compareTo(other.toString()) < 0) {
                    at = i;
                    break;
                }
            }
            items.add(at, ghost);
        }
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
