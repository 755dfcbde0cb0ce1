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
 */
public record SeedResult(Map<String, Integer> itemsByType, int totalItems, int deletedItems, int batchWriteCalls,
                         int retriedBatches, String checksum, Duration elapsed) {
}
