package com.example.northwind.seeder;

import java.time.Duration;
import java.util.Map;

/**
 * What a seed did — or, for one step of a seed that needs several invocations ({@link NorthwindSeeder#seedStep}),
 * where it stands.
 *
 * @param itemsByType     items of the data per entity type name ({@code OrderLine} → 2155)
 * @param totalItems      items of the data (the table's size once the seed is complete)
 * @param deletedItems    stale items removed (rows gone from the data), over every step of the seed
 * @param batchWriteCalls BatchWriteItem calls made (this step), retries and the seed's bookkeeping included
 * @param retriedBatches  calls that resubmitted unprocessed items or repeated a throttled call (this step)
 * @param checksum        {@code NorthwindData.checksum} of the data folder that was seeded
 * @param elapsed         wall time of this step, parsing included
 * @param skipped         the table had been seeded before and was left alone ({@link SeedMode#ONCE})
 * @param complete        the seed is done: every item, the counter and the seed record written, its progress item
 *                        removed; false when this step stopped at its checkpoint (its time budget ran out)
 * @param writtenItems    items of the data written so far, over every step ({@code totalItems} when complete)
 * @param stopReason      why an incomplete step stopped (how far it got, the last error); null when complete
 */
public record SeedResult(Map<String, Integer> itemsByType, int totalItems, int deletedItems, int batchWriteCalls,
                         int retriedBatches, String checksum, Duration elapsed, boolean skipped, boolean complete,
                         long writtenItems, String stopReason) {
    /** A seed that left an already seeded table alone. */
    static SeedResult skipped(String checksum, Duration elapsed) {
        return new SeedResult(Map.of(), 0, 0, 0, 0, checksum, elapsed, true, true, 0, null);
    }
}
