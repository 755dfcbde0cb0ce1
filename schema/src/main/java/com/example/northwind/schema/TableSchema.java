package com.example.northwind.schema;

/**
 * Names of the single table's key attributes and indexes.
 *
 * <p>The design overloads generic attributes: {@code pk}/{@code sk} are the table's keys and
 * {@code gsi_1} is keyed ({@code sk}, {@code data}), so the same attribute means something different
 * per item kind (see docs/key-design.md). Infra, the seeder and the query Lambda all read these
 * names from here, so the template and the code cannot drift apart.
 */
public final class TableSchema {
    /** Partition key of the table (S). */
    public static final String PK = "pk";
    /** Sort key of the table (S); also the partition key of {@link #GSI_1}. */
    public static final String SK = "sk";
    /** Sort key of {@link #GSI_1} (S); absent on items no index pattern needs (sparse). */
    public static final String DATA = "data";
    /** Entity type of the item ({@code Order}, {@code OrderLine}, ...). Not a key. */
    public static final String TYPE = "type";

    /** The overloaded global secondary index: partition key {@link #SK}, sort key {@link #DATA}, projection ALL. */
    public static final String GSI_1 = "gsi_1";
    public static final String GSI_1_PARTITION_KEY = SK;
    public static final String GSI_1_SORT_KEY = DATA;

    /** gsi_2's partition key (S): a second partition an entity item is found under, without a copy. Sparse. */
    public static final String PK2 = "pk2";
    /** gsi_2's sort key (S). */
    public static final String SK2 = "sk2";
    /** The second overloaded index, keyed ({@link #PK2}, {@link #SK2}), projection ALL (docs/key-design.md: why). */
    public static final String GSI_2 = "gsi_2";

    /**
     * The entity item's revision, a number raised by every command that changes the entity: writers condition
     * on the revision they read (optimistic concurrency). Absent on seeded items (revision 0). Never shown.
     */
    public static final String REVISION = "rev";
    /**
     * On a product entity: the stock version its listed {@code unitsInStock} was derived at — the sum of the stock
     * shards' versions when they were read (each shard's version only grows, so a later read never sums lower). The
     * stream consumer writes a listed stock only over a lower one: batches of one product's shards, processed out of
     * order or concurrently, never make the listing regress.
     */
    public static final String STOCK_VERSION = "stockVersion";
    /** Expiry (epoch seconds) of bookkeeping items such as remembered idempotency keys; the table's TTL attribute. */
    public static final String TTL = "ttl";
    /**
     * The prefix of bookkeeping partitions (order-id counter, idempotency records, seed state). No entity key
     * starts with it, so no pattern reads them, and the seeder never deletes them.
     */
    public static final String BOOKKEEPING_PREFIX = "_";

    /** Attributes that are never part of an answer: keys and bookkeeping. */
    public static final java.util.Set<String> INTERNAL_ATTRIBUTES = java.util.Set.of(PK, SK, DATA, PK2, SK2, REVISION, TTL,
            STOCK_VERSION);

    /** DynamoDB's limit on a partition key value ({@link #PK}), in UTF-8 bytes. */
    public static final int MAX_PARTITION_KEY_BYTES = 2048;
    /**
     * DynamoDB's limit on a sort key value, in UTF-8 bytes: {@link #SK} of the table and {@link #DATA} of gsi_1
     * ({@code sk} is also gsi_1's partition key, and the tighter sort-key limit is the one that applies to it).
     */
    public static final int MAX_SORT_KEY_BYTES = 1024;
    /** DynamoDB's limit on an item: attribute names plus values. */
    public static final int MAX_ITEM_BYTES = 400 * 1024;

    /** The key-size limit for a value of this key attribute. */
    public static int maxKeyBytes(String attribute) {
        return PK.equals(attribute) ? MAX_PARTITION_KEY_BYTES : MAX_SORT_KEY_BYTES;
    }

    private TableSchema() {
    }
}
