package com.example.northwind.command;

import static com.example.northwind.schema.EntityType.PRODUCT;

import com.example.northwind.model.ItemCodec;
import com.example.northwind.model.ItemModel;
import com.example.northwind.model.Shards;
import com.example.northwind.model.Stock;
import com.example.northwind.schema.TableSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A command's stock changes as transaction actions (docs/key-design.md, "Stock shards").
 *
 * <p>A product in shards: an order takes a line's quantity from one shard that holds it — the first from a start
 * shard that differs from order to order, so concurrent orders of one product meet on one shard rarely — or, when no
 * single shard holds enough, from the fullest shards together, in the same transaction. Each take is an update
 * {@code units = units - t} conditioned on {@code units >= t}: no shard ever goes below zero, so nothing is oversold,
 * whatever runs concurrently, and two orders that take from one shard do not invalidate each other's read. A
 * cancellation adds the units back to one shard; updateProduct's {@code unitsInStock} rewrites every shard,
 * conditioned on the version read. Every change raises the shard's version. None of them writes the product's own
 * items: the listed stock follows from the stream.
 *
 * <p>A product not yet in shards (a table migrated from item model 5, until migration 6's contract): its entity's
 * {@code unitsInStock} is the stock and is changed as item model 5 changed it — the entity rewritten, conditioned on
 * its revision — so commands of both versions agree on it during the switch.
 */
final class StockChanges {
    private StockChanges() {
    }

    /**
     * Changes a product's stock by {@code delta} (negative: an order's take, checked by the caller to fit; positive: a
     * cancellation's return): in its shards, or — a product not yet in shards — in its entity's field.
     */
    static void change(Transaction tx, StoredFact product, Stock.Level level, long delta, long salt) {
        long productId = ((Number) product.get("productID")).longValue();
        if (level.legacy()) {
            Map<String, Object> after = new LinkedHashMap<>(product.values());
            after.put("unitsInStock", level.total() + delta);
            rewriteProduct(tx, product, after);
        } else if (delta < 0) {
            take(tx, productId, level, -delta, salt);
        } else {
            give(tx, productId, delta, salt);
        }
    }

    /**
     * Takes {@code quantity} from a product in shards. The caller has checked that the level's total holds it.
     *
     * @param salt varies the start shard from order to order (the order id, say)
     */
    private static void take(Transaction tx, long productId, Stock.Level level, long quantity, long salt) {
        long[] units = level.units();
        int n = units.length;
        int start = startShard(productId, salt, n);
        for (int i = 0; i < n; i++) {
            int shard = (start + i) % n;
            if (units[shard] >= quantity) {
                add(tx, productId, shard, -quantity);
                return;
            }
        }
        // No shard holds the whole quantity: the fullest ones together (fewest actions), each down to at most zero.
        List<Integer> fullestFirst = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        fullestFirst.sort(Comparator.comparingLong((Integer s) -> units[s]).reversed());
        long left = quantity;
        for (int shard : fullestFirst) {
            if (left == 0 || units[shard] == 0) {
                break;
            }
            long take = Math.min(left, units[shard]);
            add(tx, productId, shard, -take);
            left -= take;
        }
        if (left > 0) {
            throw new IllegalStateException("take of " + quantity + " planned over a total that cannot hold it");
        }
    }

    /** Gives {@code quantity} back to one shard of a product in shards. */
    private static void give(Transaction tx, long productId, long quantity, long salt) {
        add(tx, productId, startShard(productId, salt, ItemModel.STOCK_SHARDS), quantity);
    }

    /**
     * A shard that differs from order to order, product to product and attempt to attempt: a hash of the order id, the
     * product and the clock (read per call — nothing is drawn before a SnapStart snapshot and shared by its restores).
     */
    private static int startShard(long productId, long salt, int n) {
        return Shards.of(salt ^ (productId * 0x9E3779B97F4A7C15L) ^ System.nanoTime(), n);
    }

    /**
     * Sets a product in shards to {@code total}: every shard put with its even share and its version raised, each
     * conditioned on the version read (a concurrent take makes the command read again).
     *
     * @return the sum of the shards' new versions: the listed stock's stamp
     */
    static long set(Transaction tx, long productId, Stock.Level level, long total) {
        long[] split = Stock.split(total);
        for (int s = 0; s < split.length; s++) {
            Map<String, AttributeValue> item = new LinkedHashMap<>(ItemCodec.toAttributes(ItemModel.itemsOf(
                    com.example.northwind.schema.EntityType.STOCK_SHARD, Map.of("productID", productId, "shard", (long) s,
                            Stock.UNITS, split[s], Stock.VERSION, level.versions()[s] + 1)).get(0)));
            tx.put(item, new Transaction.Condition("#v = :v", Map.of("#v", Stock.VERSION),
                    Map.of(":v", AttributeValue.fromN(Long.toString(level.versions()[s])))), Failure.STALE);
        }
        return level.version() + split.length;
    }

    /**
     * A product's items rewritten from its fact as read to {@code after}: the entity conditioned on its revision (its
     * listed-stock stamp kept), its copies where they differ.
     */
    static void rewriteProduct(Transaction tx, StoredFact product, Map<String, Object> after) {
        Map<String, AttributeValue> extras = new HashMap<>();
        if (product.listedVersion() >= 0) {
            extras.put(TableSchema.STOCK_VERSION, AttributeValue.fromN(Long.toString(product.listedVersion())));
        }
        ItemChanges.replace(tx, ItemModel.itemsOf(PRODUCT, product.values()), ItemModel.itemsOf(PRODUCT, after),
                product.revision(), null, extras);
    }

    /** One shard's units changed by {@code delta}; a negative delta is conditioned on the shard holding it. */
    private static void add(Transaction tx, long productId, int shard, long delta) {
        tx.addToShard(Stock.key(productId, shard), delta);
    }
}
