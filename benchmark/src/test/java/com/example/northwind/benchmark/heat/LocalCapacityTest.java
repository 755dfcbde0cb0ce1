package com.example.northwind.benchmark.heat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.northwind.local.DesignTable;
import com.example.northwind.local.LocalDynamoDbServer;
import com.example.northwind.model.Item;
import com.example.northwind.model.ItemCodec;
import com.example.northwind.model.ItemModel;
import com.example.northwind.schema.EntityType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The simulator's write arithmetic against DynamoDB Local's ConsumedCapacity (ReturnConsumedCapacity INDEXES) for real
 * model items on the design's table: the same items, the same units, per table and per index.
 */
class LocalCapacityTest {
    private static LocalDynamoDbServer server;
    private static DynamoDbClient dynamo;
    private static final String TABLE = "heat-capacity";

    @BeforeAll
    static void start() {
        server = LocalDynamoDbServer.start(0, null);
        dynamo = DynamoDbClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        DesignTable.create(dynamo, TABLE);
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
        server.close();
    }

    static Map<String, Object> order(long id, String shipped) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("orderID", id);
        o.put("customerID", "ALFKI");
        o.put("employeeID", 5L);
        o.put("orderDate", "2026-11-23");
        o.put("requiredDate", "2026-12-21");
        o.put("shipVia", 2L);
        o.put("freight", new BigDecimal("32.38"));
        o.put("shipName", "Alfreds Futterkiste");
        o.put("shipAddress", "Obere Str. 57");
        o.put("shipCity", "Berlin");
        o.put("shipPostalCode", "12209");
        o.put("shipCountry", "Germany");
        if (shipped != null) {
            o.put("shippedDate", shipped);
        }
        return o;
    }

    static Map<String, Object> product(long id, long stock, boolean discontinued) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("productID", id);
        p.put("productName", "Queso Cabrales");
        p.put("supplierID", 5L);
        p.put("categoryID", 4L);
        p.put("quantityPerUnit", "1 kg pkg.");
        p.put("unitPrice", new BigDecimal("21"));
        p.put("unitsInStock", stock);
        p.put("unitsOnOrder", 30L);
        p.put("reorderLevel", 30L);
        p.put("discontinued", discontinued);
        return p;
    }

    /** Per target units as DynamoDB Local reports them. */
    static Map<String, Double> reported(ConsumedCapacity c) {
        Map<String, Double> out = new TreeMap<>();
        if (c.table() != null && c.table().capacityUnits() != null) {
            out.put(TableState.TABLE, c.table().capacityUnits());
        }
        if (c.globalSecondaryIndexes() != null) {
            c.globalSecondaryIndexes().forEach((i, cap) -> out.put(i, cap.capacityUnits()));
        }
        return out;
    }

    Map<String, Double> put(Map<String, AttributeValue> item) {
        return reported(dynamo.putItem(b -> b.tableName(TABLE).item(item).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES))
                .consumedCapacity());
    }

    @Test
    void putItemOfEveryOrderAndProductItem_newAndReplaced_unitsPerTargetAsDynamoDbLocal() {
        List<Item> items = new ArrayList<>(ItemModel.itemsOf(EntityType.ORDER, order(900001, null)));
        items.addAll(ItemModel.itemsOf(EntityType.PRODUCT, product(900011, 17, false)));
        Map<String, Object> line = new LinkedHashMap<>(Map.of("orderID", 900001L, "productID", 900011L,
                "unitPrice", new BigDecimal("14"), "quantity", 12L, "discount", BigDecimal.ZERO));
        line.put("orderDate", "2026-11-23");
        line.put("productName", "Queso Cabrales");
        items.addAll(ItemModel.itemsOf(EntityType.ORDER_LINE, line));
        for (Item item : items) {
            Map<String, AttributeValue> attributes = ItemCodec.toAttributes(item);
            Map<String, Double> computed = WriteCost.byTarget(WriteCost.of(null, attributes, false, 1));
            assertEquals(computed, put(attributes), "new " + item.shape().kind());
        }
        // Replaced: the same key under the same index keys (stock lowered), and under another gsi_1 key (discontinued).
        for (Map<String, Object> changed : List.of(product(900011, 5, false), product(900011, 5, true))) {
            for (Item item : ItemModel.itemsOf(EntityType.PRODUCT, changed)) {
                Map<String, AttributeValue> attributes = ItemCodec.toAttributes(item);
                Map<String, AttributeValue> old = dynamo.getItem(b -> b.tableName(TABLE).key(ItemCodec.key(item))).item();
                Map<String, Double> computed = WriteCost.byTarget(WriteCost.of(old, attributes, false, 1));
                assertEquals(computed, put(attributes), "replaced " + item.shape().kind() + " " + changed);
            }
        }
    }

    @Test
    void itemSizeRule_atTheOneKilobyteBoundary_matchesDynamoDbLocal() {
        for (int pad : new int[] {0, 1}) {
            Map<String, AttributeValue> item = new LinkedHashMap<>(ItemCodec.key("SIZE#" + pad, "SIZE"));
            item.put("n", AttributeValue.fromN("123.4500"));
            item.put("b", AttributeValue.fromBool(true));
            item.put("s", AttributeValue.fromS("ü"));
            int base = ItemSize.of(item) + ItemSize.utf8("x");
            item.put("x", AttributeValue.fromS("a".repeat(1024 - base + pad)));
            assertEquals(1024 + pad, ItemSize.of(item));
            assertEquals(Map.of(TableState.TABLE, pad == 0 ? 1.0 : 2.0), put(item), "item of " + (1024 + pad) + " bytes");
        }
    }

    /**
     * DynamoDB Local reports a TransactWriteItems with a figure per target that does not follow DynamoDB's 2 units
     * per KB per item copy, so a transaction is not comparable as a whole.
     * What is comparable: the transaction's computed units are twice what Local reports for the same items put one
     * by one, target by target.
     */
    @Test
    void transactWriteItems_computedUnits_areTwiceThePutItemUnitsOfTheSameItems() {
        Map<String, Double> computed = new TreeMap<>();
        Map<String, Double> singlePuts = new TreeMap<>();
        List<TransactWriteItem> actions = new ArrayList<>();
        for (Item item : ItemModel.itemsOf(EntityType.ORDER, order(900003, null))) {
            Map<String, AttributeValue> attributes = ItemCodec.toAttributes(item);
            WriteCost.byTarget(WriteCost.of(null, attributes, true, 2)).forEach((t, u) -> computed.merge(t, u, Double::sum));
            put(attributes).forEach((t, u) -> singlePuts.merge(t, 2 * u, Double::sum));
            Map<String, AttributeValue> other = new LinkedHashMap<>(attributes);
            other.put("pk", AttributeValue.fromS(attributes.get("pk").s() + "X"));
            actions.add(TransactWriteItem.builder().put(Put.builder().tableName(TABLE).item(other).build()).build());
        }
        assertEquals(singlePuts, computed);
        List<ConsumedCapacity> c = dynamo.transactWriteItems(b -> b.transactItems(actions)
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();
        Map<String, Double> local = new TreeMap<>();
        c.forEach(x -> reported(x).forEach((t, u) -> local.merge(t, u, Double::sum)));
        // Local's own figure for a transaction is not DynamoDB's (it does not scale with item copies and size), so
        // only what it can show is compared: the transaction touches exactly the targets the computation charges.
        assertEquals(computed.keySet(), local.keySet(), "targets DynamoDB Local reports for the transaction: " + local);
    }
}
