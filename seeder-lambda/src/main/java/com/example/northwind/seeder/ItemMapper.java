package com.example.northwind.seeder;

import com.example.northwind.model.Enrichment;
import com.example.northwind.model.Item;
import com.example.northwind.model.ItemCodec;
import com.example.northwind.model.ItemModel;
import com.example.northwind.model.Stock;
import com.example.northwind.schema.EntityType;
import com.example.northwind.schema.TableSchema;
import java.util.ArrayList;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns validated rows into the items of the item model ({@link ItemModel}): each row becomes a typed fact,
 * gets the columns its items copy from related rows ({@link Enrichment}), and the model says which items it is.
 * No I/O beyond reading rows through {@link SeedSource}. The key design lives in the model, not here.
 */
public final class ItemMapper {
    /** The order items are listed in (stable, so logs and tests compare across runs). */
    private static final List<String> FILE_ORDER = List.of(
            NorthwindFiles.CATEGORIES, NorthwindFiles.CUSTOMERS, NorthwindFiles.EMPLOYEES,
            NorthwindFiles.EMPLOYEE_TERRITORIES, NorthwindFiles.ORDERS, NorthwindFiles.ORDER_DETAILS,
            NorthwindFiles.PRODUCTS, NorthwindFiles.REGIONS, NorthwindFiles.SHIPPERS, NorthwindFiles.SUPPLIERS,
            NorthwindFiles.TERRITORIES);

    private ItemMapper() {
    }

    /** A column of a related row: the row of {@code from} whose id is {@code key} (references are validated). */
    @FunctionalInterface
    public interface Related {
        String value(EntityType from, String key, String column);
    }

    /** Receives each item with the row it was made from. */
    @FunctionalInterface
    interface ItemSink {
        void accept(SeedItem item, Row source);
    }

    /**
     * What the table should hold, checked as a whole before anything is written: the keys of every item (compact),
     * the count per type and in all.
     */
    record Plan(KeySet keys, Map<String, Integer> itemsByType, int totalItems) {
    }

    /**
     * Every item the table should hold for this data, row by row in a stable order, made on the fly: one row's
     * items at a time are in memory.
     */
    static void forEachItem(SeedSource source, ItemSink sink) {
        for (String file : FILE_ORDER) {
            CsvFileSpec spec = NorthwindFiles.spec(file);
            source.forEachRow(file, row -> {
                for (Map<String, AttributeValue> item : rowItems(spec.entity(), source.fact(spec.entity(), row))) {
                    sink.accept(new SeedItem(item.get(TableSchema.TYPE).s(), item), row);
                }
            });
        }
    }

    /**
     * Every item the seed writes for one row: the item model's items of its fact, and for a product its stock split
     * over its shards (item model 6: the row's unitsInStock is their sum) with its entity's listed stock stamped as up
     * to date (the shards' version 0).
     */
    public static List<Map<String, AttributeValue>> rowItems(EntityType type, Map<String, Object> fact) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        for (Item item : ItemModel.itemsOf(type, fact)) {
            Map<String, AttributeValue> attributes = ItemCodec.toAttributes(item);
            if (item.shape().kind().equals(EntityType.PRODUCT.name())) {
                attributes.put(TableSchema.STOCK_VERSION, AttributeValue.fromN("0"));
            }
            out.add(attributes);
        }
        if (type == EntityType.PRODUCT) {
            Object stock = fact.get("unitsInStock");
            for (Item item : Stock.shardItems((Long) fact.get("productID"), stock == null ? 0 : ((Number) stock).longValue(), 0)) {
                out.add(ItemCodec.toAttributes(item));
            }
        }
        return out;
    }

    /**
     * Maps every row once without writing: every item passes DynamoDB's size limits (else the seed fails naming the
     * row) and no two items share a key; answers the keys the table should hold.
     */
    static Plan plan(SeedSource source) {
        KeySet keys = new KeySet();
        Map<String, Integer> counts = new TreeMap<>();
        SeedItem[] duplicate = {null};
        forEachItem(source, (item, row) -> {
            ItemLimits.check(item, row);
            if (keys.add(item.key()) < 0 && duplicate[0] == null) {
                duplicate[0] = item;
            }
            counts.merge(item.typeName(), 1, Integer::sum);
        });
        if (duplicate[0] != null) {
            // Two items with one key would silently overwrite each other (and BatchWriteItem rejects them).
            throw new SeedDataException("two items map to the same key pk=" + duplicate[0].pk() + ", sk=" + duplicate[0].sk());
        }
        return new Plan(keys, new LinkedHashMap<>(counts), keys.size());
    }

    /** The row's typed values plus what its items copy from related rows (references are validated: they exist). */
    public static Map<String, Object> fact(NorthwindDataSet data, EntityType type, Row row) {
        return fact(type, row, (from, key, column) -> data.row(NorthwindFiles.fileOf(from).fileName(), key).get(column));
    }

    /** The row's typed values plus the columns its items copy, read through {@code related}. */
    public static Map<String, Object> fact(EntityType type, Row row, Related related) {
        Map<String, Object> fact = typed(row);
        for (Enrichment enrichment : ItemModel.enrichments(type)) {
            CsvFileSpec from = NorthwindFiles.fileOf(enrichment.from());
            String key = row.get(enrichment.referenceColumn());
            for (String column : enrichment.columns()) {
                String value = related.value(enrichment.from(), key, column);
                if (value != null) {
                    fact.put(column, from.column(column).type().toValue(value));
                }
            }
        }
        return fact;
    }

    /** Canonical CSV text → the model's Java values; NULLs stay absent. */
    static Map<String, Object> typed(Row row) {
        Map<String, Object> fact = new LinkedHashMap<>();
        for (Column column : row.spec().columns()) {
            String value = row.get(column.name());
            if (value != null) {
                fact.put(column.name(), column.type().toValue(value));
            }
        }
        return fact;
    }

}
