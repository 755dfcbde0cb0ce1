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

    /** The one global secondary index: partition key {@link #SK}, sort key {@link #DATA}, projection ALL. */
    public static final String GSI_1 = "gsi_1";
    public static final String GSI_1_PARTITION_KEY = SK;
    public static final String GSI_1_SORT_KEY = DATA;

    /**
     * Version of the item model written by the seeder. Bump it whenever {@link Keys} or the row-to-item
     * mapping changes: it is a property of the seeding custom resource, so a bump re-seeds on deploy.
     */
    public static final String ITEM_MODEL_VERSION = "1";

    private TableSchema() {
    }
}
