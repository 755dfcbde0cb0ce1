package com.example.northwind.seeder;

import java.time.Duration;
import java.util.Map;

/**
 * What a seed did.
 *
 * @param itemsByType     items written per entity type name ({@code OrderLine} → 2155)
 * @param totalItems      items written (the table's size afterwards)
 * @param deletedItems    stale items removed (rows gone from the data)
 * @param batchWriteCalls BatchWriteItem calls made, retries included
 * @param retriedBatches  calls that resubmitted unprocessed items or repeated a throttled call
 * @param checksum        {@code NorthwindData.checksum} of the data folder that was seeded
 * @param elapsed         wall time of the whole seed, parsing included
 * @param skipped         the table had been seeded before and was left alone ({@link SeedMode#ONCE})
 */
public record SeedResult(Map<String, Integer> itemsByType, int totalItems, int deletedItems, int batchWriteCalls,
                         int retriedBatches, String checksum, Duration elapsed, boolean skipped) {
    /** A seed that left an already seeded table alone. */
    static SeedResult skipped(String checksum, Duration elapsed) {
        return new SeedResult(Map.of(), 0, 0, 0, 0, checksum, elapsed, true);
    }
}
