package com.example.northwind.model;

import com.example.northwind.schema.TableSchema;
import java.util.List;

/**
 * What the stream consumer reads and writes, stated once for the consumer, the CDK app and the local event source
 * mapping: the Lambda event filter patterns that let only the item kinds the derived data comes from invoke it, and
 * the partitions it owns (an IAM {@code dynamodb:LeadingKeys} condition limits its writes to them).
 *
 * <p>Filters are on the stream record's {@code dynamodb.Keys} (present for INSERT, MODIFY and REMOVE alike), never on
 * {@code eventName}. A record passes when any one pattern matches.
 */
public final class StreamSources {
    /**
     * Lambda event filter patterns (JSON), one per source kind group: the order entity, its lines, the product
     * entity and the stock shards. Bookkeeping partitions ({@value TableSchema#BOOKKEEPING_PREFIX}…) never pass: the pk prefix excludes them.
     */
    public static final List<String> FILTER_PATTERNS = List.of(
            "{\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":[{\"prefix\":\"ORDER#\"}]},"
                    + "\"sk\":{\"S\":[\"ORDER\",{\"prefix\":\"ORDER_LINE#\"}]}}}}",
            "{\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":[{\"prefix\":\"PRODUCT#\"}]},\"sk\":{\"S\":[\"PRODUCT\"]}}}}",
            // A product's stock shards (item model 6): the listed stock is derived from them.
            "{\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":[{\"prefix\":\"STOCK#\"}]},\"sk\":{\"S\":[\"STOCK\"]}}}}");

    /** Partition-key prefixes of the items the consumer writes (its markers and the derived items). */
    public static final List<String> OWNED_PARTITION_PREFIXES = java.util.stream.Stream.concat(
            java.util.stream.Stream.of(com.example.northwind.derived.SalesLedger.MARKER_PREFIX),
            com.example.northwind.derived.DerivedData.partitionPrefixes().stream()).toList();

    /**
     * The listed stock ({@link com.example.northwind.derived.ListedStock}): the consumer reads a product's entity and its
     * stock shards, and writes the product's items (its entity and category edge, both in the product's partition).
     */
    public static final List<String> LISTED_STOCK_READ_PREFIXES = List.of("PRODUCT#", "STOCK#");
    /** The partitions the listed stock writes: the products' own. */
    public static final List<String> LISTED_STOCK_WRITE_PREFIXES = List.of("PRODUCT#");

    private StreamSources() {
    }
}
