package com.example.northwind.command;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Item model 5 (84ab5398fe721b55), the last before stock shards, written out literally as its docs/key-design.md
 * described it: a product's stock is its entity's {@code unitsInStock}, which every order line rewrites (the entity
 * put with its revision raised, conditioned on the revision read; its gsi_1 status {@code LOW_STOCK#<productID10>}
 * while below its reorder level); no stock shards. {@link #downgrade} turns a current table into that layout;
 * {@link #take} is what model 5's placeOrder did to a product's stock.
 */
final class ModelFive {
    static final String VERSION = "84ab5398fe721b55";

    private ModelFive() {
    }

    /** Removes every stock shard and the listed stock's stamps, and marks the table version 5. */
    static void downgrade(CommandTable table) {
        DynamoDbClient dynamo = table.client();
        List<Map<String, AttributeValue>> items = new java.util.ArrayList<>();
        dynamo.scanPaginator(b -> b.tableName(table.table).consistentRead(true)).items().forEach(items::add);
        for (Map<String, AttributeValue> item : items) {
            String pk = item.get("pk").s();
            if (pk.startsWith("STOCK#")) {
                dynamo.deleteItem(b -> b.tableName(table.table).key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
            } else if (pk.startsWith("PRODUCT#") && item.containsKey("stockVersion")) {
                Map<String, AttributeValue> old = new HashMap<>(item);
                old.remove("stockVersion");
                dynamo.putItem(b -> b.tableName(table.table).item(old));
            }
        }
        dynamo.updateItem(b -> b.tableName(table.table).key(Map.of("pk", s("_SEED"), "sk", s("_SEED")))
                .updateExpression("SET modelVersion = :v").expressionAttributeValues(Map.of(":v", s(VERSION))));
    }

    /**
     * Model 5's take of {@code quantity} units from a product: read the entity, refuse when short, put it back lowered
     * with its revision raised, conditioned on the revision read (read again when it changed), its category edge's copy
     * with it in the same transaction. Only the stock part of an order: this stands in for model 5's writes of stock.
     *
     * @return the stock after the take; -1 when refused for stock
     */
    static long take(CommandTable table, long productId, long quantity) {
        DynamoDbClient dynamo = table.client();
        Map<String, AttributeValue> key = Map.of("pk", s("PRODUCT#" + productId), "sk", s("PRODUCT"));
        while (true) {
            Map<String, AttributeValue> entity = dynamo.getItem(b -> b.tableName(table.table).key(key).consistentRead(true)).item();
            long stock = Long.parseLong(entity.get("unitsInStock").n());
            if (stock < quantity) {
                return -1;
            }
            AttributeValue rev = entity.get("rev");
            Map<String, AttributeValue> lowered = new HashMap<>(entity);
            lowered.put("unitsInStock", AttributeValue.fromN(Long.toString(stock - quantity)));
            lowered.put("rev", AttributeValue.fromN(Long.toString(rev == null ? 1 : Long.parseLong(rev.n()) + 1)));
            long reorder = entity.containsKey("reorderLevel") ? Long.parseLong(entity.get("reorderLevel").n()) : 0;
            if (!entity.get("discontinued").bool() && stock - quantity < reorder) {
                lowered.put("data", s("LOW_STOCK#" + String.format("%010d", productId)));
            }
            // Its category edge carries the same copy of the product; model 5 rewrote both in one transaction.
            Map<String, AttributeValue> edgeKey = Map.of("pk", s("PRODUCT#" + productId),
                    "sk", s("CATEGORY#" + entity.get("categoryID").n()));
            try {
                dynamo.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder().put(p -> {
                            p.tableName(table.table).item(lowered);
                            if (rev == null) {
                                p.conditionExpression("attribute_exists(pk) AND attribute_not_exists(rev)");
                            } else {
                                p.conditionExpression("rev = :r").expressionAttributeValues(Map.of(":r", rev));
                            }
                        }).build(),
                        TransactWriteItem.builder().update(u -> u.tableName(table.table).key(edgeKey)
                                .updateExpression("SET unitsInStock = :u")
                                .expressionAttributeValues(Map.of(":u", lowered.get("unitsInStock")))).build()));
                return stock - quantity;
            } catch (TransactionCanceledException e) {
                // a concurrent writer (a command of either version, or the migration) changed it: read again
            }
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
