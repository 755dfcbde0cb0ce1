package com.example.northwind.seeder;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A condition that an item is still exactly what was read: every attribute it had equals its value then. (An
 * attribute a writer added since would not be caught, but every writer of this design puts whole items, which
 * change at least one attribute the reader saw — the revision of an entity item, or the copied values.)
 */
record Unchanged(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
    static Unchanged of(Map<String, AttributeValue> item) {
        StringBuilder expression = new StringBuilder();
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            if (i > 0) {
                expression.append(" AND ");
            }
            names.put("#a" + i, attribute.getKey());
            values.put(":v" + i, attribute.getValue());
            expression.append("#a").append(i).append(" = :v").append(i);
            i++;
        }
        return new Unchanged(expression.toString(), names, values);
    }
}
