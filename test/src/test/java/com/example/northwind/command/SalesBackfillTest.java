package com.example.northwind.command;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.example.northwind.model.Migration;
import com.example.northwind.model.Migrations;
import com.example.northwind.model.StreamSources;
import com.example.northwind.seeder.Migrator;
import com.example.northwind.stream.StreamHandler;
import com.example.northwind.testsupport.StreamMappingHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The backfill of a table seeded before the stream consumer existed (migration {@code 4-derived-sales}): its orders
 * have no stream records, so the migration counts every existing order, line and product through the consumer's
 * ledger — while commands keep placing and cancelling orders and the consumer applies their records. Whatever the
 * interleaving, each order counts exactly once.
 */
class SalesBackfillTest {
    private static final Migration BACKFILL = Migrations.byName("4-derived-sales").orElseThrow();

    @Test
    void backfillRacingCommandsAndTheConsumer_countsEveryOrderOnce() throws Exception {
        long seed = Long.getLong("backfill.seed", System.nanoTime());
        System.out.println("SalesBackfillTest seed = " + seed + " (replay: -Dbackfill.seed=" + seed + ")");
        // GIVEN a table seeded without a stream (a deployed table from before the consumer), then given one, and the
        // consumer started on it: the seed's orders are in no record it will ever see
        CommandTable table = CommandTable.seededOwnWithoutStream();
        RelationalNorthwind model = RelationalNorthwind.fromCsv();
        table.client().updateTable(b -> b.tableName(table.table).streamSpecification(
                s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        try (StreamMappingHarness consumer = StreamMappingHarness.start(table.local.endpoint(), table.table,
                StreamMappingHarness.settings(500, StreamSources.FILTER_PATTERNS).withErrorHandling(true, true, -1, null),
                new StreamHandler(table.client(), table.table))) {
            // WHEN the backfill runs (4 segments in parallel) while commands place, ship and cancel orders, seeded and new
            CompletableFuture<Migrator.Progress> backfill = CompletableFuture.supplyAsync(() -> new Migrator(table.client(),
                    table.table, BACKFILL, Migration.Phase.EXPAND, 4, System::currentTimeMillis).run(Long.MAX_VALUE));
            Random random = new Random(seed);
            List<String> log = new ArrayList<>();
            int commands = 0;
            try {
                // Commands while the backfill runs (at least 40, at most 150: the race, not a load test), then the rest
                // of the backfill alone.
                while ((!backfill.isDone() || commands < 40) && commands < 150) {
                    SalesConsumerModelBasedTest.step(table, model, random, log);
                    commands++;
                }
                Migrator.Progress progress = backfill.get();
                assertTrue(progress.complete(), "the backfill completed: " + progress);
                assertTrue(progress.written() > 2_000, "the backfill counted the seeded orders and lines: " + progress);
                // A phase completes only with a whole pass that changed nothing: run again, it writes nothing.
                assertTrue(progress.pass() >= 2, "no pass found everything counted already: " + progress);
                // THEN once the consumer caught up, every product's and every day's sales equal the model's
                consumer.awaitCaughtUp();
                SalesCheck.matches(model, table, "after the backfill and " + commands + " racing commands");
            } catch (AssertionError e) {
                fail("seed " + seed + ", commands during the backfill:\n" + String.join("\n", log) + "\n" + e.getMessage(), e);
            }
            System.out.println("SalesBackfillTest: " + commands + " commands ran while the backfill did");

        } finally {
            table.drop();
        }
    }
}
