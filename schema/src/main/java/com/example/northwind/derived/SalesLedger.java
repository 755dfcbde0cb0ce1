package com.example.northwind.derived;

import com.example.northwind.model.BatchGet;
import com.example.northwind.model.ItemCodec;
import com.example.northwind.schema.EntityType;
import com.example.northwind.schema.TableSchema;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Keeps the sales aggregates ({@code ProductSales}, {@code DailySales}) equal to what the source items (orders and
 * their lines) add up to now, exactly once whatever is delivered twice, out of order or concurrently.
 *
 * <p><b>The mechanism: a ledger of what was counted.</b> For every source item it has counted, the ledger keeps a
 * marker ({@code _DERIVED#<source pk>}, sort key = the source's sort key) holding the contribution it counted, a
 * revision {@code mrev}, and the stream sequence number of the last change applied. Applying a source item's state
 * (the new image of its latest change, or a fresh read during the backfill) writes, in ONE transaction, the marker's
 * new contribution — conditioned on the marker's revision being the one read — and, on each aggregate, the difference
 * "contribution now minus contribution counted". So:
 * <ul>
 *   <li>a change applied twice adds nothing the second time (the marker already holds its contribution; and its
 *       sequence number is at most the marker's, so it is skipped before any write);</li>
 *   <li>records of different items commute (each moves only its own marker, and aggregates only ADD);</li>
 *   <li>the backfill and the consumer cannot both count an item: whichever writes second sees the first one's marker
 *       (or fails on its revision and reads again);</li>
 *   <li>a crash between the write and the checkpoint leaves the marker, so the redelivered change is a no-op.</li>
 * </ul>
 * Aggregates are written once per transaction however many changes of it the transaction holds (coalesced), and a
 * change whose contribution did not move (a shipped order, a renamed product's line) writes nothing.
 *
 * <p>A source item that is gone keeps its marker (contribution none) with a TTL of {@value #GONE_MARKER_HOURS} hours —
 * longer than the stream keeps a record — so a late duplicate of its REMOVE is still recognised.
 */
public final class SalesLedger {
    /** Partition prefix of the ledger's markers (bookkeeping: no pattern reads them, the seeder never deletes them). */
    public static final String MARKER_PREFIX = TableSchema.BOOKKEEPING_PREFIX + "DERIVED#";
    static final int GONE_MARKER_HOURS = 48;
    /** TransactWriteItems takes at most 100 actions. */
    static final int MAX_ACTIONS = 100;
    private static final int ATTEMPTS = 6;

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Clock clock;

    public SalesLedger(DynamoDbClient dynamo, String tableName) {
        this(dynamo, tableName, Clock.systemUTC());
    }

    public SalesLedger(DynamoDbClient dynamo, String tableName, Clock clock) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.clock = clock;
    }

    /**
     * A source item's state to apply: its image now ({@code image} empty = gone), the image before (for a REMOVE: where
     * its day's sales may have to go), and the stream sequence number of the change (null for the backfill's reads).
     * A product entity's state makes sure its ProductSales item exists (a product never sold answers zeros).
     */
    public record Source(String pk, String sk, Map<String, AttributeValue> image, Map<String, AttributeValue> oldImage,
                         String sequenceNumber) {
        public Source {
            image = image == null ? Map.of() : image;
            oldImage = oldImage == null ? Map.of() : oldImage;
        }

        boolean isProduct() {
            return sk.equals(EntityType.PRODUCT.keyPrefix()) && pk.startsWith(EntityType.PRODUCT.keyPrefix() + "#");
        }

        /** The product's id, from its partition key {@code PRODUCT#<productID>}. */
        long productId() {
            return Long.parseLong(pk.substring(pk.indexOf('#') + 1));
        }

        Map<String, AttributeValue> markerKey() {
            return ItemCodec.key(MARKER_PREFIX + pk, sk);
        }
    }

    /** What applying one source's state does, worked out from its marker as read. */
    private record Plan(Source source, Map<String, AttributeValue> marker, SalesContribution now, Map<Aggregate, Delta> deltas,
                        boolean writeMarker, Long ensureProduct) {
    }

    /**
     * What {@link #apply} did: how many sources, from the first, are done, and why it stopped before the rest (null
     * when all are done).
     */
    public record Applied(int done, String error) {
    }

    /**
     * Applies the sources' states in order, packed into as few transactions as the 100-action limit allows.
     *
     * @return how many sources, from the first, are done: fewer than all when a request failed (throttled, a server
     *     error, a transaction that kept conflicting) — the caller retries from the first one not done, which is
     *     harmless for any that were done after all
     */
    public Applied apply(List<Source> sources) {
        int done = 0;
        String error = null;
        Set<String> emptiedDays = new LinkedHashSet<>();
        try {
            while (done < sources.size()) {
                List<Source> window = sources.subList(done, Math.min(sources.size(), done + MAX_ACTIONS));
                int applied = applyWindow(window, emptiedDays);
                done += applied;
                if (applied < window.size()) {
                    error = "a transaction kept being cancelled (conflicting writers)";
                    break;
                }
            }
        } catch (SdkException e) {
            error = e.getMessage();
        }
        removeEmptyDays(emptiedDays);
        return new Applied(done, error);
    }

    /** One window of at most 100 sources (one BatchGetItem of their markers), in transactions; how many are done. */
    private int applyWindow(List<Source> window, Set<String> emptiedDays) {
        Map<String, Map<String, AttributeValue>> markers = readMarkers(window);
        List<Plan> plans = new ArrayList<>();
        for (Source source : window) {
            Plan plan = plan(source, markers.get(markerId(source)));
            plans.add(plan);
            noteDays(plan, emptiedDays);
        }
        int done = 0;
        while (done < plans.size()) {
            int end = pack(plans, done);
            List<Plan> transaction = plans.subList(done, end);
            if (!commit(transaction)) {
                return done;
            }
            done = end;
        }
        return done;
    }

    /** The end (exclusive) of the longest run of plans from {@code start} whose actions fit in one transaction. */
    private static int pack(List<Plan> plans, int start) {
        Set<Aggregate> aggregates = new LinkedHashSet<>();
        int markers = 0;
        int end = start;
        while (end < plans.size()) {
            Plan plan = plans.get(end);
            Set<Aggregate> with = new LinkedHashSet<>(aggregates);
            with.addAll(plan.deltas().keySet());
            if (plan.ensureProduct() != null) {
                with.add(Aggregate.product(plan.ensureProduct()));
            }
            int actions = markers + (plan.writeMarker() ? 1 : 0) + with.size();
            if (actions > MAX_ACTIONS && end > start) {
                break;
            }
            aggregates = with;
            markers += plan.writeMarker() ? 1 : 0;
            end++;
        }
        return end;
    }

    /**
     * Writes one transaction of plans; when it is cancelled (a marker moved under it: the backfill or an earlier
     * delivery; or a concurrent transaction on a hot aggregate) it reads their markers again and retries with backoff.
     */
    private boolean commit(List<Plan> transaction) {
        List<Plan> plans = transaction;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            List<TransactWriteItem> actions = actions(plans);
            if (actions.isEmpty()) {
                return true;
            }
            try {
                dynamo.transactWriteItems(b -> b.transactItems(actions));
                return true;
            } catch (TransactionCanceledException e) {
                if (attempt == ATTEMPTS) {
                    return false;
                }
                backoff(attempt);
                Map<String, Map<String, AttributeValue>> markers =
                        readMarkers(plans.stream().map(Plan::source).toList());
                plans = plans.stream().map(p -> plan(p.source(), markers.get(markerId(p.source())))).toList();
            }
        }
        return false;
    }

    /** The transaction's actions: each changed marker (conditioned on its revision) and each aggregate's summed delta. */
    private List<TransactWriteItem> actions(List<Plan> plans) {
        List<TransactWriteItem> actions = new ArrayList<>();
        Map<Aggregate, Delta> sums = new LinkedHashMap<>();
        for (Plan plan : plans) {
            if (plan.ensureProduct() != null) {
                sums.putIfAbsent(Aggregate.product(plan.ensureProduct()), Delta.ZERO);
            }
            plan.deltas().forEach((aggregate, delta) -> sums.merge(aggregate, delta, Delta::plus));
            if (plan.writeMarker()) {
                actions.add(markerPut(plan));
            }
        }
        sums.forEach((aggregate, delta) -> actions.add(aggregateUpdate(aggregate, delta)));
        return actions;
    }

    private Plan plan(Source source, Map<String, AttributeValue> marker) {
        if (source.isProduct()) {
            // Only its existence matters (a product never sold answers zeros): no marker, an idempotent ADD of 0.
            return new Plan(source, marker, SalesContribution.NONE, Map.of(), false,
                    source.image().isEmpty() ? null : source.productId());
        }
        if (marker != null && source.sequenceNumber() != null && marker.containsKey("seq")
                && new BigInteger(source.sequenceNumber()).compareTo(new BigInteger(marker.get("seq").s())) <= 0) {
            return new Plan(source, marker, null, Map.of(), false, null); // delivered again: already counted
        }
        SalesContribution counted = SalesContribution.fromMarker(marker);
        SalesContribution now = SalesContribution.of(source.image());
        if (counted.sameAs(now) && (marker != null || now.isNone())) {
            return new Plan(source, marker, now, Map.of(), false, null); // nothing this ledger counts has changed
        }
        Map<Aggregate, Delta> deltas = new LinkedHashMap<>(now.deltas());
        counted.deltas().forEach((aggregate, delta) -> deltas.merge(aggregate, delta.negate(), Delta::plus));
        deltas.values().removeIf(Delta::isZero);
        return new Plan(source, marker, now, deltas, true, null);
    }

    /** Days that may have lost their last order or line: after the writes, removed if they count nothing. */
    private static void noteDays(Plan plan, Set<String> emptiedDays) {
        plan.deltas().forEach((aggregate, delta) -> {
            if (!aggregate.isProduct() && delta.removes()) {
                emptiedDays.add(aggregate.date());
            }
        });
        if (plan.source().image().isEmpty() && !plan.source().isProduct()) {
            // A REMOVE delivered again after its effect: its day's cleanup may be what did not happen.
            SalesContribution before = SalesContribution.of(plan.source().oldImage());
            if (!before.isNone()) {
                emptiedDays.add(before.date());
            }
        }
    }

    private TransactWriteItem markerPut(Plan plan) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(plan.source().markerKey());
        item.put(TableSchema.TYPE, AttributeValue.fromS("_SalesLedger"));
        item.putAll(plan.now().toAttributes());
        long revision = plan.marker() == null ? 0 : Long.parseLong(plan.marker().get("mrev").n());
        item.put("mrev", AttributeValue.fromN(Long.toString(revision + 1)));
        String seq = plan.source().sequenceNumber() != null ? plan.source().sequenceNumber()
                : plan.marker() != null && plan.marker().containsKey("seq") ? plan.marker().get("seq").s() : null;
        if (seq != null) {
            item.put("seq", AttributeValue.fromS(seq));
        }
        if (plan.source().image().isEmpty()) {
            item.put(TableSchema.TTL, AttributeValue.fromN(Long.toString(
                    clock.instant().plus(Duration.ofHours(GONE_MARKER_HOURS)).getEpochSecond())));
        }
        return TransactWriteItem.builder().put(p -> {
            p.tableName(tableName).item(item);
            if (plan.marker() == null) {
                p.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", TableSchema.PK));
            } else {
                p.conditionExpression("#mrev = :mrev").expressionAttributeNames(Map.of("#mrev", "mrev"))
                        .expressionAttributeValues(Map.of(":mrev", plan.marker().get("mrev")));
            }
        }).build();
    }

    private TransactWriteItem aggregateUpdate(Aggregate aggregate, Delta delta) {
        Map<String, String> names = Map.of("#type", TableSchema.TYPE, "#id", aggregate.idAttribute(), "#orders", "orders",
                "#units", "unitsSold", "#revenue", "revenue");
        Map<String, AttributeValue> values = Map.of(":type", AttributeValue.fromS(aggregate.type().typeName()),
                ":id", aggregate.idValue(), ":orders", AttributeValue.fromN(Long.toString(delta.orders())),
                ":units", AttributeValue.fromN(Long.toString(delta.unitsSold())),
                ":revenue", AttributeValue.fromN(Delta.plain(delta.revenue())));
        return TransactWriteItem.builder().update(u -> u.tableName(tableName).key(ItemCodec.key(aggregate.pk(), aggregate.sk()))
                .updateExpression("SET #type = :type, #id = :id ADD #orders :orders, #units :units, #revenue :revenue")
                .expressionAttributeNames(names).expressionAttributeValues(values)).build();
    }

    /** Deletes each day's item that counts nothing any more (a day whose last order was cancelled disappears). */
    private void removeEmptyDays(Set<String> days) {
        for (String date : days) {
            Aggregate day = Aggregate.day(date);
            try {
                dynamo.deleteItem(b -> b.tableName(tableName).key(ItemCodec.key(day.pk(), day.sk()))
                        .conditionExpression("#orders = :zero AND #units = :zero AND #revenue = :zero")
                        .expressionAttributeNames(Map.of("#orders", "orders", "#units", "unitsSold", "#revenue", "revenue"))
                        .expressionAttributeValues(Map.of(":zero", AttributeValue.fromN("0"))));
            } catch (ConditionalCheckFailedException stillSelling) {
                // the day still has orders (or is already gone): keep it
            }
        }
    }

    /** The markers of these sources, read strongly consistent (what the last writer wrote, not an older copy). */
    private Map<String, Map<String, AttributeValue>> readMarkers(List<Source> sources) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Source source : sources) {
            if (!source.isProduct() && seen.add(markerId(source))) {
                keys.add(source.markerKey());
            }
        }
        return batchGet(keys);
    }

    /** These items, strongly consistent, by "pk\0sk": BatchGetItem per 100 keys, unprocessed keys asked again. */
    private Map<String, Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
        return BatchGet.consistent(dynamo, tableName, keys, response -> { });
    }

    private static String markerId(Source source) {
        return MARKER_PREFIX + source.pk() + "\u0000" + source.sk();
    }

    /**
     * Makes sure a product's ProductSales item exists (a product never sold answers zeros): created at zero only if
     * absent, so an item the consumer already counted into is left as it is. Whether it wrote.
     */
    private boolean ensureProductSales(long productId) {
        Aggregate product = Aggregate.product(productId);
        try {
            dynamo.updateItem(b -> b.tableName(tableName).key(ItemCodec.key(product.pk(), product.sk()))
                    .updateExpression("SET #type = :type, #id = :id, #orders = :zero, #units = :zero, #revenue = :zero")
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#type", TableSchema.TYPE, "#id", "productID", "#orders", "orders",
                            "#units", "unitsSold", "#revenue", "revenue", "#pk", TableSchema.PK))
                    .expressionAttributeValues(Map.of(":type", AttributeValue.fromS(EntityType.PRODUCT_SALES.typeName()),
                            ":id", product.idValue(), ":zero", AttributeValue.fromN("0"))));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    /** What a backfill of many items did: how many it wrote, and how many kept racing (the next pass tries again). */
    public record Reconciled(int written, int raced) {
    }

    /**
     * The backfill of existing source items (migration {@code 4-derived-sales}), a page at a time: their markers read
     * first (one strongly consistent BatchGetItem per 100), then the items themselves (the same), then
     * their states applied in transactions packed as the consumer packs them, each conditioned on the markers read. A
     * cancelled transaction's items are read and tried again; those that still race after a few rounds are counted as
     * raced (the migration's next pass looks at them again).
     *
     * @param keys the source items' (pk, sk)
     */
    public Reconciled reconcile(List<Map.Entry<String, String>> keys) {
        int written = 0;
        List<Source> pending = new ArrayList<>();
        for (Map.Entry<String, String> key : keys) {
            Source source = new Source(key.getKey(), key.getValue(), null, null, null);
            if (source.isProduct()) {
                written += ensureProductSales(source.productId()) ? 1 : 0;
            } else {
                pending.add(source);
            }
        }
        for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
            if (attempt > 1) {
                backoff(attempt);
            }
            Map<String, Map<String, AttributeValue>> markers = readMarkers(pending);
            Map<String, Map<String, AttributeValue>> items = readItems(pending);
            List<Plan> plans = new ArrayList<>();
            for (Source source : pending) {
                Map<String, AttributeValue> item = items.get(source.pk() + "\u0000" + source.sk());
                plans.add(plan(new Source(source.pk(), source.sk(), item, null, null), markers.get(markerId(source))));
            }
            List<Source> raced = new ArrayList<>();
            int start = 0;
            while (start < plans.size()) {
                int end = pack(plans, start);
                List<Plan> transaction = plans.subList(start, end);
                List<TransactWriteItem> actions = actions(transaction);
                if (!actions.isEmpty()) {
                    try {
                        dynamo.transactWriteItems(b -> b.transactItems(actions));
                        written += (int) transaction.stream().filter(Plan::writeMarker).count();
                    } catch (TransactionCanceledException e) {
                        transaction.forEach(p -> raced.add(p.source()));
                    }
                }
                start = end;
            }
            pending = raced;
        }
        return new Reconciled(written, pending.size());
    }

    /** The current source items, strongly consistent, by "pk\0sk" (absent: gone). */
    private Map<String, Map<String, AttributeValue>> readItems(List<Source> sources) {
        return batchGet(sources.stream().map(s -> ItemCodec.key(s.pk(), s.sk())).distinct().toList());
    }

    private static void backoff(int attempt) {
        BatchGet.pause(attempt);
    }
}
