package com.example.northwind.model;

import com.example.northwind.schema.EntityType;
import java.util.List;

/**
 * Columns an entity's items copy from a related entity (denormalisation), found through a reference column:
 * an order line carries its order's {@code orderDate} (its gsi_1 sort value) and its product's {@code productName}.
 */
public record Enrichment(EntityType from, String referenceColumn, List<String> columns) {
    public Enrichment {
        columns = List.copyOf(columns);
    }

    public String describe() {
        return String.join(", ", columns) + " (from " + from.typeName() + " by " + referenceColumn + ")";
    }
}
