package com.example.northwind.seeder;

import static com.example.northwind.schema.EntityType.CATEGORY;
import static com.example.northwind.schema.EntityType.CUSTOMER;
import static com.example.northwind.schema.EntityType.EMPLOYEE;
import static com.example.northwind.schema.EntityType.EMPLOYEE_TERRITORY;
import static com.example.northwind.schema.EntityType.ORDER;
import static com.example.northwind.schema.EntityType.ORDER_LINE;
import static com.example.northwind.schema.EntityType.PRODUCT;
import static com.example.northwind.schema.EntityType.REGION;
import static com.example.northwind.schema.EntityType.SHIPPER;
import static com.example.northwind.schema.EntityType.SUPPLIER;
import static com.example.northwind.schema.EntityType.TERRITORY;

import com.example.northwind.schema.EntityType;
import com.example.northwind.schema.Keys;
import com.example.northwind.schema.TableSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Turns validated rows into the items of docs/key-design.md: entity items, edges (a reference stored in the
 * referencing entity's partition, carrying what the reverse query returns) and sparse views. Pure: no I/O.
 */
public final class ItemMapper {
    private ItemMapper() {
    }

    /** Every item the table should hold for this data, in a stable order. */
    public static List<SeedItem> map(NorthwindDataSet data) {
        List<SeedItem> items = new ArrayList<>(6000);
        for (Row r : data.rows(NorthwindFiles.CATEGORIES)) {
            items.add(entity(CATEGORY, r.get("categoryID"), null, r));
        }
        for (Row r : data.rows(NorthwindFiles.CUSTOMERS)) {
            String pk = Keys.entity(CUSTOMER, r.get("customerID"));
            items.add(item(CUSTOMER, pk, Keys.root(CUSTOMER), Keys.path(r.get("country"), r.get("region"), r.get("city")), r));
            items.add(item(CUSTOMER, pk, Keys.CUSTOMER_CONTACT, r.get("contactName"), r));
            items.add(item(CUSTOMER, pk, Keys.CUSTOMER_CITY, Keys.path(r.get("country"), r.get("city")), r));
        }
        for (Row r : data.rows(NorthwindFiles.EMPLOYEES)) {
            String pk = Keys.entity(EMPLOYEE, r.get("employeeID"));
            items.add(item(EMPLOYEE, pk, Keys.root(EMPLOYEE), null, r));
            if (r.has("reportsTo")) {
                items.add(item(EMPLOYEE, pk, Keys.entity(EMPLOYEE, r.get("reportsTo")),
                        Keys.edgeData(EMPLOYEE, Keys.paddedId(r.getLong("employeeID"))), r));
            }
        }
        for (Row et : data.rows(NorthwindFiles.EMPLOYEE_TERRITORIES)) {
            Row employee = data.row(NorthwindFiles.EMPLOYEES, et.get("employeeID"));
            Row territory = data.row(NorthwindFiles.TERRITORIES, et.get("territoryID"));
            Map<String, AttributeValue> a = keys(EMPLOYEE_TERRITORY, Keys.entity(EMPLOYEE, et.get("employeeID")),
                    Keys.entity(TERRITORY, et.get("territoryID")),
                    Keys.edgeData(EMPLOYEE, Keys.paddedId(et.getLong("employeeID"))));
            copy(et, a, "employeeID", "territoryID");
            copy(territory, a, "territoryDescription", "regionID");
            copy(employee, a, "firstName", "lastName", "title");
            items.add(checked(new SeedItem(EMPLOYEE_TERRITORY.typeName(), a), et));
        }
        Map<String, String> orderDates = new LinkedHashMap<>();
        for (Row r : data.rows(NorthwindFiles.ORDERS)) {
            String pk = Keys.entity(ORDER, r.get("orderID"));
            String sortValue = Keys.orderSortValue(r.get("orderDate"), r.getLong("orderID"));
            orderDates.put(r.get("orderID"), sortValue);
            items.add(item(ORDER, pk, Keys.root(ORDER), sortValue, r));
            items.add(item(ORDER, pk, Keys.entity(CUSTOMER, r.get("customerID")), Keys.edgeData(ORDER, sortValue), r));
            items.add(item(ORDER, pk, Keys.entity(EMPLOYEE, r.get("employeeID")), Keys.edgeData(ORDER, sortValue), r));
            if (!r.has("shippedDate")) {
                items.add(item(ORDER, pk, Keys.OPEN_ORDER, sortValue, r));
            }
        }
        for (Row r : data.rows(NorthwindFiles.ORDER_DETAILS)) {
            Row product = data.row(NorthwindFiles.PRODUCTS, r.get("productID"));
            Map<String, AttributeValue> a = keys(ORDER_LINE, Keys.entity(ORDER, r.get("orderID")),
                    Keys.entity(PRODUCT, r.get("productID")),
                    Keys.edgeData(ORDER_LINE, orderDates.get(r.get("orderID"))));
            copy(r, a, "orderID", "productID", "unitPrice", "quantity", "discount");
            // Denormalised so productOrders/orderLines answer with the product's name in one request.
            copy(product, a, "productName");
            items.add(checked(new SeedItem(ORDER_LINE.typeName(), a), r));
        }
        for (Row r : data.rows(NorthwindFiles.PRODUCTS)) {
            String pk = Keys.entity(PRODUCT, r.get("productID"));
            long id = r.getLong("productID");
            items.add(item(PRODUCT, pk, Keys.root(PRODUCT), Keys.productStatus(r.get("discontinued").equals("1"), id), r));
            String edgeData = Keys.edgeData(PRODUCT, Keys.paddedId(id));
            items.add(item(PRODUCT, pk, Keys.entity(CATEGORY, r.get("categoryID")), edgeData, r));
            items.add(item(PRODUCT, pk, Keys.entity(SUPPLIER, r.get("supplierID")), edgeData, r));
        }
        for (Row r : data.rows(NorthwindFiles.REGIONS)) {
            items.add(entity(REGION, r.get("regionID"), null, r));
        }
        for (Row r : data.rows(NorthwindFiles.SHIPPERS)) {
            items.add(entity(SHIPPER, r.get("shipperID"), r.get("companyName"), r));
        }
        for (Row r : data.rows(NorthwindFiles.SUPPLIERS)) {
            items.add(entity(SUPPLIER, r.get("supplierID"), Keys.path(r.get("country"), r.get("region")), r));
        }
        for (Row r : data.rows(NorthwindFiles.TERRITORIES)) {
            items.add(entity(TERRITORY, r.get("territoryID"), null, r));
        }
        checkUniqueKeys(items);
        return items;
    }

    private static SeedItem entity(EntityType type, String id, String data, Row row) {
        return item(type, Keys.entity(type, id), Keys.root(type), data, row);
    }

    /** An item carrying all columns of the row. */
    private static SeedItem item(EntityType type, String pk, String sk, String data, Row row) {
        Map<String, AttributeValue> a = keys(type, pk, sk, data);
        for (Column column : row.spec().columns()) {
            copy(row, a, column.name());
        }
        return checked(new SeedItem(type.typeName(), a), row);
    }

    /** Every item passes DynamoDB's size limits, or the seed fails naming the row, before any write. */
    private static SeedItem checked(SeedItem item, Row source) {
        ItemLimits.check(item, source);
        return item;
    }

    private static Map<String, AttributeValue> keys(EntityType type, String pk, String sk, String data) {
        Map<String, AttributeValue> a = new LinkedHashMap<>();
        a.put(TableSchema.PK, AttributeValue.fromS(pk));
        a.put(TableSchema.SK, AttributeValue.fromS(sk));
        if (data != null && !data.isEmpty()) {
            a.put(TableSchema.DATA, AttributeValue.fromS(data)); // no data = not in gsi_1 (sparse)
        }
        a.put(TableSchema.TYPE, AttributeValue.fromS(type.typeName()));
        return a;
    }

    /** Copies present columns, typed per the row's spec; NULLs stay absent. */
    private static void copy(Row row, Map<String, AttributeValue> target, String... columns) {
        for (String name : columns) {
            String value = row.get(name);
            if (value != null) {
                target.put(name, row.spec().column(name).type().toAttribute(value));
            }
        }
    }

    /** Two items with one key would silently overwrite each other (and BatchWriteItem rejects them). */
    private static void checkUniqueKeys(List<SeedItem> items) {
        Set<String> seen = new HashSet<>();
        for (SeedItem item : items) {
            if (!seen.add(item.key())) {
                throw new SeedDataException("two items map to the same key pk=" + item.pk() + ", sk=" + item.sk());
            }
        }
    }
}
