package com.example.northwind.seeder;

import com.example.northwind.derived.DerivedData;
import com.example.northwind.model.Bookkeeping;
import com.example.northwind.model.ModelVersion;
import java.util.Optional;

import com.example.northwind.schema.NorthwindData;
import com.example.northwind.schema.TableSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * Seeds a table with the Northwind data: parse and validate every CSV (nothing is written if any row is bad);
 * if the table was seeded before, leave it alone ({@link SeedMode#ONCE}: the CSVs are only the initial state);
 * else find the items the table holds (keys-only Scan), delete the items no row produces (never bookkeeping items),
 * write every item of the item model and the order-id counter, and write the seed record last. Create and Update are
 * the same operation, and running it twice leaves the same table.
 *
 * <p><b>Resumable.</b> A seed keeps its progress in the table ({@link SeedProgress}, item
 * {@code _SEED_PROGRESS}): saved before its first write, then every {@link SeedOptions#checkpointInterval()} while
 * it writes, and when its time budget runs out; removed right after the seed record. {@link #seedStep} works until the
 * seed is complete or the budget is spent and then answers where it stands; the next step (the Provider framework's
 * isComplete poll) continues from the checkpoint, so a seed may take as many Lambda invocations as it needs. A step
 * also continues a checkpoint an earlier, failed or killed run left (same data, same item model; on a table that was
 * seeded before — a converge — only within the same CloudFormation request, since the application may have written
 * since).
 *
 * <p>Memory does not grow with the data: the CSVs are streamed (validated in two passes, then mapped once to
 * check every item and once more to write it, batch by batch), and only keys are held, in compact sets (the
 * references between files, the columns items copy, the keys of the items the table should hold and of the stale
 * items to delete). The k=100 data set (494k items) seeds in well under the heap of a 1,024 MB Lambda.
 *
 * <p>Needs only {@code dynamodb:BatchWriteItem}, a keys-only {@code dynamodb:Scan} and {@code dynamodb:GetItem}
 * (the seed record, the counter and the seed's progress item) on the table.
 */
public final class NorthwindSeeder {
    private static final Logger LOG = LoggerFactory.getLogger(NorthwindSeeder.class);

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final SeedOptions options;

    public NorthwindSeeder(DynamoDbClient dynamo, String tableName) {
        this(dynamo, tableName, SeedOptions.defaults());
    }

    public NorthwindSeeder(DynamoDbClient dynamo, String tableName, SeedOptions options) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Makes the table hold exactly the items of the data in {@code dataDir}, within one time budget. A first seed
     * left unfinished by an earlier run is continued from its checkpoint.
     *
     * @throws SeedDataException   when the data is invalid (nothing has been written)
     * @throws SeedFailedException when writing did not complete (budget, retries, DynamoDB errors); the checkpoint
     *                             stays, so seeding the same data again continues from it
     */
    public SeedResult seed(Path dataDir) {
        SeedResult result = seedStep(dataDir, "seed-" + UUID.randomUUID());
        if (!result.complete()) {
            throw new SeedFailedException(result.stopReason() + "; the seed's checkpoint is kept: seeding again continues"
                    + " from it", true);
        }
        return result;
    }

    /**
     * One step of a seed: starts it, or continues it from its checkpoint, and works until it is complete or this
     * step's time budget is spent; then saves the checkpoint and answers {@link SeedResult#complete()} false. Call it
     * again (the next invocation) to continue.
     *
     * @param requestId the CloudFormation request the seed belongs to (its onEvent and every isComplete poll): a
     *                  seed of a table that was seeded before is continued only by the request that started it
     * @throws SeedDataException   when the data is invalid (nothing has been written)
     * @throws SeedFailedException when DynamoDB refused, retries ran out, or the budget ran out before the seed could
     *                             save its first checkpoint (nothing written); a checkpoint saved before stays
     */
    public SeedResult seedStep(Path dataDir, String requestId) {
        long start = options.clockMillis().getAsLong();
        TimeBudget budget = new TimeBudget(options, start);

        // Validate everything (a bad last row writes nothing), keeping only keys: memory grows with the number of
        // items' keys, compactly, never with rows or items (SeedSource).
        SeedSource data = SeedSource.validate(dataDir);
        String checksum = NorthwindData.checksum(dataDir);
        String model = ModelVersion.current();
        LOG.info("parsed", entry("table", tableName), entry("rowsByFile", data.rowCounts()), entry("checksum", checksum));

        SeedRecord record = new SeedRecord(dynamo, tableName);
        SeedProgress progress = new SeedProgress(dynamo, tableName);
        Optional<Map<String, AttributeValue>> seededBefore = record.read();
        Optional<SeedProgress.State> saved = progress.read();
        // A first seed's checkpoint is always continued: nothing but the seed writes to a table that was never seeded.
        // On a seeded table (a converge) only the request that saved it continues it: a later request finds a table
        // the application may have written to since, and converges it from the start.
        boolean resume = saved.isPresent() && saved.get().matches(checksum, model)
                && (seededBefore.isEmpty() || saved.get().requestId().equals(requestId));
        BatchWriter writer = new BatchWriter(dynamo, tableName, options, budget);

        // The CSVs are the initial state: once the table has been seeded it holds the application's writes, and
        // a later deploy (changed CSVs, changed model) must neither revert nor erase them (SeedMode).
        if (seededBefore.isPresent() && options.mode() == SeedMode.ONCE && !resume) {
            String seededModel = SeedRecord.modelVersion(seededBefore.get());
            if (!model.equals(seededModel)) {
                throw new SeedDataException("table " + tableName + " was seeded with item model " + seededModel
                        + " and may hold application writes; this deploy's item model is " + model
                        + ". The seed never rewrites a live table: it needs a migration to the new model. Nothing was"
                        + " written. (For a throw-away table, SeedMode=converge rebuilds it from the CSVs.)");
            }
            if (saved.isPresent() && !writer.tryOnce(List.of(SeedProgress.delete()))) {
                // left by a converge that was stopped; harmless (a later converge starts afresh), so only logged
                LOG.warn("stale seed progress item not removed", entry("lastError", writer.lastError()));
            }
            Duration elapsed = Duration.ofMillis(options.clockMillis().getAsLong() - start);
            LOG.info("skipped", entry("table", tableName), entry("reason", "already seeded; the CSVs are the initial"
                    + " state only and never overwrite application data"), entry("seededChecksum",
                    SeedRecord.checksum(seededBefore.get())), entry("checksum", checksum));
            return SeedResult.skipped(checksum, elapsed);
        }

        SeedProgress.State state;
        KeySet planned = null;
        if (resume && saved.get().phase() == SeedProgress.Phase.WRITE) {
            // Planned, checked and cleared of stale items by the step that saved it: continue writing where it stopped.
            state = saved.get().continuedBy(requestId);
            LOG.info("resumed", entry("table", tableName), entry("written", state.written()), entry("totalItems",
                    state.totalItems()), entry("invocation", state.invocations()));
        } else {
            // Map every item once without writing: sizes, duplicates, and the keys the table should hold.
            ItemMapper.Plan plan = ItemMapper.plan(data);
            planned = plan.keys();
            LOG.info("planned", entry("table", tableName), entry("items", plan.totalItems()), entry("itemsByType",
                    plan.itemsByType()));
            // Find what the table holds before writing: on a first Create the table is empty and this costs one
            // request, where scanning after the writes would read back every item just written.
            int[] held = new int[1];
            KeySet deletes = staleItems(planned, budget, held);
            int stale = deletes.size();
            checkDeleteShare(stale, held[0]);
            long deletedBefore = resume ? saved.get().deletedItems() : 0;
            state = new SeedProgress.State(requestId, checksum, model, stale > 0 ? SeedProgress.Phase.DELETE
                    : SeedProgress.Phase.WRITE, 0, plan.totalItems(), plan.itemsByType(), deletedBefore,
                    (resume ? saved.get().invocations() : 0) + 1);
            // The first write: from here on, a table without a seed record holds this item while it holds seed items.
            // A budget spent before it leaves nothing to continue: the step fails (nothing written).
            int total = plan.totalItems();
            writer.writeNow(List.of(SeedProgress.put(state)), done -> "0 of " + total + " items written");
            if (stale > 0) {
                Optional<SeedResult> stopped = deleteStale(deletes, writer, state, start);
                if (stopped.isPresent()) {
                    return stopped.get();
                }
                state = state.at(SeedProgress.Phase.WRITE, 0, deletedBefore + stale);
            }
        }
        return writeAndFinish(data, planned, state, writer, record, budget, start);
    }

    /** Deletes the stale items; an answer when the step stopped (budget) before they were all deleted. */
    private Optional<SeedResult> deleteStale(KeySet deletes, BatchWriter writer, SeedProgress.State state, long start) {
        int stale = deletes.size();
        BatchWriter.Sink sink = writer.open(done -> "0 of " + state.totalItems() + " items written, " + done + " of "
                + stale + " stale items deleted");
        try {
            for (int i = 0; i < stale; i++) {
                String key = deletes.get(i);
                int colon = key.indexOf(':');
                int pkEnd = colon + 1 + Integer.parseInt(key.substring(0, colon));
                sink.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(Map.of(
                        TableSchema.PK, AttributeValue.fromS(key.substring(colon + 1, pkEnd)),
                        TableSchema.SK, AttributeValue.fromS(key.substring(pkEnd)))).build()).build());
            }
            sink.finish();
        } catch (RuntimeException e) {
            sink.drain();
            // The next step scans again: what is deleted is gone, what is left is found again.
            return Optional.of(stop(state.at(SeedProgress.Phase.DELETE, 0, state.deletedItems() + sink.done()),
                    failure(e), writer, start));
        } finally {
            sink.close();
        }
        LOG.info("deleted", entry("deletedItems", stale));
        return Optional.empty();
    }

    /**
     * Writes the item stream from the checkpoint's position, the order-id counter at its end, then the seed record,
     * then removes the progress item. Stops at a checkpoint when the budget runs out.
     */
    private SeedResult writeAndFinish(SeedSource data, KeySet planned, SeedProgress.State begin, BatchWriter writer,
                                      SeedRecord record, TimeBudget budget, long start) {
        int total = begin.totalItems();
        long from = begin.written();
        // The counter never goes down: the larger of the data's highest order id and what commands have taken.
        List<WriteRequest> bookkeeping = record.items(data.maxOrderId(), begin.checksum(), begin.modelVersion());
        long writeStart = options.clockMillis().getAsLong();
        SeedProgress.State state = begin;
        if (from <= total) {
            IntFunction<String> progress = done -> Math.min(total, from + done) + " of " + total + " items written";
            BatchWriter.Sink sink = writer.open(progress);
            Checkpoints checkpoints = new Checkpoints(writer, begin, from, progress);
            try {
                writeItems(data, planned, from, total, sink, bookkeeping.get(0), checkpoints, progress);
                sink.finish();
            } catch (RuntimeException e) {
                // Let the calls in flight end first: the checkpoint then covers every batch that got through.
                sink.drain();
                return stop(checkpoints.state(from + sink.watermark()), failure(e), writer, start);
            } finally {
                sink.close();
            }
            state = checkpoints.state(total + 1L);
        }
        LOG.info("written", entry("items", total), entry("from", from), entry("batchWriteCalls", writer.calls()),
                entry("concurrency", options.concurrency()), entry("elapsedMs", options.clockMillis().getAsLong() - writeStart));
        LOG.info("retried", entry("retriedBatches", writer.retried()));

        // The seed record, in a call of its own after everything else (a seed that stopped half-way is continued, never
        // taken for done), then the progress item goes. Each only within the budget: past it, one checkpoint saying
        // "everything but the record" is left, and the next step writes the record.
        try {
            budget.check("all " + total + " items written, the seed record not yet", writer.lastError());
            writer.writeNow(bookkeeping.subList(1, 2), done -> "all " + total + " items written, the seed record not yet");
            writer.writeNow(List.of(SeedProgress.delete()), done -> "the seed record written, its progress item not"
                    + " yet removed");
        } catch (SeedFailedException e) {
            return stop(state, e, writer, start);
        }
        Duration elapsed = Duration.ofMillis(options.clockMillis().getAsLong() - start);
        SeedResult result = new SeedResult(begin.itemsByType(), total, (int) begin.deletedItems(), writer.calls(),
                writer.retried(), begin.checksum(), elapsed, false, true, total, null);
        LOG.info("done", entry("table", tableName), entry("totalItems", total), entry("deletedItems", begin.deletedItems()),
                entry("batchWriteCalls", writer.calls()), entry("retriedBatches", writer.retried()),
                entry("invocations", begin.invocations()), entry("elapsedMs", elapsed.toMillis()));
        return result;
    }

    /**
     * Maps the rows again and writes each item from position {@code from} on as it is made, through a sink that holds
     * a few batches at most; the order-id counter ends the stream. The data was validated moments ago (or, continuing a
     * seed, has the checksum of the data that was): a row that now fails, an item that was not planned, or another
     * number of items means a file changed during the seed, which stops it.
     */
    private void writeItems(SeedSource data, KeySet planned, long from, int total, BatchWriter.Sink sink,
                            WriteRequest counter, Checkpoints checkpoints, IntFunction<String> progress) {
        long[] made = new long[1];
        try {
            ItemMapper.forEachItem(data, (item, row) -> {
                if (planned != null && !planned.contains(item.key())) {
                    throw new SeedDataException("an item that was not validated: pk=" + item.pk() + ", sk=" + item.sk());
                }
                long position = made[0]++;
                if (position < from) {
                    return; // written by an earlier step
                }
                sink.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item.attributes()).build()).build());
                if ((position - from + 1) % BatchWriter.BATCH_SIZE == 0) {
                    checkpoints.maybeSave(from + sink.watermark());
                }
            });
        } catch (SeedDataException e) {
            throw new SeedFailedException("the data changed while it was being seeded (" + e.getMessage() + "): "
                    + progress.apply(sink.done()) + "; seed again");
        }
        if (made[0] != total) {
            throw new SeedFailedException("the data changed while it was being seeded (" + made[0] + " items made, "
                    + total + " validated): " + progress.apply(sink.done()) + "; seed again");
        }
        sink.add(counter);
    }

    /** The checkpoints of a write pass: saved every checkpoint interval, when the written prefix has grown. */
    private final class Checkpoints {
        private final BatchWriter writer;
        private final SeedProgress.State base;
        private final IntFunction<String> progress;
        private final long from;
        private long savedAt;
        private long lastSaveMillis;

        Checkpoints(BatchWriter writer, SeedProgress.State base, long from, IntFunction<String> progress) {
            this.writer = writer;
            this.base = base;
            this.progress = progress;
            this.from = from;
            this.savedAt = from;
            this.lastSaveMillis = options.clockMillis().getAsLong();
        }

        SeedProgress.State state(long written) {
            return base.at(SeedProgress.Phase.WRITE, written, base.deletedItems());
        }

        void maybeSave(long written) {
            long now = options.clockMillis().getAsLong();
            if (written > savedAt && now - lastSaveMillis >= options.checkpointInterval().toMillis()) {
                writer.writeNow(List.of(SeedProgress.put(state(written))), done -> progress.apply((int) (written - from)));
                savedAt = written;
                lastSaveMillis = now;
            }
        }
    }

    /** A failure of the write pass as the seed reports it (a writer may fail with any runtime exception). */
    private static SeedFailedException failure(RuntimeException e) {
        return e instanceof SeedFailedException f ? f : new SeedFailedException("BatchWriteItem failed: " + BatchWriter.message(e));
    }

    /**
     * Where a step ends short of the end: saves the checkpoint (one attempt, past the budget if need be; when it does
     * not get through, the previous one stands and only idempotent work is repeated). A spent budget is an answer —
     * continue in the next step —, anything else fails the step (the checkpoint lets the next run continue).
     */
    private SeedResult stop(SeedProgress.State at, SeedFailedException cause, BatchWriter writer, long start) {
        boolean saved = writer.tryOnce(List.of(SeedProgress.put(at)));
        if (!cause.budgetSpent()) {
            LOG.warn("seed failed", entry("table", tableName), entry("written", at.written()), entry("checkpointSaved", saved));
            throw cause;
        }
        long written = Math.min(at.written(), at.totalItems());
        Duration elapsed = Duration.ofMillis(options.clockMillis().getAsLong() - start);
        LOG.info("stopped", entry("table", tableName), entry("reason", "time budget of this invocation spent"),
                entry("phase", at.phase().name()), entry("written", written), entry("totalItems", at.totalItems()),
                entry("checkpointSaved", saved), entry("invocation", at.invocations()), entry("elapsedMs", elapsed.toMillis()));
        return new SeedResult(at.itemsByType(), at.totalItems(), (int) at.deletedItems(), writer.calls(), writer.retried(),
                at.checksum(), elapsed, false, false, written, cause.getMessage());
    }

    /**
     * Refuses, before any write, a seed that would delete more than {@code maxDeleteShare} of what the table
     * holds, unless mass deletes are allowed: a truncated or half-copied file looks exactly like data whose rows
     * were removed, and converging to it would silently empty the table.
     */
    private void checkDeleteShare(int stale, int held) {
        if (options.allowMassDelete() || stale == 0 || stale <= options.maxDeleteShare() * held) {
            return;
        }
        throw new SeedDataException(String.format(java.util.Locale.ROOT,
                "refusing to delete %d of the %d items table %s holds (%.1f %%, more than the %.0f %% a seed may delete"
                        + " without being told to): check that no CSV is truncated; if the rows really were removed,"
                        + " seed again with AllowMassDelete=true (locally --allow-mass-delete). Nothing was written.",
                stale, held, tableName, 100.0 * stale / held, 100 * options.maxDeleteShare()));
    }

    /** The keys ({@code <pk length>:<pk><sk>}) of every item in the table that the data no longer produces (keys-only Scan). */
    private KeySet staleItems(KeySet desired, TimeBudget budget, int[] held) {
        KeySet deletes = new KeySet();
        Map<String, AttributeValue> startKey = null;
        do {
            budget.check("scanning for stale items, nothing written yet", null);
            ScanRequest.Builder request = ScanRequest.builder().tableName(tableName)
                    // Strongly consistent: an item deleted or written just before must be seen as it is now.
                    .consistentRead(true)
                    // Keys only, said explicitly: the role's Scan permission is conditioned on dynamodb:Select =
                    // SPECIFIC_ATTRIBUTES and dynamodb:Attributes within (pk, sk).
                    .select(Select.SPECIFIC_ATTRIBUTES)
                    .projectionExpression("#pk, #sk")
                    .expressionAttributeNames(Map.of("#pk", TableSchema.PK, "#sk", TableSchema.SK));
            if (startKey != null) {
                request.exclusiveStartKey(startKey);
            }
            ScanResponse page;
            try {
                page = dynamo.scan(request.build());
            } catch (SdkException e) {
                throw new SeedFailedException("Scan of table " + tableName + " for stale items failed: "
                        + BatchWriter.message(e) + " (nothing written yet)");
            }
            held[0] += page.items().size();
            for (Map<String, AttributeValue> key : page.items()) {
                String pk = key.get(TableSchema.PK).s();
                if (Bookkeeping.isBookkeeping(pk) || DerivedData.isDerived(pk)) {
                    held[0]--;
                    // Not CSV data: the order-id counter, idempotency records, the seed record, and the stream
                    // consumer's derived items and markers (it keeps them equal to the orders the seed writes).
                    continue;
                }
                String sk = key.get(TableSchema.SK).s();
                if (!desired.contains(SeedItem.keyOf(pk, sk))) {
                    deletes.add(pk.length() + ":" + pk + sk); // unambiguous whatever the keys hold
                }
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return deletes;
    }

}
