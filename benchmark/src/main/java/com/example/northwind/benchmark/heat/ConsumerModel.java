package com.example.northwind.benchmark.heat;

import com.example.northwind.derived.Aggregate;
import com.example.northwind.derived.ListedStock;
import com.example.northwind.derived.SalesContribution;
import com.example.northwind.model.Stock;
import com.example.northwind.derived.SalesLedger;
import com.example.northwind.model.ItemModel;
import com.example.northwind.schema.EntityType;
import com.example.northwind.schema.Keys;
import com.example.northwind.schema.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The stream consumer's reads and writes (docs/derived-data.md) under its batching model, charged to {@link Heat} like
 * every other call: the records the event filter passes (order entities, order lines, product entities) are delivered a
 * simulated second after they were written, in batches of {@value #BATCH} (the deployed mapping's batch size; at
 * these rates the 1 s window never binds). Per batch, as {@link SalesLedger} does: one strongly consistent read of the
 * marker of every order and line record, then transactions of at most 100 actions, each holding the markers of its
 * records and ONE update of every aggregate (a product's sales, a day's sales) they change — the coalescing that keeps
 * today's {@code DAILY_SALES} item cool. Every action is a small item: 2 WCU (transactional). What an image adds is
 * worked out by {@link SalesContribution}, the consumer's own code. Product records cost their delivery only (their
 * sales item exists after the backfill).
 */
final class ConsumerModel {
    static final int BATCH = 500;
    private static final int MAX_ACTIONS = 100;
    private static final String ORDER_PREFIX = EntityType.ORDER.keyPrefix() + Keys.SEPARATOR;
    private static final String PRODUCT_PREFIX = EntityType.PRODUCT.keyPrefix() + Keys.SEPARATOR;
    private static final String LINE_SORT_PREFIX = ItemModel.shape("ORDER_LINE_EDGE").sk().literalPrefix();

    /** One stream record the filter passes: its key and the aggregates it changes (empty for a product record). */
    private record Record(String pk, String sk, Set<String> aggregates, boolean counted) {
    }

    private final Heat heat;
    private final ListedStock listedStock;
    private final List<Record> pending = new ArrayList<>();
    /** Products whose stock shards changed since the last delivery, in order of their first record. */
    private final Set<Long> stockChanged = new LinkedHashSet<>();
    private long listedStockProducts;
    private long records;
    private long batches;
    private long transactions;

    ConsumerModel(Heat heat, ListedStock listedStock) {
        this.heat = heat;
        this.listedStock = listedStock;
    }

    /** A write of the table, as its stream record: kept for the next delivery when the consumer's filter passes it. */
    void written(Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem) {
        Map<String, AttributeValue> any = newItem != null ? newItem : oldItem;
        String pk = any.get(TableSchema.PK).s();
        String sk = any.get(TableSchema.SK).s();
        boolean order = pk.startsWith(ORDER_PREFIX)
                && (sk.equals(ItemModel.entitySortKey(EntityType.ORDER)) || sk.startsWith(LINE_SORT_PREFIX));
        boolean product = pk.startsWith(PRODUCT_PREFIX) && sk.equals(ItemModel.entitySortKey(EntityType.PRODUCT));
        if (Stock.isShard(pk) && sk.equals(ItemModel.STOCK_SORT_KEY)) {
            stockChanged.add(Stock.productOf(pk));
            pending.add(new Record(pk, sk, Set.of(), false));
            return;
        }
        if (!order && !product) {
            return;
        }
        Set<String> aggregates = new LinkedHashSet<>();
        // The aggregates the old image counted in and those the new one does (of(null) is nothing).
        for (Aggregate aggregate : SalesContribution.of(oldItem).deltas().keySet()) {
            aggregates.add(aggregate.pk());
        }
        for (Aggregate aggregate : SalesContribution.of(newItem).deltas().keySet()) {
            aggregates.add(aggregate.pk());
        }
        pending.add(new Record(pk, sk, aggregates, order));
    }

    /** Delivers what was written before this second: batches, marker reads, packed transactions. */
    void deliver() {
        if (pending.isEmpty()) {
            return;
        }
        boolean was = heat.counting();
        // The listed stock writes product entities, whose records come back through written(): take this delivery's first.
        List<Record> delivered = new ArrayList<>(pending);
        pending.clear();
        List<Long> products = new ArrayList<>(stockChanged);
        stockChanged.clear();
        for (int from = 0; from < delivered.size(); from += BATCH) {
            List<Record> batch = delivered.subList(from, Math.min(delivered.size(), from + BATCH));
            heat.begin("stream consumer (batch)");
            batches++;
            records += batch.size();
            List<Record> counted = batch.stream().filter(Record::counted).toList();
            for (Record r : counted) {
                heat.add(TableState.TABLE, Heat.Kind.READ, SalesLedger.MARKER_PREFIX + r.pk(), 1); // marker, consistent
            }
            Set<String> inTransaction = new LinkedHashSet<>();
            int markers = 0;
            for (Record r : counted) {
                long newAggregates = r.aggregates().stream().filter(a -> !inTransaction.contains(a)).count();
                if (markers > 0 && markers + inTransaction.size() + 1 + newAggregates > MAX_ACTIONS) {
                    commit(inTransaction);
                    markers = 0;
                }
                heat.add(TableState.TABLE, Heat.Kind.WRITE, SalesLedger.MARKER_PREFIX + r.pk(),
                        Pricing.TRANSACTIONAL_TABLE_FACTOR);
                markers++;
                inTransaction.addAll(r.aggregates());
            }
            if (markers > 0) {
                commit(inTransaction);
            }
        }
        if (!products.isEmpty()) {
            // The real consumer code (ListedStock) on the simulated table: per product one consistent read of its entity
            // and shards (a BatchGetItem per few products) and, when the stock moved, one transaction (entity + edge).
            // Coalesced per delivery (a second): the deployed mapping's batches of 500 records across a few stream
            // shards do no better than one write per product per batch, and no worse than one per shard.
            heat.begin("stream consumer (listed stock)");
            listedStock.refresh(products);
            listedStockProducts += products.size();
        }
        heat.counting(was);
    }

    /** One transaction: ONE update of each aggregate it changes (2 WCU each, small items). */
    private void commit(Set<String> aggregates) {
        for (String aggregate : aggregates) {
            heat.add(TableState.TABLE, Heat.Kind.WRITE, aggregate, Pricing.TRANSACTIONAL_TABLE_FACTOR);
        }
        aggregates.clear();
        transactions++;
    }

    long records() {
        return records;
    }

    long batches() {
        return batches;
    }

    long transactions() {
        return transactions;
    }
}
