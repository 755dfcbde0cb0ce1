package com.example.northwind.model;

import com.example.northwind.schema.EntityType;
import com.example.northwind.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A product's stock in shards (item model 6; docs/key-design.md, "Stock shards"): the keys of its
 * {@link ItemModel#STOCK_SHARDS} shard items, how a total is split over them, and how a product's stock level is read
 * back from its entity item and its shards — the one rule the commands, the {@code product} pattern and the stream
 * consumer share.
 *
 * <p>A table migrated from item model 5 keeps each product's stock in the entity's {@code unitsInStock} (the
 * <em>legacy</em> field) until migration 6's contract moves it into shards, in one transaction per product. So a
 * product has either no shard (its stock is the legacy field, which every writer changes on the entity as before) or
 * all of them (its stock is their sum; the entity's {@code unitsInStock} is only the listed stock).
 */
public final class Stock {
    /** A shard's units on hand. */
    public static final String UNITS = "units";
    /** A shard's version: raised by every change of the shard, so the sum over a product's shards only grows. */
    public static final String VERSION = "version";

    private Stock() {
    }

    /** Every stock shard's partition key of the product, shard 0 first. */
    public static List<String> partitions(Object productId) {
        return IntStream.range(0, ItemModel.STOCK_SHARDS).mapToObj(s -> ItemModel.stockShardPartition(productId, s)).toList();
    }

    /** The table key of one stock shard. */
    public static Map<String, AttributeValue> key(Object productId, int shard) {
        return ItemCodec.key(ItemModel.stockShardPartition(productId, shard), ItemModel.STOCK_SORT_KEY);
    }

    /** {@code total} spread as evenly as units go: the first {@code total mod N} shards hold one more. */
    public static long[] split(long total) {
        int n = ItemModel.STOCK_SHARDS;
        long[] units = new long[n];
        for (int s = 0; s < n; s++) {
            units[s] = total / n + (s < total % n ? 1 : 0);
        }
        return units;
    }

    /** The shard items of a product holding {@code total} units, each at {@code version}. */
    public static List<Item> shardItems(long productId, long total, long version) {
        long[] units = split(total);
        List<Item> items = new ArrayList<>(units.length);
        for (int s = 0; s < units.length; s++) {
            items.addAll(ItemModel.itemsOf(EntityType.STOCK_SHARD,
                    Map.of("productID", productId, "shard", (long) s, UNITS, units[s], VERSION, version)));
        }
        return items;
    }

    /**
     * A product's stock as read: either legacy (no shard: the entity's field is the stock) or sharded (units and
     * version per shard; a shard read as absent holds nothing).
     */
    public record Level(boolean legacy, long legacyUnits, long[] units, long[] versions) {
        /** The product's stock: the legacy field, or the sum of the shards. */
        public long total() {
            if (legacy) {
                return legacyUnits;
            }
            long sum = 0;
            for (long u : units) {
                sum += u;
            }
            return sum;
        }

        /** The sum of the shards' versions: what a listed stock derived from this read is stamped with. */
        public long version() {
            long sum = 0;
            for (long v : versions) {
                sum += v;
            }
            return sum;
        }
    }

    /**
     * The stock level from a product's entity item and whatever of its shards were found ({@code shards} by shard
     * number; missing = absent). No shard found: the product has not been moved to shards, its entity holds the stock.
     */
    public static Level level(Map<String, AttributeValue> entity, Map<Integer, Map<String, AttributeValue>> shards) {
        int n = ItemModel.STOCK_SHARDS;
        long[] units = new long[n];
        long[] versions = new long[n];
        if (shards.isEmpty()) {
            return new Level(true, number(entity, "unitsInStock"), units, versions);
        }
        shards.forEach((s, item) -> {
            units[s] = number(item, UNITS);
            versions[s] = number(item, VERSION);
        });
        return new Level(false, 0, units, versions);
    }

    /**
     * The stock level from the answer of a BatchGetItem that asked for the product's entity and shards (keyed by
     * {@link BatchGet#keyOf}); null when the entity was not found.
     */
    public static Level level(Object productId, Map<String, Map<String, AttributeValue>> found) {
        Map<String, AttributeValue> entity = found.get(BatchGet.keyOf(ItemCodec.key(
                ItemModel.partition(EntityType.PRODUCT, String.valueOf(productId)), ItemModel.entitySortKey(EntityType.PRODUCT))));
        if (entity == null) {
            return null;
        }
        Map<Integer, Map<String, AttributeValue>> shards = new java.util.HashMap<>();
        for (int s = 0; s < ItemModel.STOCK_SHARDS; s++) {
            Map<String, AttributeValue> shard = found.get(BatchGet.keyOf(key(productId, s)));
            if (shard != null) {
                shards.put(s, shard);
            }
        }
        return level(entity, shards);
    }

    /** Which product a stock shard partition key belongs to. */
    public static long productOf(String partition) {
        int first = partition.indexOf('#');
        return Long.parseLong(partition.substring(first + 1, partition.lastIndexOf('#')));
    }

    /** Whether a partition key is a stock shard's. */
    public static boolean isShard(String partition) {
        return partition.startsWith(EntityType.STOCK_SHARD.keyPrefix() + "#");
    }

    /** The listed stock's version an entity item carries; -1 when none was ever written. */
    public static long listedVersion(Map<String, AttributeValue> entity) {
        AttributeValue v = entity == null ? null : entity.get(TableSchema.STOCK_VERSION);
        return v == null || v.n() == null ? -1 : Long.parseLong(v.n());
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item == null ? null : item.get(name);
        return v == null || v.n() == null ? 0 : new java.math.BigDecimal(v.n()).longValueExact();
    }
}
