package com.example.northwind.query;

import com.example.northwind.schema.TableSchema;

/** How one page of a pattern is read: exactly one GetItem or one Query. */
sealed interface Plan {
    /** GetItem by the table's full key. */
    record Get(String partition, String sort) implements Plan {
    }

    /**
     * Query of the table (index null) or of gsi_1: partition value, sort condition, direction.
     * On gsi_1 the partition attribute is the table's sort key and the sort attribute is data.
     */
    record Query(String index, String partition, SortCondition sort, boolean forward) implements Plan {
        String partitionAttribute() {
            return index == null ? TableSchema.PK : TableSchema.GSI_1_PARTITION_KEY;
        }

        String sortAttribute() {
            return index == null ? TableSchema.SK : TableSchema.GSI_1_SORT_KEY;
        }
    }

    static Get get(String partition, String sort) {
        return new Get(partition, sort);
    }

    static Query table(String partition, SortCondition sort) {
        return new Query(null, partition, sort, true);
    }

    static Query index(String partition, SortCondition sort) {
        return new Query(TableSchema.GSI_1, partition, sort, true);
    }

    static Query indexDescending(String partition, SortCondition sort) {
        return new Query(TableSchema.GSI_1, partition, sort, false);
    }
}
