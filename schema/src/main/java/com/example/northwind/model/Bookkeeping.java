package com.example.northwind.model;

import com.example.northwind.schema.TableSchema;

/**
 * Items that are not Northwind data: the order-id counter, remembered idempotency keys, the seed record, the progress
 * of a seed under way and the checkpoints of migrations ({@code _MIGRATION#<name>}). Their
 * partitions start with {@link TableSchema#BOOKKEEPING_PREFIX}, which no entity key does, so no access pattern
 * reads them; they carry no {@code data}/{@code pk2}, so they stay out of both indexes; and the seeder never deletes them.
 */
public final class Bookkeeping {
    /** The order-id counter: attribute {@link #COUNTER_VALUE} is the highest order id handed out. */
    public static final String ORDER_ID_COUNTER_PK = TableSchema.BOOKKEEPING_PREFIX + "COUNTER#ORDER_ID";
    public static final String COUNTER_SK = TableSchema.BOOKKEEPING_PREFIX + "COUNTER";
    public static final String COUNTER_VALUE = "value";
    /**
     * Order ids an execution environment leases with one {@code ADD} on the counter. 100 keeps the counter at R / 100
     * writes a second (10 WCU/s at 1,000 orders/s: 1 % of a partition), costs one extra round trip in 1 % of
     * orders, and leaves at most 99 unused ids when an environment ends; a larger block saves almost nothing more and
     * widens the gaps, a smaller one heats the counter again (10: 100 WCU/s).
     */
    public static final int ORDER_ID_BLOCK_SIZE = 100;

    /** The seed record: written once the CSVs have been applied, with the data checksum and model version. */
    public static final String SEED_PK = TableSchema.BOOKKEEPING_PREFIX + "SEED";
    public static final String SEED_SK = TableSchema.BOOKKEEPING_PREFIX + "SEED";
    public static final String SEED_CHECKSUM = "dataChecksum";
    public static final String SEED_MODEL_VERSION = "modelVersion";

    /**
     * The progress of a seed under way (a first seed, or a converge): where the seed stands in its deterministic item
     * stream, so a seed that needs more than one Lambda invocation continues there. Written before the seed's first
     * write, deleted right after the seed record: a table with Northwind items but neither this item nor a seed
     * record is a first-wave table (item model {@code 1}), not a half-written seed.
     */
    public static final String SEED_PROGRESS_PK = TableSchema.BOOKKEEPING_PREFIX + "SEED_PROGRESS";
    public static final String SEED_PROGRESS_SK = TableSchema.BOOKKEEPING_PREFIX + "SEED_PROGRESS";

    /** A remembered idempotency key: the command, a hash of its params, its answer, and an expiry (TTL). */
    public static final String IDEMPOTENCY_SK = TableSchema.BOOKKEEPING_PREFIX + "IDEMPOTENCY";
    public static final String IDEMPOTENCY_COMMAND = "command";
    public static final String IDEMPOTENCY_PARAMS_HASH = "paramsHash";
    public static final String IDEMPOTENCY_RESULT = "result";

    private Bookkeeping() {
    }

    public static String idempotencyPartition(String key) {
        return TableSchema.BOOKKEEPING_PREFIX + "IDEMPOTENCY#" + key;
    }

    public static boolean isBookkeeping(String partitionKey) {
        return partitionKey.startsWith(TableSchema.BOOKKEEPING_PREFIX);
    }
}
