package com.example.northwind.seeder;

import com.example.northwind.model.Bookkeeping;
import com.example.northwind.model.ModelVersion;
import java.util.Optional;

import com.example.northwind.schema.NorthwindData;
import com.example.northwind.schema.TableSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
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

        NorthwindDataSet data = NorthwindDataSet.load(dataDir);
        String checksum = NorthwindData.checksum(dataDir);
        List<SeedItem> items = ItemMapper.map(data);
        Map<String, Integer> byType = countByType(items);
        LOG.info("parsed", entry("table", tableName), entry("rowsByFile", data.rowCounts()), entry("items", items.size()), entry("itemsByType", byType), entry("checksum", checksum));

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
        Set<String> desired = new HashSet<>(items.size() * 2);
        items.forEach(i -> desired.add(i.key()));
        int[] held = new int[1];
        List<WriteRequest> deletes = staleItems(desired, budget, held);
        int stale = deletes.size();
        checkDeleteShare(stale, held[0]);

        BatchWriter writer = new BatchWriter(dynamo, tableName, options, budget);
        long writeStart = options.clockMillis().getAsLong();
        List<WriteRequest> puts = new ArrayList<>(items.size() + 1);
        for (SeedItem item : items) {
            puts.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item.attributes()).build()).build());
        }
        List<WriteRequest> bookkeeping = record.items(maxOrderId(data), checksum, ModelVersion.current());
        puts.add(bookkeeping.get(0)); // the order-id counter rides along with the data
        int total = items.size();
        writer.write(puts, done -> done + " of " + total + " items written");
        LOG.info("written", entry("items", total), entry("batchWriteCalls", writer.calls()), entry("concurrency", options.concurrency()), entry("elapsedMs", options.clockMillis().getAsLong() - writeStart));
        LOG.info("retried", entry("retriedBatches", writer.retried()));

        writer.write(deletes, done -> total + " of " + total + " items written, " + done + " of " + stale
                + " stale items deleted");
        LOG.info("deleted", entry("deletedItems", stale));
        // The seed record last, in a call of its own: a seed that failed half-way is seeded again next time.
        writer.write(bookkeeping.subList(1, 2), done -> "seed record written");

        Duration elapsed = Duration.ofMillis(options.clockMillis().getAsLong() - start);
        SeedResult result = new SeedResult(byType, total, stale, writer.calls(), writer.retried(), checksum, elapsed, false);
        LOG.info("done", entry("table", tableName), entry("totalItems", total), entry("deletedItems", stale), entry("batchWriteCalls", writer.calls()), entry("retriedBatches", writer.retried()), entry("elapsedMs", elapsed.toMillis()));
        return result;
    }

    /** Delete requests for every item in the table that the data no longer produces (keys-only Scan). */
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

    private List<WriteRequest> staleItems(Set<String> desired, TimeBudget budget, int[] held) {
        List<WriteRequest> deletes = new ArrayList<>();
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
                    deletes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                            .key(Map.of(TableSchema.PK, AttributeValue.fromS(pk), TableSchema.SK, AttributeValue.fromS(sk)))
                            .build()).build());
                }
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return deletes;
    }

    /** The highest order id of the data: order ids handed out by commands continue above it. */
    private static long maxOrderId(NorthwindDataSet data) {
        return data.rows(NorthwindFiles.ORDERS).stream().mapToLong(r -> r.getLong("orderID")).max().orElse(0);
    }

    private static Map<String, Integer> countByType(List<SeedItem> items) {
        Map<String, Integer> counts = new TreeMap<>();
        items.forEach(i -> counts.merge(i.typeName(), 1, Integer::sum));
        return new LinkedHashMap<>(counts);
    }
}
