package com.example.northwind.seeder;

import com.example.northwind.schema.TableSchema;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One item to write, with the entity type it is counted under. */
public record SeedItem(String typeName, Map<String, AttributeValue> attributes) {
    public String pk() {
        return attributes.get(TableSchema.PK).s();
    }

    public String sk() {
        return attributes.get(TableSchema.SK).s();
    }

    /** pk and sk as one string, to compare the desired items with what a Scan finds. */
    public static String keyOf(String pk, String sk) {
        return pk + "\u0000" + sk;
    }

    public String key() {
        return keyOf(pk(), sk());
    }
}
