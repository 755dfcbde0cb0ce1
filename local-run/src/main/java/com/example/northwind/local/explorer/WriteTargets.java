package com.example.northwind.local.explorer;

import com.example.northwind.schema.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The items a write request puts, updates or deletes, as table keys per table (each key once; condition checks write
 * nothing and are left out). Empty for any other request.
 */
final class WriteTargets {
    private WriteTargets() {
    }

    static Map<String, List<Map<String, AttributeValue>>> of(SdkRequest request) {
        Map<String, Set<Map<String, AttributeValue>>> keys = new LinkedHashMap<>();
        if (request instanceof TransactWriteItemsRequest transact) {
            for (TransactWriteItem action : transact.transactItems()) {
                if (action.put() != null) {
                    add(keys, action.put().tableName(), action.put().item());
                } else if (action.update() != null) {
                    add(keys, action.update().tableName(), action.update().key());
                } else if (action.delete() != null) {
                    add(keys, action.delete().tableName(), action.delete().key());
                }
            }
        } else if (request instanceof PutItemRequest put) {
            add(keys, put.tableName(), put.item());
        } else if (request instanceof UpdateItemRequest update) {
            add(keys, update.tableName(), update.key());
        } else if (request instanceof DeleteItemRequest delete) {
            add(keys, delete.tableName(), delete.key());
        } else if (request instanceof BatchWriteItemRequest batch) {
            batch.requestItems().forEach((table, writes) -> writes.forEach(w -> add(keys, table,
                    w.putRequest() != null ? w.putRequest().item() : w.deleteRequest().key())));
        }
        Map<String, List<Map<String, AttributeValue>>> out = new LinkedHashMap<>();
        keys.forEach((table, set) -> out.put(table, new ArrayList<>(set)));
        return out;
    }

    private static void add(Map<String, Set<Map<String, AttributeValue>>> keys, String table, Map<String, AttributeValue> item) {
        AttributeValue pk = item.get(TableSchema.PK);
        AttributeValue sk = item.get(TableSchema.SK);
        if (table != null && pk != null && sk != null) {
            keys.computeIfAbsent(table, t -> new LinkedHashSet<>()).add(Map.of(TableSchema.PK, pk, TableSchema.SK, sk));
        }
    }
}
