package com.example.northwind.derived;

import com.example.northwind.model.BatchGet;
import com.example.northwind.model.Item;
import com.example.northwind.model.ItemCodec;
import com.example.northwind.model.ItemModel;
import com.example.northwind.model.Stock;
import com.example.northwind.schema.EntityType;
import com.example.northwind.schema.TableSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A product's listed stock (docs/derived-data.md, "Listed stock"): the {@code unitsInStock} its entity item, its
 * supplier entry (the entity's gsi_2 entry), its category edge and its low-stock status (the entity's gsi_1 entry)
 * show — kept by the stream consumer from its stock shards' changes.
 *
 * <p>It does not add up the records' deltas: a stock change only says "this product changed". Per product (so at most
 * one write per product per batch, however many of its shards changed), it reads the entity and every shard in one
 * strongly consistent BatchGetItem and writes the sum, stamped with the sum of the shards' versions, in one
 * transaction (entity and category edge together), conditioned on the entity's revision as read — and only when the
 * entity's stamp is lower. Each shard's version only grows, so a read after a change sums higher than any read before
 * it: a batch processed late, twice, or at the same time as another batch of the same product (its other shards are
 * in other stream shards) finds a higher stamp and writes nothing. The consumer of the last change reads after it,
 * so the listing converges to the exact stock. It raises the entity's revision like every writer of the entity:
 * updateProduct, conditioned on the revision it read, never puts back an older listing.
 */
public final class ListedStock {
    /** Conflicts with a concurrent writer of the same entity before a product is given up for this call. */
    private static final int MAX_ATTEMPTS = 8;
    /** Products per read: entity + shards each, within one BatchGetItem's 100 keys. */
    public static final int PRODUCTS_PER_READ = BatchGet.MAX_KEYS / (1 + ItemModel.STOCK_SHARDS);

    private final DynamoDbClient dynamo;
    private final String tableName;

    public ListedStock(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
    }

    /**
     * Brings each product's listing up to its stock.
     *
     * @return how many products' listings were written (the others were up to date, not in shards yet, or absent)
     * @throws software.amazon.awssdk.core.exception.SdkException when DynamoDB cannot be reached or refuses; products
     *     before the failing one are done (doing one again is harmless)
     */
    public int refresh(List<Long> productIds) {
        int written = 0;
        for (int from = 0; from < productIds.size(); from += PRODUCTS_PER_READ) {
            List<Long> chunk = productIds.subList(from, Math.min(productIds.size(), from + PRODUCTS_PER_READ));
            Map<String, Map<String, AttributeValue>> found = read(chunk);
            for (long productId : chunk) {
                Map<String, Map<String, AttributeValue>> current = found;
                for (int attempt = 1; ; attempt++) {
                    Result result = write(productId, current);
                    if (result != Result.RACED) {
                        written += result == Result.WRITTEN ? 1 : 0;
                        break;
                    }
                    if (attempt >= MAX_ATTEMPTS) {
                        throw new IllegalStateException("product " + productId + ": its entity kept changing while its"
                                + " listed stock was written (" + attempt + " attempts)");
                    }
                    BatchGet.pause(attempt); // a command or another batch wrote the entity: let it settle, read again
                    current = read(List.of(productId));
                }
            }
        }
        return written;
    }

    private enum Result { WRITTEN, UP_TO_DATE, LEGACY, MISSING, RACED }

    private Map<String, Map<String, AttributeValue>> read(List<Long> productIds) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (long productId : productIds) {
            keys.add(entityKey(productId));
            for (int s = 0; s < ItemModel.STOCK_SHARDS; s++) {
                keys.add(Stock.key(productId, s));
            }
        }
        return BatchGet.consistent(dynamo, tableName, keys, response -> { });
    }

    private Result write(long productId, Map<String, Map<String, AttributeValue>> found) {
        Map<String, AttributeValue> entity = found.get(BatchGet.keyOf(entityKey(productId)));
        if (entity == null) {
            return Result.MISSING;
        }
        Stock.Level level = Stock.level(productId, found);
        if (level.legacy()) {
            return Result.LEGACY; // not moved to shards yet: its entity holds the stock, written by every command
        }
        if (Stock.listedVersion(entity) >= level.version()) {
            return Result.UP_TO_DATE;
        }
        Map<String, Object> before = ItemCodec.toFact(EntityType.PRODUCT, entity);
        Map<String, Object> after = new LinkedHashMap<>(before);
        after.put("unitsInStock", level.total());
        List<TransactWriteItem> actions = new ArrayList<>();
        Map<String, Item> old = new HashMap<>();
        ItemModel.itemsOf(EntityType.PRODUCT, before).forEach(i -> old.put(i.key(), i));
        for (Item item : ItemModel.itemsOf(EntityType.PRODUCT, after)) {
            Map<String, AttributeValue> attributes = ItemCodec.toAttributes(item);
            Item previous = old.remove(item.key());
            if (item.shape().kind().equals(EntityType.PRODUCT.name())) {
                actions.add(entityPut(attributes, entity, level.version()));
            } else if (previous == null || !ItemCodec.toAttributes(previous).equals(attributes)) {
                actions.add(TransactWriteItem.builder().put(p -> p.tableName(tableName).item(attributes)).build());
            }
        }
        for (Item gone : old.values()) {
            actions.add(TransactWriteItem.builder().delete(d -> d.tableName(tableName)
                    .key(ItemCodec.key(gone.pk(), gone.sk()))).build());
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(actions));
            return Result.WRITTEN;
        } catch (TransactionCanceledException e) {
            return Result.RACED; // the entity changed since it was read (a command, or another batch): read again
        }
    }

    /** The entity with the listing, its stamp and its revision raised, only if its revision is still the one read. */
    private TransactWriteItem entityPut(Map<String, AttributeValue> attributes, Map<String, AttributeValue> entity,
                                       long version) {
        AttributeValue rev = entity.get(TableSchema.REVISION);
        long revision = rev == null ? 0 : Long.parseLong(rev.n());
        Map<String, AttributeValue> item = new LinkedHashMap<>(attributes);
        item.put(TableSchema.REVISION, AttributeValue.fromN(Long.toString(revision + 1)));
        item.put(TableSchema.STOCK_VERSION, AttributeValue.fromN(Long.toString(version)));
        return TransactWriteItem.builder().put(p -> {
            p.tableName(tableName).item(item);
            if (revision == 0) {
                p.conditionExpression("attribute_exists(#pk) AND attribute_not_exists(#rev)")
                        .expressionAttributeNames(Map.of("#pk", TableSchema.PK, "#rev", TableSchema.REVISION));
            } else {
                p.conditionExpression("#rev = :rev").expressionAttributeNames(Map.of("#rev", TableSchema.REVISION))
                        .expressionAttributeValues(Map.of(":rev", rev));
            }
        }).build();
    }

    private static Map<String, AttributeValue> entityKey(long productId) {
        return ItemCodec.key(ItemModel.partition(EntityType.PRODUCT, Long.toString(productId)),
                ItemModel.entitySortKey(EntityType.PRODUCT));
    }
}
