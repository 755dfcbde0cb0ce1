package com.example.northwind.schema;

/** The table's global secondary indexes with their key attributes; infra, local tables and readers use this list. */
public enum TableIndex {
    /** Overloaded on the table's sort key: reverse edges, entity lists and sparse views. */
    GSI_1(TableSchema.GSI_1, TableSchema.GSI_1_PARTITION_KEY, TableSchema.GSI_1_SORT_KEY),
    /** A second partition for an entity item itself, where a copied edge would cost writes (docs/key-design.md). */
    GSI_2(TableSchema.GSI_2, TableSchema.PK2, TableSchema.SK2);

    private final String indexName;
    private final String partitionKey;
    private final String sortKey;

    TableIndex(String indexName, String partitionKey, String sortKey) {
        this.indexName = indexName;
        this.partitionKey = partitionKey;
        this.sortKey = sortKey;
    }

    public String indexName() {
        return indexName;
    }

    public String partitionKey() {
        return partitionKey;
    }

    public String sortKey() {
        return sortKey;
    }
}
