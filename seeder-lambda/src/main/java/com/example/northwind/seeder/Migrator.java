package com.example.northwind.seeder;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.example.northwind.derived.SalesLedger;
import com.example.northwind.model.Bookkeeping;
import com.example.northwind.model.Enrichment;
import com.example.northwind.model.Entities;
import com.example.northwind.model.Item;
import com.example.northwind.model.ItemCodec;
import com.example.northwind.model.ItemModel;
import com.example.northwind.model.Stock;
import com.example.northwind.model.Migration;
import com.example.northwind.model.MigrationStep;
import com.example.northwind.schema.EntityType;
import com.example.northwind.schema.TableSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Runs one phase of a {@link Migration} over a live table: a parallel Scan by segments, each item matched to its
 * step and written with a condition that it is still what was read (a concurrent write is never reverted: the
 * step is simply tried again on the next pass), progress checkpointed in the table after every page. A phase is
 * complete when a whole pass finds nothing left to change, so running it again changes nothing, and a run that was
 * stopped — by its time budget or by a crash — continues from the last checkpoint.
 */
public final class Migrator {
    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);
    /** Items per Scan page: a checkpoint per page bounds the work a crash repeats. */
    static final int PAGE = 100;

    /** Where a phase stands after a run. */
    public record Progress(boolean complete, int pass, long scanned, long written, long removed, long raced) {
    }

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Migration migration;
    private final Migration.Phase phase;
    private final int segments;
    private final LongSupplier clockMillis;
    private final MigrationCheckpoint checkpoint;
    private final SalesLedger ledger;

    public Migrator(DynamoDbClient dynamo, String tableName, Migration migration, Migration.Phase phase, int segments,
                    LongSupplier clockMillis) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.migration = migration;
        this.phase = phase;
        this.segments = segments;
        this.clockMillis = clockMillis;
        this.checkpoint = new MigrationCheckpoint(dynamo, tableName, migration.name(), phase, segments);
        this.ledger = new SalesLedger(dynamo, tableName);
    }

    /** Works until the phase is complete or {@code deadlineMillis} (on the clock) has passed; safe to call again. */
    public Progress run(long deadlineMillis) {
        while (true) {
            MigrationCheckpoint.State state = checkpoint.read();
            if (state.complete()) {
                return state.progress(true);
            }
            List<Integer> open = state.openSegments();
            if (open.isEmpty()) {
                // A pass is over: complete when it changed nothing, else scan again (catches what raced).
                if (state.changedThisPass() == 0) {
                    checkpoint.complete();
                    LOG.info("migration phase complete", entry("migration", migration.name()), entry("phase", phase.name()),
                            entry("passes", state.pass()), entry("scanned", state.scanned()), entry("written", state.written()),
                            entry("removed", state.removed()));
                    return state.progress(true);
                }
                checkpoint.startPass(state.pass() + 1);
                continue;
            }
            if (clockMillis.getAsLong() >= deadlineMillis) {
                return state.progress(false);
            }
            runSegments(open, state, deadlineMillis);
            if (clockMillis.getAsLong() >= deadlineMillis) {
                return checkpoint.read().progress(false);
            }
        }
    }

    private void runSegments(List<Integer> open, MigrationCheckpoint.State state, long deadlineMillis) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(open.size(), segments));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int segment : open) {
                Map<String, AttributeValue> start = state.position(segment);
                running.add(pool.submit(() -> segment(segment, start, deadlineMillis)));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SeedFailedException("migration " + migration.name() + " was interrupted (its checkpoint is kept)");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new SeedFailedException("migration failed: " + cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One segment, page by page, from its checkpointed position until its end or the deadline. */
    private void segment(int segment, Map<String, AttributeValue> start, long deadlineMillis) {
        Map<String, AttributeValue> position = start;
        Map<String, Map<String, Object>> related = new HashMap<>();
        do {
            Map<String, AttributeValue> from = position;
            ScanResponse page = dynamo.scan(b -> b.tableName(tableName).segment(segment).totalSegments(segments)
                    .limit(PAGE).consistentRead(true).exclusiveStartKey(from));
            long written = 0;
            long removed = 0;
            long raced = 0;
            long maxOrderId = 0;
            Map<String, Map<String, AttributeValue>> existing = existingCopies(page.items(), related);
            // DERIVE steps go to the sales ledger a page at a time (a few batch reads and transactions per page).
            List<Map.Entry<String, String>> derive = new ArrayList<>();
            for (Map<String, AttributeValue> item : page.items()) {
                if (stepFor(item).map(s -> s.action() == MigrationStep.Action.DERIVE).orElse(false)) {
                    derive.add(Map.entry(item.get(TableSchema.PK).s(), item.get(TableSchema.SK).s()));
                }
            }
            if (!derive.isEmpty()) {
                SalesLedger.Reconciled reconciled = ledger.reconcile(derive);
                written += reconciled.written();
                raced += reconciled.raced();
            }
            for (Map<String, AttributeValue> item : page.items()) {
                if (stepFor(item).map(s -> s.action() == MigrationStep.Action.DERIVE).orElse(false)) {
                    continue; // done above
                }
                Outcome outcome = apply(item, related, existing);
                switch (outcome) {
                    case WRITTEN -> written++;
                    case REMOVED -> removed++;
                    case RACED -> raced++;
                    default -> { }
                }
                maxOrderId = Math.max(maxOrderId, orderId(item));
            }
            position = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            checkpoint.advance(segment, position, page.items().size(), written, removed, raced, maxOrderId);
            if (related.size() > 10_000) {
                related.clear(); // bounded memory: the cache only saves reads within nearby pages
            }
        } while (position != null && clockMillis.getAsLong() < deadlineMillis);
    }

    enum Outcome { UNCHANGED, WRITTEN, REMOVED, RACED }

    /** The step of this phase for an item; none for bookkeeping items and items that are right in both models. */
    private Optional<MigrationStep> stepFor(Map<String, AttributeValue> item) {
        AttributeValue type = item.get(TableSchema.TYPE);
        if (Bookkeeping.isBookkeeping(item.get(TableSchema.PK).s()) || type == null) {
            return Optional.empty();
        }
        String sk = item.get(TableSchema.SK).s();
        return migration.steps(phase).stream().filter(s -> s.matches(type.s(), sk)).findFirst();
    }

    /**
     * The page's copies as they are now (one BatchGetItem per page, keyed pk NUL sk): a second pass, or a run resumed
     * after a crash, then writes nothing for a copy that is already right, and refreshes one whose source changed.
     */
    private Map<String, Map<String, AttributeValue>> existingCopies(List<Map<String, AttributeValue>> items,
                                                                    Map<String, Map<String, Object>> related) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            Optional<MigrationStep> step = stepFor(item);
            if (step.isPresent() && step.get().action() == MigrationStep.Action.COPY) {
                // The copy's key depends on the fact's ids only, so the item's own fact names it.
                currentItem(item, step.get(), related).ifPresent(target ->
                        keys.add(ItemCodec.key(target.get(TableSchema.PK).s(), target.get(TableSchema.SK).s())));
            }
        }
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        for (int i = 0; i < keys.size(); i += 100) {
            Map<String, KeysAndAttributes> pending = Map.of(tableName, KeysAndAttributes.builder()
                    .keys(keys.subList(i, Math.min(keys.size(), i + 100))).consistentRead(true).build());
            while (!pending.isEmpty()) {
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(request));
                response.responses().getOrDefault(tableName, List.of())
                        .forEach(k -> found.put(k.get(TableSchema.PK).s() + "\u0000" + k.get(TableSchema.SK).s(), k));
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    /** Applies the phase's step for one item; bookkeeping items and items no step matches are left alone. */
    Outcome apply(Map<String, AttributeValue> item, Map<String, Map<String, Object>> related,
                  Map<String, Map<String, AttributeValue>> existingCopies) {
        String pk = item.get(TableSchema.PK).s();
        String sk = item.get(TableSchema.SK).s();
        Optional<MigrationStep> step = stepFor(item);
        if (step.isEmpty()) {
            return Outcome.UNCHANGED;
        }
        return switch (step.get().action()) {
            case REBUILD -> rebuild(item, sameKey(item, target(item, step.get(), related), step.get()));
            case EXTEND -> rebuild(item, withOldIndexKeys(item, sameKey(item, target(item, step.get(), related), step.get())));
            case COPY -> {
                // A view or edge of the partition's own entity is copied from the entity as it is now, not from the old
                // copy: a writer of the current model may have changed the entity (shipped the order, so no open view)
                // without touching an item only the old model has.
                Map<String, AttributeValue> source = copyOfItsOwner(item) ? owner(item) : item;
                if (source == null) {
                    yield Outcome.UNCHANGED; // the entity is gone: nothing to copy; contract removes the old item
                }
                Optional<Map<String, AttributeValue>> target = currentItem(source, step.get(), related);
                if (target.isEmpty()) {
                    yield Outcome.UNCHANGED; // the current model has no such item for this fact (an order shipped since)
                }
                Map<String, AttributeValue> existing =
                        existingCopies.get(target.get().get(TableSchema.PK).s() + "\u0000" + target.get().get(TableSchema.SK).s());
                yield target.get().equals(existing) ? Outcome.UNCHANGED : copy(source, target.get(), existing != null);
            }
            case REMOVE -> {
                dynamo.deleteItem(b -> b.tableName(tableName).key(ItemCodec.key(pk, sk)));
                yield Outcome.REMOVED;
            }
            case SHARD_STOCK -> shardStock(item);
            // segment() hands DERIVE items to the sales ledger a page at a time and never here.
            case DERIVE -> throw new IllegalStateException("DERIVE steps are applied a page at a time");
        };
    }

    /** The current model's item of the step's target kind for the fact this item holds (and its related copies). */
    private Map<String, AttributeValue> target(Map<String, AttributeValue> item, MigrationStep step,
                                               Map<String, Map<String, Object>> related) {
        return currentItem(item, step, related)
                .orElseThrow(() -> new SeedFailedException("no " + step.targetKind() + " item for " + item.get(TableSchema.PK).s()));
    }

    /** Whether the item is a copy (view or edge) of the entity that owns its partition, not that entity or a fact of its own. */
    private static boolean copyOfItsOwner(Map<String, AttributeValue> item) {
        String pk = item.get(TableSchema.PK).s();
        Map<String, AttributeValue> owner = ownerKey(pk);
        EntityType type = EntityType.fromTypeName(item.get(TableSchema.TYPE).s()).orElse(null);
        return type != null && pk.startsWith(type.keyPrefix() + com.example.northwind.schema.Keys.SEPARATOR)
                && !owner.get(TableSchema.SK).s().equals(item.get(TableSchema.SK).s());
    }

    /** The entity item that owns the item's partition, read consistently; null when it is gone. */
    private Map<String, AttributeValue> owner(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> found = dynamo.getItem(b -> b.tableName(tableName).consistentRead(true)
                .key(ownerKey(item.get(TableSchema.PK).s()))).item();
        return found == null || found.isEmpty() ? null : found;
    }

    /** The current model's item of the step's target kind for the fact this item holds; empty when the fact has none. */
    private Optional<Map<String, AttributeValue>> currentItem(Map<String, AttributeValue> item, MigrationStep step,
                                                              Map<String, Map<String, Object>> related) {
        EntityType entity = EntityType.fromTypeName(item.get(TableSchema.TYPE).s())
                .orElseThrow(() -> new SeedFailedException("unknown type " + item.get(TableSchema.TYPE).s()));
        Map<String, Object> fact = new LinkedHashMap<>(ItemCodec.toFact(entity, item));
        for (Enrichment enrichment : ItemModel.enrichments(entity)) {
            Map<String, Object> source = relatedFact(enrichment, fact, item, related);
            for (String column : enrichment.columns()) {
                if (source.get(column) != null) {
                    fact.put(column, source.get(column));
                }
            }
        }
        Optional<Item> found = ItemModel.itemsOf(entity, fact).stream().filter(i -> i.shape().kind().equals(step.targetKind()))
                .findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Item target = found.get();
        Map<String, AttributeValue> attributes = ItemCodec.toAttributes(target);
        if (item.containsKey(TableSchema.REVISION) && ItemCodec.key(target).equals(ItemCodec.key(item.get(TableSchema.PK).s(), item.get(TableSchema.SK).s()))) {
            attributes.put(TableSchema.REVISION, item.get(TableSchema.REVISION)); // a rebuild is no new revision
        }
        return Optional.of(attributes);
    }

    /**
     * The columns an item copies from a related entity: from the item itself when it carries them all, else from
     * the related entity item (one GetItem, cached: lines of one order are scanned together).
     */
    private Map<String, Object> relatedFact(Enrichment enrichment, Map<String, Object> fact, Map<String, AttributeValue> item,
                                            Map<String, Map<String, Object>> related) {
        if (enrichment.columns().stream().allMatch(item::containsKey)) {
            return copies(enrichment, item);
        }
        Object id = fact.get(enrichment.referenceColumn());
        String cacheKey = enrichment.from().name() + "#" + id;
        return related.computeIfAbsent(cacheKey, k -> {
            Map<String, AttributeValue> found = dynamo.getItem(b -> b.tableName(tableName).consistentRead(true)
                    .key(ItemCodec.key(ItemModel.partition(enrichment.from(), String.valueOf(id)),
                            ItemModel.entitySortKey(enrichment.from())))).item();
            return found == null || found.isEmpty() ? Map.of() : ItemCodec.toFact(enrichment.from(), found);
        });
    }

    private static Map<String, Object> copies(Enrichment enrichment, Map<String, AttributeValue> item) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> typed = ItemCodec.toFact(enrichment.from(), item);
        for (String column : enrichment.columns()) {
            if (typed.containsKey(column)) {
                out.put(column, typed.get(column));
            } else if (item.containsKey(column) && item.get(column).s() != null) {
                out.put(column, item.get(column).s());
            }
        }
        return out;
    }

    /** A rebuild writes the item where it is; a target elsewhere is a COPY step written as a rebuild (a model error). */
    private static Map<String, AttributeValue> sameKey(Map<String, AttributeValue> item, Map<String, AttributeValue> target,
                                                       MigrationStep step) {
        if (!ItemCodec.key(target.get(TableSchema.PK).s(), target.get(TableSchema.SK).s())
                .equals(ItemCodec.key(item.get(TableSchema.PK).s(), item.get(TableSchema.SK).s()))) {
            throw new SeedFailedException("step \"" + step.describe() + "\" rebuilds " + item.get(TableSchema.PK).s() + " "
                    + item.get(TableSchema.SK).s() + " but the current model keeps that item at another key: it must be a COPY");
        }
        return target;
    }

    /** The old item's index keys the current item lacks, added to it (EXTEND): old readers keep finding it. */
    private static Map<String, AttributeValue> withOldIndexKeys(Map<String, AttributeValue> item, Map<String, AttributeValue> target) {
        Map<String, AttributeValue> out = new LinkedHashMap<>(target);
        if (!out.containsKey(TableSchema.DATA) && item.containsKey(TableSchema.DATA)) {
            out.put(TableSchema.DATA, item.get(TableSchema.DATA));
        }
        if (!out.containsKey(TableSchema.PK2) && item.containsKey(TableSchema.PK2) && item.containsKey(TableSchema.SK2)) {
            out.put(TableSchema.PK2, item.get(TableSchema.PK2));
            out.put(TableSchema.SK2, item.get(TableSchema.SK2));
        }
        return out;
    }

    /** Rewrites the item in place, only if it is still exactly what was read. */
    private Outcome rebuild(Map<String, AttributeValue> item, Map<String, AttributeValue> target) {
        if (target.equals(item)) {
            return Outcome.UNCHANGED; // already in the current model: a second run writes nothing
        }
        Unchanged condition = Unchanged.of(item);
        try {
            dynamo.putItem(b -> b.tableName(tableName).item(target).conditionExpression(condition.expression())
                    .expressionAttributeNames(condition.names()).expressionAttributeValues(condition.values()));
            return Outcome.WRITTEN;
        } catch (ConditionalCheckFailedException e) {
            return Outcome.RACED; // changed since it was read: the next pass looks at it again
        }
    }

    /**
     * Puts the item at its new key — if absent, or over a copy that differs (its source changed since it was made) —
     * in one transaction with a check that the old item is unchanged and a raise of the revision of the entity that
     * owns the partition (the order of an order line; when the old item IS the entity, the raise is its check): a
     * writer that read the partition before the copy (cancelOrder deletes what it read) then fails its revision
     * condition and reads again, so it can never leave the copy behind, and a writer that changed the source after
     * this read makes the check fail, so a stale copy is never written.
     */
    private Outcome copy(Map<String, AttributeValue> item, Map<String, AttributeValue> target, boolean replacing) {
        Unchanged condition = Unchanged.of(item);
        Map<String, AttributeValue> sourceKey = ItemCodec.key(item.get(TableSchema.PK).s(), item.get(TableSchema.SK).s());
        Map<String, AttributeValue> owner = ownerKey(item.get(TableSchema.PK).s());
        List<TransactWriteItem> actions = new ArrayList<>(3);
        actions.add(TransactWriteItem.builder().put(p -> {
            p.tableName(tableName).item(target);
            if (!replacing) {
                p.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", TableSchema.PK));
            }
        }).build());
        if (owner.equals(sourceKey)) {
            Map<String, String> names = new HashMap<>(condition.names());
            names.put("#rev", TableSchema.REVISION);
            Map<String, AttributeValue> values = new HashMap<>(condition.values());
            values.put(":zero", AttributeValue.fromN("0"));
            values.put(":one", AttributeValue.fromN("1"));
            actions.add(TransactWriteItem.builder().update(u -> u.tableName(tableName).key(owner)
                    .updateExpression("SET #rev = if_not_exists(#rev, :zero) + :one")
                    .conditionExpression(condition.expression()).expressionAttributeNames(names)
                    .expressionAttributeValues(values)).build());
        } else {
            actions.add(TransactWriteItem.builder().conditionCheck(c -> c.tableName(tableName).key(sourceKey)
                    .conditionExpression(condition.expression()).expressionAttributeNames(condition.names())
                    .expressionAttributeValues(condition.values())).build());
            actions.add(TransactWriteItem.builder().update(u -> u.tableName(tableName).key(owner)
                    .updateExpression("SET #rev = if_not_exists(#rev, :zero) + :one")
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#rev", TableSchema.REVISION, "#pk", TableSchema.PK))
                    .expressionAttributeValues(Map.of(":zero", AttributeValue.fromN("0"), ":one", AttributeValue.fromN("1")))).build());
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(actions));
            return Outcome.WRITTEN;
        } catch (TransactionCanceledException e) {
            // Only the put refused: the copy appeared since the page was read (a current writer made it, from the
            // source as it is now): nothing to do. Otherwise the old item or its owner changed or went: look again.
            boolean onlyTheCopyExists = e.hasCancellationReasons() && !e.cancellationReasons().isEmpty()
                    && "ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())
                    && e.cancellationReasons().stream().skip(1).allMatch(r -> r.code() == null || "None".equals(r.code()));
            return onlyTheCopyExists ? Outcome.UNCHANGED : Outcome.RACED;
        }
    }

    /**
     * Moves a product's legacy stock into its shards (docs/key-design.md, "Stock shards"): every shard put (only if
     * absent) with its share of the entity's {@code unitsInStock}, and the entity's revision raised on the condition that
     * it is still what was read — one transaction, so a product has no shard or all of them, and a command that read the
     * legacy stock before fails its revision condition and reads the shards. Already in shards: nothing to do.
     */
    private Outcome shardStock(Map<String, AttributeValue> entity) {
        long productId = Long.parseLong(entity.get("productID").n());
        boolean moved = dynamo.getItem(b -> b.tableName(tableName).key(Stock.key(productId, 0)).consistentRead(true)).hasItem();
        if (moved) {
            return Outcome.UNCHANGED;
        }
        AttributeValue legacy = entity.get("unitsInStock");
        long total = legacy == null || legacy.n() == null ? 0 : Long.parseLong(legacy.n());
        Unchanged condition = Unchanged.of(entity);
        Map<String, String> names = new HashMap<>(condition.names());
        names.put("#rev", TableSchema.REVISION);
        Map<String, AttributeValue> values = new HashMap<>(condition.values());
        values.put(":zero", AttributeValue.fromN("0"));
        values.put(":one", AttributeValue.fromN("1"));
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(TransactWriteItem.builder().update(u -> u.tableName(tableName)
                .key(ItemCodec.key(entity.get(TableSchema.PK).s(), entity.get(TableSchema.SK).s()))
                .updateExpression("SET #rev = if_not_exists(#rev, :zero) + :one, #sv = :zero")
                .conditionExpression(condition.expression()).expressionAttributeNames(withStamp(names))
                .expressionAttributeValues(values)).build());
        for (Item shard : Stock.shardItems(productId, total, 0)) {
            actions.add(TransactWriteItem.builder().put(p -> p.tableName(tableName).item(ItemCodec.toAttributes(shard))
                    .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", TableSchema.PK)))
                    .build());
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(actions));
            return Outcome.WRITTEN;
        } catch (TransactionCanceledException e) {
            return Outcome.RACED; // the entity changed since it was read (or another run moved it): the next pass looks again
        }
    }

    /** The names with the listed stock's stamp: the field is the listing of shards at version 0, as a seed writes it. */
    private static Map<String, String> withStamp(Map<String, String> names) {
        Map<String, String> out = new HashMap<>(names);
        out.put("#sv", TableSchema.STOCK_VERSION);
        return out;
    }

    /** The entity item of a partition ({@code ORDER#10248} → sort key {@code ORDER}). */
    private static Map<String, AttributeValue> ownerKey(String partition) {
        String prefix = partition.substring(0, partition.indexOf(com.example.northwind.schema.Keys.SEPARATOR));
        EntityType owner = java.util.Arrays.stream(EntityType.values()).filter(t -> t.keyPrefix().equals(prefix)).findFirst()
                .orElseThrow(() -> new SeedFailedException("no entity owns partition " + partition));
        return ItemCodec.key(partition, ItemModel.entitySortKey(owner));
    }

    private static long orderId(Map<String, AttributeValue> item) {
        AttributeValue type = item.get(TableSchema.TYPE);
        AttributeValue id = item.get(Entities.idColumns(EntityType.ORDER).get(0));
        return type != null && EntityType.ORDER.typeName().equals(type.s()) && id != null && id.n() != null
                ? Long.parseLong(id.n()) : 0;
    }
}
