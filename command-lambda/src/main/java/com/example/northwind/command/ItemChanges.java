package com.example.northwind.command;

import com.example.northwind.model.Item;
import com.example.northwind.model.ItemCodec;
import com.example.northwind.schema.TableSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One fact changed from its old items to its new ones, as transaction actions: the entity item is put with
 * its revision raised, conditioned on the revision that was read; every other copy is put where it changed and
 * deleted where the new fact no longer has it (an order leaving the open-order view, a product moving category).
 * Copies that are byte-for-byte the same are left alone: no write units spent on them.
 */
final class ItemChanges {
    private ItemChanges() {
    }

    /**
     * @param oldItems empty for a new entity
     * @param revision the entity's revision as read (ignored for a new entity)
     * @param created  what a new entity's key already being taken means
     */
    static void replace(Transaction tx, List<Item> oldItems, List<Item> newItems, long revision, Failure created) {
        replace(tx, oldItems, newItems, revision, created, Map.of());
    }

    /** As {@link #replace(Transaction, List, List, long, Failure)}, with {@code entityExtras} (e.g. a product's
     * listed-stock stamp) kept on the entity item. */
    static void replace(Transaction tx, List<Item> oldItems, List<Item> newItems, long revision, Failure created,
                        Map<String, AttributeValue> entityExtras) {
        Map<String, Item> before = new HashMap<>();
        oldItems.forEach(i -> before.put(i.key(), i));
        for (Item item : newItems) {
            Item old = before.remove(item.key());
            Map<String, AttributeValue> attributes = ItemCodec.toAttributes(item);
            if (isEntityItem(item)) {
                attributes.putAll(entityExtras);
                if (oldItems.isEmpty()) {
                    attributes.put(TableSchema.REVISION, AttributeValue.fromN("1"));
                    tx.put(attributes, Transaction.Condition.absent(), created);
                } else {
                    attributes.put(TableSchema.REVISION, AttributeValue.fromN(Long.toString(revision + 1)));
                    tx.put(attributes, Transaction.Condition.revision(revision), Failure.STALE);
                }
            } else if (old == null || !ItemCodec.toAttributes(old).equals(attributes)) {
                tx.put(attributes, Transaction.Condition.NONE, Failure.STALE);
            }
        }
        for (Item gone : before.values()) {
            tx.delete(gone.pk(), gone.sk(), Transaction.Condition.NONE, Failure.STALE);
        }
    }

    /** Removes every item of a fact, conditioned on the entity's revision. */
    static void delete(Transaction tx, List<Item> items, long revision) {
        for (Item item : items) {
            tx.delete(item.pk(), item.sk(), isEntityItem(item) ? Transaction.Condition.revision(revision)
                    : Transaction.Condition.NONE, Failure.STALE);
        }
    }

    static boolean isEntityItem(Item item) {
        return item.shape().kind().equals(item.shape().entity().name());
    }
}
