package com.example.northwind.benchmark.heat;

import com.example.northwind.schema.TableIndex;
import com.example.northwind.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The write units one item write costs, on the table and on each index, as DynamoDB charges them:
 * <ul>
 *   <li>table: the larger of the old and the new item, 1 unit per KB rounded up (a delete: the old item);</li>
 *   <li>an index, for an item that has the index's key attributes before or after (projection ALL, so an entry is the
 *   whole item): entering the index = 1 put of the new entry; leaving it = 1 delete of the old entry; staying under the
 *   same index key = 1 write (the larger entry); moving to another index key = a delete plus a put (2 writes, in the
 *   old and the new index partition); in no index before or after = nothing;</li>
 *   <li>transactional: the table write counts twice; index writes count {@code indexTransactionFactor} times.</li>
 * </ul>
 * Each write is returned with the partition key value it lands on and the stored-bytes change it makes.
 */
public final class WriteCost {
    /** One write of an item copy: target, partition key value, units, change of stored bytes (with overhead). */
    public record Write(String target, String partition, double units, long storedDelta, Entry put, Entry removed) {
    }

    /** An index or table entry: partition value, sort value (the index's sort attribute), the item's table key. */
    public record Entry(String partition, String sortValue, String pk, String sk, int bytes) {
    }

    private WriteCost() {
    }

    /** The writes of putting {@code newItem} over {@code oldItem} (either may be null: a new item, a delete). */
    public static List<Write> of(Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem,
                                 boolean transactional, double indexTransactionFactor) {
        List<Write> out = new ArrayList<>(3);
        int oldSize = oldItem == null ? 0 : ItemSize.of(oldItem);
        int newSize = newItem == null ? 0 : ItemSize.of(newItem);
        Map<String, AttributeValue> any = newItem != null ? newItem : oldItem;
        String pk = any.get(TableSchema.PK).s();
        String sk = any.get(TableSchema.SK).s();
        double tableFactor = transactional ? 2 : 1;
        long tableStored = (newItem == null ? 0 : newSize + ItemSize.STORAGE_OVERHEAD_BYTES)
                - (oldItem == null ? 0 : oldSize + ItemSize.STORAGE_OVERHEAD_BYTES);
        out.add(new Write(TableState.TABLE, pk, tableFactor * Units.write(Math.max(oldSize, newSize)), tableStored,
                newItem == null ? null : new Entry(pk, sk, pk, sk, newSize),
                oldItem == null ? null : new Entry(pk, sk, pk, sk, oldSize)));
        double indexFactor = transactional ? indexTransactionFactor : 1;
        for (TableIndex index : TableIndex.values()) {
            Entry before = entry(index, oldItem, oldSize);
            Entry after = entry(index, newItem, newSize);
            String target = index.indexName();
            if (before == null && after == null) {
                continue;
            }
            if (before == null) {
                out.add(new Write(target, after.partition(), indexFactor * Units.write(newSize),
                        newSize + ItemSize.STORAGE_OVERHEAD_BYTES, after, null));
            } else if (after == null) {
                out.add(new Write(target, before.partition(), indexFactor * Units.write(oldSize),
                        -(oldSize + ItemSize.STORAGE_OVERHEAD_BYTES), null, before));
            } else if (before.partition().equals(after.partition()) && before.sortValue().equals(after.sortValue())) {
                out.add(new Write(target, after.partition(), indexFactor * Units.write(Math.max(oldSize, newSize)),
                        newSize - oldSize, after, before));
            } else {
                out.add(new Write(target, before.partition(), indexFactor * Units.write(oldSize),
                        -(oldSize + ItemSize.STORAGE_OVERHEAD_BYTES), null, before));
                out.add(new Write(target, after.partition(), indexFactor * Units.write(newSize),
                        newSize + ItemSize.STORAGE_OVERHEAD_BYTES, after, null));
            }
        }
        return out;
    }

    /** The item's entry in the index, or null when it lacks one of the index's key attributes (sparse). */
    static Entry entry(TableIndex index, Map<String, AttributeValue> item, int size) {
        if (item == null) {
            return null;
        }
        AttributeValue p = item.get(index.partitionKey());
        AttributeValue s = item.get(index.sortKey());
        if (p == null || s == null || p.s() == null || s.s() == null) {
            return null;
        }
        return new Entry(p.s(), s.s(), item.get(TableSchema.PK).s(), item.get(TableSchema.SK).s(), size);
    }

    /** Units per target of a list of writes (the figure DynamoDB's ConsumedCapacity INDEXES reports per target). */
    public static Map<String, Double> byTarget(List<Write> writes) {
        Map<String, Double> out = new java.util.TreeMap<>();
        writes.forEach(w -> out.merge(w.target(), w.units(), Double::sum));
        return out;
    }
}
