package com.example.northwind.command;

import com.example.northwind.schema.EntityType;
import java.util.Map;

/**
 * An entity as read from its entity item: its columns (typed), the revision writers condition on, and (a product) the
 * stamp of its listed stock ({@code stockVersion}, -1 when none), which a rewrite of the entity keeps.
 */
record StoredFact(EntityType type, Map<String, Object> values, long revision, long listedVersion) {
    Object get(String column) {
        return values.get(column);
    }
}
