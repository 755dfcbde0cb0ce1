package com.example.northwind.model;

import com.example.northwind.schema.TableIndex;
import com.example.northwind.schema.TableSchema;
import java.util.List;

/** The one request that reads a page of an access pattern: a GetItem or a Query, never a Scan, never a filter. */
public sealed interface Read {
    /**
     * GetItem by the table's full key — or, when {@code stockShards} names partitions, one BatchGetItem of the item and
     * those stock shards (sort key {@code STOCK}), whose {@code units} sum to the answer's {@code unitsInStock}
     * (item model 6: a product's exact stock).
     */
    record Get(String partition, String sort, List<String> stockShards) implements Read {
        public Get {
            stockShards = stockShards == null ? List.of() : List.copyOf(stockShards);
        }

        public Get(String partition, String sort) {
            this(partition, sort, List.of());
        }

        /** Whether the answer's stock is summed from shards read in the same BatchGetItem. */
        public boolean withStock() {
            return !stockShards.isEmpty();
        }

        public String describe() {
            if (withStock()) {
                return "BatchGetItem of `pk = " + partition + "`, `sk = " + sort + "` and its " + stockShards.size()
                        + " stock shards `pk = " + stockShards.get(0) + "` … `" + stockShards.get(stockShards.size() - 1)
                        + "`, `sk = " + ItemModel.STOCK_SORT_KEY + "` (unitsInStock = the sum of their units)";
            }
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

    /**
     * A list split into shards (one partition key value each, see {@link Shards}): the same key condition on every
     * shard's partition, read concurrently and merged in the list's order by {@link ScatterGather}. Every shard is
     * a {@link Query} of its own, and a continuation position is one per shard.
     */
    record Sharded(List<Query> shards) implements Read {
        public Sharded {
            shards = List.copyOf(shards);
            if (shards.size() < 2) {
                throw new IllegalArgumentException("a sharded read has at least two shards");
            }
        }

        public TableIndex index() {
            return shards.get(0).index();
        }

        public SortCondition sort() {
            return shards.get(0).sort();
        }

        public boolean forward() {
            return shards.get(0).forward();
        }

        public String indexName() {
            return shards.get(0).indexName();
        }

        public String describe() {
            Query first = shards.get(0);
            StringBuilder out = new StringBuilder(first.index() == null ? "table" : first.index().indexName());
            out.append(" `").append(first.partitionAttribute()).append(" = ").append(first.partition()).append("` … `")
                    .append(shards.get(shards.size() - 1).partition()).append("` (").append(shards.size())
                    .append(" shards, read together and merged)");
            String sortText = first.sort().describe(first.sortAttribute());
            if (!sortText.isEmpty()) {
                out.append(", `").append(sortText).append('`');
            }
            if (!first.forward()) {
                out.append(", descending");
            }
            return out.toString();
        }
    }

    String describe();

    /** The queries this read sends for a whole page: none for a GetItem, one, or one per shard. */
    default List<Query> queries() {
        if (this instanceof Query q) {
            return List.of(q);
        }
        if (this instanceof Sharded s) {
            return s.shards();
        }
        return List.of();
    }

    static Sharded sharded(TableIndex index, List<String> partitions, SortCondition sort, boolean forward) {
        return new Sharded(partitions.stream().map(p -> new Query(index, p, sort, forward)).toList());
    }

    static Get get(String partition, String sort) {
        return new Get(partition, sort);
    }

    static Get getWithStock(String partition, String sort, List<String> stockShards) {
        return new Get(partition, sort, stockShards);
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
