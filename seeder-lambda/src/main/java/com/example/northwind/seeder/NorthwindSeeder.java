package com.example.northwind.seeder;

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
 * else find the items the table holds (keys-only Scan), write every item of the item model, delete the items no
 * row produces (never bookkeeping items), and write the seed record and the order-id counter last. Create and
 * Update are the same operation, and running it twice leaves the same table.
 *
 * <p>Memory does not grow with the data: the CSVs are streamed (validated in two passes, then mapped once to
 * check every item and once more to write it, batch by batch), and only keys are held, in compact sets (the
 * references between files, the columns items copy, the keys of the items the table should hold and of the stale
 * items to delete). The k=100 data set (494k items) seeds in well under the heap of a 1,024 MB Lambda.
 *
 * <p>Needs only {@code dynamodb:BatchWriteItem}, a keys-only {@code dynamodb:Scan} and {@code dynamodb:GetItem}
 * (the seed record and the counter) on the table.
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
     * Makes the table hold exactly the items of the data in {@code dataDir}.
     *
     * @throws SeedDataException   when the data is invalid (nothing has been written)
     * @throws SeedFailedException when writing did not complete (budget, retries, DynamoDB errors)
     */
    public SeedResult seed(Path dataDir) {
        long start = options.clockMillis().getAsLong();
        TimeBudget budget = new TimeBudget(options, start);

        // Validate everything and map every item once without writing (a bad last row writes nothing), keeping
        // only keys: memory grows with the number of items' keys, compactly, never with rows or items (SeedSource).
        SeedSource data = SeedSource.validate(dataDir);
        String checksum = NorthwindData.checksum(dataDir);
        ItemMapper.Plan plan = ItemMapper.plan(data);
        Map<String, Integer> byType = plan.itemsByType();
        LOG.info("parsed", entry("table", tableName), entry("rowsByFile", data.rowCounts()), entry("items", plan.totalItems()), entry("itemsByType", byType), entry("checksum", checksum));

        // The CSVs are the initial state: once the table has been seeded it holds the application's writes, and
        // a later deploy (changed CSVs, changed model) must neither revert nor erase them (SeedMode).
        SeedRecord record = new SeedRecord(dynamo, tableName);
        Optional<Map<String, AttributeValue>> seededBefore = record.read();
        if (seededBefore.isPresent() && options.mode() == SeedMode.ONCE) {
            String seededModel = SeedRecord.modelVersion(seededBefore.get());
            if (!ModelVersion.current().equals(seededModel)) {
                throw new SeedDataException("table " + tableName + " was seeded with item model " + seededModel
                        + " and may hold application writes; this deploy's item model is " + ModelVersion.current()
                        + ". The seed never rewrites a live table: it needs a migration to the new model. Nothing was"
                        + " written. (For a throw-away table, SeedMode=converge rebuilds it from the CSVs.)");
            }
            Duration elapsed = Duration.ofMillis(options.clockMillis().getAsLong() - start);
            LOG.info("skipped", entry("table", tableName), entry("reason", "already seeded; the CSVs are the initial"
                    + " state only and never overwrite application data"), entry("seededChecksum",
                    SeedRecord.checksum(seededBefore.get())), entry("checksum", checksum));
            return SeedResult.skipped(checksum, elapsed);
        }

        // Find what the table holds before writing: on a first Create the table is empty and this costs one
        // request, where scanning after the writes would read back every item just written.
        int[] held = new int[1];
        KeySet deletes = staleItems(plan.keys(), budget, held);
        int stale = deletes.size();
        checkDeleteShare(stale, held[0]);

        BatchWriter writer = new BatchWriter(dynamo, tableName, options, budget);
        long writeStart = options.clockMillis().getAsLong();
        List<WriteRequest> bookkeeping = record.items(data.maxOrderId(), checksum, ModelVersion.current());
        int total = plan.totalItems();
        writeItems(data, plan, writer, bookkeeping.get(0), done -> done + " of " + total + " items written");
        LOG.info("written", entry("items", total), entry("batchWriteCalls", writer.calls()), entry("concurrency", options.concurrency()), entry("elapsedMs", options.clockMillis().getAsLong() - writeStart));
        LOG.info("retried", entry("retriedBatches", writer.retried()));

        if (stale > 0) {
            try (BatchWriter.Sink sink = writer.open(done -> total + " of " + total + " items written, " + done + " of "
                    + stale + " stale items deleted")) {
                for (int i = 0; i < stale; i++) {
                    String key = deletes.get(i);
                    int colon = key.indexOf(':');
                    int pkEnd = colon + 1 + Integer.parseInt(key.substring(0, colon));
                    sink.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(Map.of(
                            TableSchema.PK, AttributeValue.fromS(key.substring(colon + 1, pkEnd)),
                            TableSchema.SK, AttributeValue.fromS(key.substring(pkEnd)))).build()).build());
                }
                sink.finish();
            }
        }
        LOG.info("deleted", entry("deletedItems", stale));
        // The seed record last, in a call of its own: a seed that failed half-way is seeded again next time.
        writer.write(bookkeeping.subList(1, 2), done -> "seed record written");

        Duration elapsed = Duration.ofMillis(options.clockMillis().getAsLong() - start);
        SeedResult result = new SeedResult(byType, total, stale, writer.calls(), writer.retried(), checksum, elapsed, false);
        LOG.info("done", entry("table", tableName), entry("totalItems", total), entry("deletedItems", stale), entry("batchWriteCalls", writer.calls()), entry("retriedBatches", writer.retried()), entry("elapsedMs", elapsed.toMillis()));
        return result;
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

    /**
     * Maps the rows again and writes each item as it is made, through a sink that holds a few batches at most; the
     * order-id counter rides along with the data. The data was validated and mapped moments ago: a row that now
     * fails, or an item that was not planned, means a file changed during the seed, which stops it.
     */
    private void writeItems(SeedSource data, ItemMapper.Plan plan, BatchWriter writer, WriteRequest counter,
                            IntFunction<String> progress) {
        int[] made = new int[1];
        try (BatchWriter.Sink sink = writer.open(progress)) {
            try {
                ItemMapper.forEachItem(data, (item, row) -> {
                    if (!plan.keys().contains(item.key())) {
                        throw new SeedDataException("an item that was not validated: pk=" + item.pk() + ", sk=" + item.sk());
                    }
                    made[0]++;
                    sink.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item.attributes()).build()).build());
                });
            } catch (SeedDataException e) {
                throw new SeedFailedException("the data changed while it was being seeded (" + e.getMessage() + "): "
                        + progress.apply(sink.done()) + "; seed again");
            }
            if (made[0] != plan.totalItems()) {
                throw new SeedFailedException("the data changed while it was being seeded (" + made[0] + " items made, "
                        + plan.totalItems() + " validated): " + progress.apply(sink.done()) + "; seed again");
            }
            sink.add(counter);
            sink.finish();
        }
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
                if (Bookkeeping.isBookkeeping(pk)) {
                    held[0]--;
                    continue; // the order-id counter, idempotency records and the seed record are not CSV data
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
