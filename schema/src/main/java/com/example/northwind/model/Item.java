package com.example.northwind.model;

import java.util.Map;

/**
 * One item as the model builds it: its shape, its key values and the attributes it carries (typed Java values:
 * String, Long, BigDecimal, Boolean; absent values are not in the map). {@link ItemCodec} turns it into DynamoDB's
 * attribute map.
 */
public record Item(ItemShape shape, String pk, String sk, String data, String pk2, String sk2,
                   Map<String, Object> attributes) {
    public Item {
        attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
    }

    public String type() {
        return shape.entity().typeName();
    }

    /** pk and sk as one string (NUL never occurs in a key), for sets and maps of items. */
    public String key() {
        return pk + "\u0000" + sk;
    }
}
