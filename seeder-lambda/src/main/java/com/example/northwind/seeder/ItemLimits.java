package com.example.northwind.seeder;

import com.example.northwind.schema.TableSchema;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB's size limits, checked for every item before anything is written. BatchWriteItem would reject an
 * oversized key or item only when its batch is sent, leaving the table half written; checked here, bad data
 * fails like any other malformed row: with its file and line, and nothing written.
 */
final class ItemLimits {

    private ItemLimits() {
    }

    /** Throws a {@link SeedDataException} naming {@code source}'s file and line if the item breaks a limit. */
    static void check(SeedItem item, Row source) {
        Map<String, AttributeValue> a = item.attributes();
        checkKey(item, source, TableSchema.PK, "partition key", TableSchema.MAX_PARTITION_KEY_BYTES);
        checkKey(item, source, TableSchema.SK, "sort key", TableSchema.MAX_SORT_KEY_BYTES);
        if (a.containsKey(TableSchema.DATA)) {
            checkKey(item, source, TableSchema.DATA, "gsi_1 sort key", TableSchema.MAX_SORT_KEY_BYTES);
        }
        if (a.containsKey(TableSchema.PK2)) {
            checkKey(item, source, TableSchema.PK2, "gsi_2 partition key", TableSchema.MAX_PARTITION_KEY_BYTES);
            checkKey(item, source, TableSchema.SK2, "gsi_2 sort key", TableSchema.MAX_SORT_KEY_BYTES);
        }
        long size = size(a);
        if (size > TableSchema.MAX_ITEM_BYTES) {
            throw SeedDataException.at(source.spec().fileName(), source.line(), "the " + describe(item)
                    + " would be " + size + " bytes; DynamoDB allows at most " + TableSchema.MAX_ITEM_BYTES + " bytes per item");
        }
    }

    private static void checkKey(SeedItem item, Row source, String attribute, String role, int limit) {
        int bytes = utf8(item.attributes().get(attribute).s());
        if (bytes > limit) {
            throw SeedDataException.at(source.spec().fileName(), source.line(), "the " + role + " " + attribute
                    + " of the " + describe(item) + " would be " + bytes + " bytes; DynamoDB allows at most "
                    + limit + " bytes");
        }
    }

    /**
     * The item's size as DynamoDB counts it, rounded up: names and strings in UTF-8 bytes; a number at its
     * text length (DynamoDB stores it in at most that many bytes); a boolean as one byte.
     */
    static long size(Map<String, AttributeValue> attributes) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
            AttributeValue v = e.getValue();
            size += utf8(e.getKey());
            if (v.s() != null) {
                size += utf8(v.s());
            } else if (v.n() != null) {
                size += v.n().length();
            } else {
                size += 1;
            }
        }
        return size;
    }

    /** Names the item by type and sort key without quoting a key that may be kilobytes long. */
    private static String describe(SeedItem item) {
        String sk = item.sk();
        return item.typeName() + " item (sk " + (sk.length() > 40 ? sk.substring(0, 40) + "..." : sk) + ")";
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
