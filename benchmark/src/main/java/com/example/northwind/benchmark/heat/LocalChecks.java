package com.example.northwind.benchmark.heat;

import com.example.northwind.model.AccessPatterns;
import com.example.northwind.model.PatternDefinition;
import com.example.northwind.query.QueryHandler;
import com.example.northwind.schema.TableIndex;
import com.example.northwind.schema.TableSchema;
import com.example.northwind.seeder.NorthwindDataSet;
import com.example.northwind.seeder.NorthwindFiles;
import com.example.northwind.seeder.NorthwindSeeder;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * What can be checked on DynamoDB Local: each pattern's read units per page (the query API's
 * stats.consumedCapacity, from ReturnConsumedCapacity) against the value computed from the item model, and the
 * stored items and bytes per source row of each entity after a real seed.
 */
public final class LocalChecks {
    private LocalChecks() {
    }

    /** Seeds the data folder into a new table with the seeder; answers per-pattern units and per-entity storage. */
    public static Map<String, Object> run(DynamoDbClient dynamo, String table, Path dataDir, Map<String, String> events,
                                          int pageSize) throws Exception {
        com.example.northwind.local.DesignTable.create(dynamo, table);
        new NorthwindSeeder(dynamo, table).seed(dataDir);
        List<Map<String, AttributeValue>> items = HeatRuns.seedItems(dataDir);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pageSize", pageSize);
        out.put("patterns", patterns(dynamo, table, items, events, pageSize));
        out.put("storage", storage(dataDir, items, dynamo.describeTable(b -> b.tableName(table)).table()));
        return out;
    }

    static Map<String, Object> patterns(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> items,
                                        Map<String, String> events, int pageSize) throws Exception {
        TableState state = new TableState(1_000_000, Integer.MAX_VALUE);
        SimulatedDynamo sim = new SimulatedDynamo(new Heat(), state, 2);
        items.forEach(i -> sim.load(i, false));
        QueryHandler handler = new QueryHandler(dynamo, table);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : events.entrySet()) {
            Map<String, Object> event = JSON.std.mapFrom(e.getValue());
            event.put("limit", pageSize);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(JSON.std.asBytes(event)), answer, null);
            Map<String, Object> a = JSON.std.mapFrom(answer.toString(StandardCharsets.UTF_8));
            Map<?, ?> stats = (Map<?, ?>) a.get("stats");
            double measured = ((Number) stats.get("consumedCapacity")).doubleValue();
            Map<String, String> params = new TreeMap<>();
            Object raw = event.get("params");
            if (raw instanceof Map<?, ?> p) {
                p.forEach((k, v) -> params.put((String) k, String.valueOf(v)));
            }
            PatternDefinition pattern = AccessPatterns.byName(e.getKey()).orElseThrow();
            TableState.Page page = state.read(pattern.read(params), pageSize);
            double computed = page.units();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", page.target());
            m.put("items", page.items());
            m.put("requests", page.requests().size());
            m.put("bytes", page.bytes());
            m.put("computedRcu", computed);
            m.put("measuredRcu", measured);
            m.put("match", Math.abs(computed - measured) < 1e-9);
            out.put(e.getKey(), m);
        }
        return out;
    }

    /** Items and bytes per source row, per entity: table items, and entries per index. */
    static Map<String, Object> storage(Path dataDir, List<Map<String, AttributeValue>> items, TableDescription described) {
        NorthwindDataSet data = NorthwindDataSet.load(dataDir);
        Map<String, long[]> byType = new TreeMap<>(); // items, bytes, then per index: entries, bytes
        int n = TableIndex.values().length;
        long totalBytes = 0;
        for (Map<String, AttributeValue> item : items) {
            // A product row's stock shards are items of that row (the seed splits its unitsInStock over them).
            String type = item.get(TableSchema.TYPE).s();
            String row = com.example.northwind.schema.EntityType.STOCK_SHARD.typeName().equals(type)
                    ? com.example.northwind.schema.EntityType.PRODUCT.typeName() : type;
            long[] c = byType.computeIfAbsent(row, k -> new long[2 + 2 * n]);
            int size = ItemSize.of(item);
            totalBytes += size;
            c[0]++;
            c[1] += size;
            for (TableIndex index : TableIndex.values()) {
                if (WriteCost.entry(index, item, size) != null) {
                    c[2 + 2 * index.ordinal()]++;
                    c[3 + 2 * index.ordinal()] += size;
                }
            }
        }
        Map<String, Object> entities = new LinkedHashMap<>();
        byType.forEach((type, c) -> {
            int rows = data.rows(NorthwindFiles.fileOf(com.example.northwind.schema.EntityType.fromTypeName(type).orElseThrow())
                    .fileName()).size();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rows", rows);
            m.put("items", c[0]);
            m.put("itemsPerRow", round2((double) c[0] / rows));
            m.put("bytesPerRow", round2((double) c[1] / rows));
            m.put("bytesPerItem", round2((double) c[1] / c[0]));
            for (TableIndex index : TableIndex.values()) {
                m.put(index.indexName() + "EntriesPerRow", round2((double) c[2 + 2 * index.ordinal()] / rows));
                m.put(index.indexName() + "BytesPerRow", round2((double) c[3 + 2 * index.ordinal()] / rows));
            }
            entities.put(type, m);
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rule", "attribute names + values: S and B their UTF-8 bytes, N 1 byte per 2 significant digits + 1, "
                + "BOOL/NULL 1 byte, L/M 3 bytes + elements + 1 byte each; storage adds 100 bytes per item and per index entry");
        out.put("entities", entities);
        out.put("computedItems", items.size());
        out.put("computedBytes", totalBytes);
        out.put("dynamoDbLocalItemCount", described.itemCount());
        out.put("dynamoDbLocalTableSizeBytes", described.tableSizeBytes());
        return out;
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
