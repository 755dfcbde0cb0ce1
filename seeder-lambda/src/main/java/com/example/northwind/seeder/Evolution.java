package com.example.northwind.seeder;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.example.northwind.model.Bookkeeping;
import com.example.northwind.model.ItemCodec;
import com.example.northwind.model.Migration;
import com.example.northwind.model.Migrations;
import com.example.northwind.model.ModelVersion;
import com.example.northwind.schema.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * What a deploy does to a table that already holds data under another item model: find the migration from the
 * table's version (its seed record; a table with Northwind items and neither a record nor a seed's progress item is
 * {@link Migrations#LEGACY_VERSION})
 * and run its expand phase, or — in the contract phase, after the new readers are live — its contract phase.
 * A table several versions behind runs every migration on the way, in order, in one deploy: the expand phases
 * one after the other (none removes anything, so the old readers stay right, and each rebuilds items with the
 * current model, so the new readers are right once the last completes), then, after the readers switched, the
 * contract phases in the same order. The seed record says where the table stands: its version and the migrations
 * whose contract is still pending (comma-separated names, oldest first).
 */
public final class Evolution {
    private static final Logger LOG = LoggerFactory.getLogger(Evolution.class);
    static final String PENDING_CONTRACT = "pendingContract";
    /** Parallel Scan segments of a migration: worth it on a table of any size (each is one thread here). */
    static final int SEGMENTS = 4;

    /** What the table needs. */
    public record Plan(Kind kind, Migration migration, String tableVersion) {
        public enum Kind { SEED_OR_SKIP, MIGRATE, CONTRACT, NOTHING }
    }

    /**
     * Where a migration run stands, for the custom resource's Data and the local progress lines.
     *
     * @param remaining the migrations whose same phase still has to run after this one (a table several versions behind)
     */
    public record Status(Migration migration, Migration.Phase phase, Migrator.Progress progress, int remaining) {
        /** Whether the deploy's phase is done: this migration's phase complete and no later migration waiting. */
        public boolean phaseComplete() {
            return progress.complete() && remaining == 0;
        }

        public Map<String, Object> data() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("Migration", migration.name());
            out.put("Phase", phase.name().toLowerCase(java.util.Locale.ROOT));
            out.put("Complete", Boolean.toString(progress.complete()));
            out.put("Pass", Integer.toString(progress.pass()));
            out.put("Scanned", Long.toString(progress.scanned()));
            out.put("Written", Long.toString(progress.written()));
            out.put("Removed", Long.toString(progress.removed()));
            out.put("Raced", Long.toString(progress.raced()));
            out.put("Remaining", Integer.toString(remaining));
            return out;
        }
    }

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final LongSupplier clockMillis;

    public Evolution(DynamoDbClient dynamo, String tableName, LongSupplier clockMillis) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.clockMillis = clockMillis;
    }

    /** What a deploy's given phase must do to this table. */
    public Plan plan(Migration.Phase phase) {
        Optional<Map<String, AttributeValue>> record = new SeedRecord(dynamo, tableName).read();
        if (phase == Migration.Phase.CONTRACT) {
            List<String> pending = pendingContracts(record);
            if (pending.isEmpty()) {
                return new Plan(Plan.Kind.NOTHING, null, record.map(SeedRecord::modelVersion).orElse(null));
            }
            Migration next = Migrations.byName(pending.get(0)).orElseThrow(() -> new SeedDataException("table " + tableName
                    + " waits for the contract phase of migration " + pending.get(0) + ", which this deploy does not know"
                    + " (model/Migrations.java). Nothing was written."));
            return new Plan(Plan.Kind.CONTRACT, next, SeedRecord.modelVersion(record.get()));
        }
        // No record: a table whose seed is under way (its progress item is there) is seeded further, never migrated;
        // Northwind items without either are a first-wave table's.
        String version = record.isPresent() ? SeedRecord.modelVersion(record.get())
                : new SeedProgress(dynamo, tableName).read().isPresent() ? null
                : holdsNorthwindItems() ? Migrations.LEGACY_VERSION : null;
        if (version == null || version.equals(ModelVersion.current())) {
            return new Plan(Plan.Kind.SEED_OR_SKIP, null, version);
        }
        List<Migration> path = Migrations.path(version, ModelVersion.current()).orElseThrow(() -> new SeedDataException(
                "table " + tableName + " holds item model " + version + " and no migration leads from it to this deploy's "
                        + ModelVersion.current() + " (model/Migrations.java). Nothing was written."));
        return new Plan(Plan.Kind.MIGRATE, path.get(0), version);
    }

    /**
     * Runs (or continues) a phase until it is complete or the deadline passes. When the expand phase completes the
     * table is at the migration's version (its contract pending) and the order-id counter is above every order id;
     * when the contract phase completes nothing is pending.
     */
    public Status run(Migration migration, Migration.Phase phase, long deadlineMillis) {
        // A phase without steps (a migration that only adds) has nothing to scan for.
        Migrator.Progress progress = migration.steps(phase).isEmpty() ? new Migrator.Progress(true, 0, 0, 0, 0, 0)
                : new Migrator(dynamo, tableName, migration, phase, SEGMENTS, clockMillis).run(deadlineMillis);
        LOG.info("migration progress", entry("migration", migration.name()), entry("phase", phase.name()),
                entry("complete", progress.complete()), entry("pass", progress.pass()), entry("scanned", progress.scanned()),
                entry("written", progress.written()), entry("removed", progress.removed()), entry("raced", progress.raced()));
        if (progress.complete()) {
            List<String> pending = new ArrayList<>(pendingContracts(new SeedRecord(dynamo, tableName).read()));
            if (phase == Migration.Phase.EXPAND) {
                if (!migration.steps(phase).isEmpty()) {
                    raiseCounter(new MigrationCheckpoint(dynamo, tableName, migration.name(), phase, SEGMENTS).read().maxOrderId());
                }
                if (!pending.contains(migration.name())) {
                    pending.add(migration.name());
                }
                writeRecord(migration.toVersion(), pending);
            } else {
                pending.remove(migration.name());
                writeRecord(null, pending);
            }
        }
        return new Status(migration, phase, progress, remaining(phase));
    }

    /** How many migrations of this phase are still waiting (read after the record was written). */
    private int remaining(Migration.Phase phase) {
        Optional<Map<String, AttributeValue>> record = new SeedRecord(dynamo, tableName).read();
        if (phase == Migration.Phase.CONTRACT) {
            return pendingContracts(record).size();
        }
        String version = record.map(SeedRecord::modelVersion).orElse(ModelVersion.current());
        return Migrations.path(version, ModelVersion.current()).map(List::size).orElse(0);
    }

    private static List<String> pendingContracts(Optional<Map<String, AttributeValue>> record) {
        return record.map(r -> r.get(PENDING_CONTRACT)).map(AttributeValue::s).filter(s -> !s.isBlank())
                .map(s -> List.of(s.split(","))).orElse(List.of());
    }

    /** Whether the table holds any Northwind item (keys-only Scan, stopping at the first one found). */
    private boolean holdsNorthwindItems() {
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamo.scan(b -> b.tableName(tableName).limit(100).select(Select.SPECIFIC_ATTRIBUTES)
                    .projectionExpression("#pk, #sk").expressionAttributeNames(Map.of("#pk", TableSchema.PK, "#sk", TableSchema.SK))
                    .exclusiveStartKey(from));
            if (page.items().stream().anyMatch(i -> !Bookkeeping.isBookkeeping(i.get(TableSchema.PK).s()))) {
                return true;
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return false;
    }

    /** The counter never goes down: it becomes the highest order id seen if that is higher. */
    private void raiseCounter(long maxOrderId) {
        try {
            dynamo.updateItem(b -> b.tableName(tableName)
                    .key(ItemCodec.key(Bookkeeping.ORDER_ID_COUNTER_PK, Bookkeeping.COUNTER_SK))
                    .updateExpression("SET #v = :m").conditionExpression("attribute_not_exists(#v) OR #v < :m")
                    .expressionAttributeNames(Map.of("#v", Bookkeeping.COUNTER_VALUE))
                    .expressionAttributeValues(Map.of(":m", AttributeValue.fromN(Long.toString(maxOrderId)))));
        } catch (ConditionalCheckFailedException e) {
            // commands have taken higher ids already
        }
    }

    /** The seed record with this version (null: unchanged) and these pending contract phases. */
    private void writeRecord(String version, List<String> pendingContracts) {
        Map<String, AttributeValue> record = new LinkedHashMap<>(ItemCodec.key(Bookkeeping.SEED_PK, Bookkeeping.SEED_SK));
        new SeedRecord(dynamo, tableName).read().ifPresent(existing -> existing.forEach(record::putIfAbsent));
        if (version != null) {
            record.put(Bookkeeping.SEED_MODEL_VERSION, AttributeValue.fromS(version));
        }
        if (pendingContracts.isEmpty()) {
            record.remove(PENDING_CONTRACT);
        } else {
            record.put(PENDING_CONTRACT, AttributeValue.fromS(String.join(",", pendingContracts)));
        }
        dynamo.putItem(b -> b.tableName(tableName).item(record));
    }
}
