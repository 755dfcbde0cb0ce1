package com.example.northwind.command;

import com.example.northwind.schema.EntityType;
import java.util.Map;

/** An entity as read from its entity item: its columns (typed) and the revision writers condition on. */
record StoredFact(EntityType type, Map<String, Object> values, long revision) {
    Object get(String column) {
        return values.get(column);
    }
}
