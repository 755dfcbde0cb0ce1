package com.example.northwind.model;

import com.example.northwind.schema.TableIndex;
import com.example.northwind.schema.TableSchema;

/** The one request that reads a page of an access pattern: a GetItem or a Query, never a Scan, never a filter. */
public sealed interface Read {
    /** GetItem by the table's full key. */
    record Get(String partition, String sort) implements Read {
        public String describe() {
            return "GetItem `pk = " + partition + "`, `sk = " + sort + "`";
        }
    }

    /**
     * Query of the table ({@code index} null) or of gsi_1: partition value, sort condition, direction. On gsi_1
     * the partition attribute is the table's sort key and the sort attribute is {@code data}.
     */
    record Query(TableIndex index, String partition, SortCondition sort, boolean forward) implements Read {
        /** The index name for the request; null for the table. */
        public String indexName() {
            return index == null ? null : index.indexName();
        }

        public String partitionAttribute() {
            return index == null ? TableSchema.PK : index.partitionKey();
        }

        public String sortAttribute() {
            return index == null ? TableSchema.SK : index.sortKey();
        }

        /** The attributes of a continuation key: the table's key, plus the index's key on an index. */
        public java.util.Set<String> startKeyAttributes() {
            // gsi_1's partition key is the table's sort key: a set, so it counts once.
            java.util.Set<String> names = new java.util.LinkedHashSet<>(java.util.List.of(TableSchema.PK, TableSchema.SK));
            if (index != null) {
                names.add(index.partitionKey());
                names.add(index.sortKey());
            }
            return java.util.Collections.unmodifiableSet(names);
        }

        public String describe() {
            StringBuilder out = new StringBuilder(index == null ? "table" : index.indexName());
            out.append(" `").append(partitionAttribute()).append(" = ").append(partition).append('`');
            String sortText = sort.describe(sortAttribute());
            if (!sortText.isEmpty()) {
                out.append(", `").append(sortText).append('`');
            }
            if (!forward) {
                out.append(", descending");
            }
            return out.toString();
        }
    }

    String describe();

    static Get get(String partition, String sort) {
        return new Get(partition, sort);
    }

    static Query table(String partition, SortCondition sort) {
        return new Query(null, partition, sort, true);
    }

    static Query index(String partition, SortCondition sort) {
        return new Query(TableIndex.GSI_1, partition, sort, true);
    }

    static Query indexDescending(String partition, SortCondition sort) {
        return new Query(TableIndex.GSI_1, partition, sort, false);
    }

    static Query gsi2(String partition, SortCondition sort) {
        return new Query(TableIndex.GSI_2, partition, sort, true);
    }

    static Query gsi2Descending(String partition, SortCondition sort) {
        return new Query(TableIndex.GSI_2, partition, sort, false);
    }
}
