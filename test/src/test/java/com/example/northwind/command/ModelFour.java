package com.example.northwind.command;

import com.example.northwind.lambda.AnswerItems;
import com.example.northwind.model.AnswerView;
import com.example.northwind.query.ExpectedAnswers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Item model 4 (4f27ed34db37c24e), the last before the order lists were sharded, written out literally as its
 * docs/key-design.md described it: the order entity in gsi_1 {@code ORDER} (data {@code <orderDate>#<orderID10>}) and
 * in gsi_2 {@code SHIPPER#<shipVia>}; the open view at sk {@code OPEN_ORDER}, in gsi_1 {@code OPEN_ORDER} and gsi_2
 * {@code OPEN_ORDER_BY_REQUIRED_DATE}; a line in gsi_1 {@code ORDER_LINE#<productID10>} with data
 * {@code ORDER_LINE#<orderDate>#<orderID10>}; no list views. {@link #downgrade} turns a current table into that
 * layout; {@link #read} answers the five list patterns the way model 4's query Lambda did — the old readers that
 * stay live while migration 5's expand phase runs.
 */
final class ModelFour {
    static final String VERSION = "4f27ed34db37c24e";

    private ModelFour() {
    }

    /** Rewrites every order, open view and line of the table into model 4's layout and marks the table version 4. */
    static void downgrade(CommandTable table) {
        ModelFive.downgrade(table); // products: model 4's layout is model 5's (no stock shards)
        DynamoDbClient dynamo = table.client();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.scanPaginator(b -> b.tableName(table.table).consistentRead(true)).items().forEach(items::add);
        for (Map<String, AttributeValue> item : items) {
            String sk = item.get("sk").s();
            String type = item.containsKey("type") ? item.get("type").s() : "";
            if (type.equals("Order") && sk.startsWith("ORDER_LIST#")) {
                dynamo.deleteItem(b -> b.tableName(table.table).key(key(item)));
            } else if (type.equals("Order") && sk.equals("ORDER")) {
                Map<String, AttributeValue> old = new HashMap<>(item);
                old.put("data", s(orderSort(item)));
                if (item.containsKey("shipVia")) {
                    old.put("pk2", s("SHIPPER#" + item.get("shipVia").n()));
                    old.put("sk2", s("ORDER#" + orderSort(item)));
                }
                dynamo.putItem(b -> b.tableName(table.table).item(old));
            } else if (type.equals("Order") && sk.startsWith("OPEN_ORDER#")) {
                dynamo.deleteItem(b -> b.tableName(table.table).key(key(item)));
                Map<String, AttributeValue> old = new HashMap<>(item);
                old.put("sk", s("OPEN_ORDER"));
                old.put("data", s(orderSort(item)));
                old.put("pk2", s("OPEN_ORDER_BY_REQUIRED_DATE"));
                dynamo.putItem(b -> b.tableName(table.table).item(old));
            } else if (type.equals("OrderLine")) {
                Map<String, AttributeValue> old = new HashMap<>(item);
                old.put("data", s("ORDER_LINE#" + item.get("sk2").s()));
                old.remove("pk2");
                old.remove("sk2");
                dynamo.putItem(b -> b.tableName(table.table).item(old));
            }
        }
        dynamo.updateItem(b -> b.tableName(table.table).key(Map.of("pk", s("_SEED"), "sk", s("_SEED")))
                .updateExpression("SET modelVersion = :v").expressionAttributeValues(Map.of(":v", s(VERSION))));
    }

    /**
     * A list pattern as model 4's reader answered it: every page of its one Query, canonical items in answer order
     * (sorted where the pattern fixes no order, as {@link CommandTable#query} does).
     */
    static List<Map<String, Object>> read(CommandTable table, String pattern, Map<String, Object> params) {
        Map<String, AttributeValue> values = new HashMap<>();
        String index;
        String condition;
        boolean forward;
        switch (pattern) {
            case "recentOrders" -> {
                index = "gsi_1";
                condition = "sk = :p";
                values.put(":p", s("ORDER"));
                forward = false;
            }
            case "openOrders" -> {
                index = "gsi_1";
                condition = "sk = :p";
                values.put(":p", s("OPEN_ORDER"));
                forward = true;
            }
            case "productOrders" -> {
                index = "gsi_1";
                condition = "sk = :p AND begins_with(#d, :s)";
                values.put(":p", s("ORDER_LINE#" + String.format("%010d", ((Number) params.get("productId")).longValue())));
                values.put(":s", s("ORDER_LINE#"));
                forward = true;
            }
            case "ordersByShipper" -> {
                index = "gsi_2";
                condition = "pk2 = :p AND sk2 BETWEEN :a AND :b";
                values.put(":p", s("SHIPPER#" + params.get("shipperId")));
                values.put(":a", s("ORDER#"));
                values.put(":b", s("ORDER$"));
                forward = false;
            }
            case "lateOrders" -> {
                index = "gsi_2";
                condition = "pk2 = :p AND sk2 < :b";
                values.put(":p", s("OPEN_ORDER_BY_REQUIRED_DATE"));
                values.put(":b", s((String) params.get("asOf")));
                forward = true;
            }
            default -> throw new IllegalArgumentException("model 4 reader for " + pattern + " not written out");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = table.client().query(b -> {
                b.tableName(table.table).indexName(index).keyConditionExpression(condition)
                        .expressionAttributeValues(values).scanIndexForward(forward).limit(100).exclusiveStartKey(from);
                if (condition.contains("#d")) {
                    b.expressionAttributeNames(Map.of("#d", "data"));
                }
            });
            page.items().forEach(i -> out.add(ExpectedAnswers.canonical(AnswerItems.toJson(AnswerView.ENTITY, i))));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return RelationalNorthwind.ordered(pattern) ? out : ExpectedAnswers.sorted(out);
    }

    private static String orderSort(Map<String, AttributeValue> order) {
        return order.get("orderDate").s() + "#" + String.format("%010d", Long.parseLong(order.get("orderID").n()));
    }

    private static Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put("pk", item.get("pk"));
        key.put("sk", item.get("sk"));
        return key;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
