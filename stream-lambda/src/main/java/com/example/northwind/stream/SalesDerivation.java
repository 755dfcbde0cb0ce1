package com.example.northwind.stream;

import com.example.northwind.derived.SalesLedger;
import com.example.northwind.schema.EntityType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The sales aggregates ({@code productSales}, {@code salesByDay}) from order, order-line and product images. Per item
 * only its latest change in the batch matters (the ledger applies states, not events), so a batch of many changes of
 * one item costs one marker write; {@link SalesLedger} makes each change count exactly once.
 */
public final class SalesDerivation implements Derivation {
    private static final Logger LOG = LoggerFactory.getLogger(SalesDerivation.class);
    private static final String ORDER_PREFIX = EntityType.ORDER.keyPrefix() + "#";
    private static final String PRODUCT_PREFIX = EntityType.PRODUCT.keyPrefix() + "#";
    private static final String LINE_PREFIX = EntityType.ORDER_LINE.keyPrefix() + "#";

    private final SalesLedger ledger;

    public SalesDerivation(SalesLedger ledger) {
        this.ledger = ledger;
    }

    /** The first record of an item in the batch and its latest change. */
    private static final class Pending {
        final int firstIndex;
        StreamChange latest;

        Pending(int firstIndex) {
            this.firstIndex = firstIndex;
        }
    }

    @Override
    public int apply(List<StreamChange> batch) {
        Map<String, Pending> byItem = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            StreamChange change = batch.get(i);
            if (!derivesFrom(change)) {
                continue;
            }
            int index = i;
            byItem.computeIfAbsent(change.pk() + "\u0000" + change.sk(), k -> new Pending(index)).latest = change;
        }
        List<Pending> pending = new ArrayList<>(byItem.values());
        List<SalesLedger.Source> sources = pending.stream().map(p -> new SalesLedger.Source(p.latest.pk(), p.latest.sk(),
                p.latest.newImage(), p.latest.oldImage(), p.latest.sequenceNumber())).toList();
        int done;
        try {
            SalesLedger.Applied applied = ledger.apply(sources);
            done = applied.done();
            if (applied.error() != null) {
                LOG.warn("sales: {} of {} items done, retried from the first record not done: {}", done, sources.size(),
                        applied.error());
            }
        } catch (SdkException e) {
            // Removing an emptied day failed after the writes: the retry finds the changes done (markers) and tries again.
            LOG.warn("sales: the batch is retried from its first record: {}", e.getMessage());
            done = 0;
        }
        return done >= pending.size() ? batch.size() : pending.get(done).firstIndex;
    }

    /**
     * Orders and their lines in every change; a product only when it is created (its sales item starts at zero) — its
     * stock changes with every order and derives nothing here.
     */
    static boolean derivesFrom(StreamChange change) {
        String pk = change.pk();
        String sk = change.sk();
        if (pk.startsWith(ORDER_PREFIX)) {
            return sk.equals(EntityType.ORDER.keyPrefix()) || sk.startsWith(LINE_PREFIX);
        }
        return pk.startsWith(PRODUCT_PREFIX) && sk.equals(EntityType.PRODUCT.keyPrefix())
                && change.oldImage().isEmpty() && !change.newImage().isEmpty();
    }
}
