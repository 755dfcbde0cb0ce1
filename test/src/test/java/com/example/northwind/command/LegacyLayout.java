package com.example.northwind.command;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items of the first wave's key design (item model "1", as its docs/key-design.md described it), written
 * out literally from relational rows — the layout a live table deployed before this wave holds: a supplier edge
 * per product, order lines under PRODUCT#&lt;id&gt; (unpadded), a two-way product status, no gsi_2 keys, no
 * bookkeeping items.
 */
public final class LegacyLayout {
    private static final Set<String> NUMBERS = Set.of("categoryID", "employeeID", "reportsTo", "orderID", "productID",
            "unitPrice", "quantity", "discount", "shipVia", "freight", "supplierID", "regionID", "shipperID",
            "unitsInStock", "unitsOnOrder", "reorderLevel");

    private LegacyLayout() {
    }

    /** The legacy items of the CSVs as they are: a table the first wave seeded and nothing changed since. */
    public static List<Map<String, AttributeValue>> ofCsv() {
        RelationalNorthwind model = RelationalNorthwind.fromCsv();
        return of(model.tables, model.soldAs);
    }

    /** The first wave's table: pk/sk, and gsi_1 on (sk, data) only. */
    public static software.amazon.awssdk.services.dynamodb.model.CreateTableRequest createTable(String name) {
        return software.amazon.awssdk.services.dynamodb.model.CreateTableRequest.builder().tableName(name)
                .billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"), a -> a.attributeName("sk").attributeType("S"),
                        a -> a.attributeName("data").attributeType("S"))
                .keySchema(k -> k.attributeName("pk").keyType("HASH"), k -> k.attributeName("sk").keyType("RANGE"))
                .globalSecondaryIndexes(g -> g.indexName("gsi_1").keySchema(k -> k.attributeName("sk").keyType("HASH"),
                        k -> k.attributeName("data").keyType("RANGE")).projection(p -> p.projectionType("ALL")))
                .build();
    }

    /** Every legacy item for these tables (file name → rows, as the relational model holds them). */
    static List<Map<String, AttributeValue>> of(Map<String, List<Map<String, String>>> t, Map<String, String> soldAs) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        t.get("categories.csv").forEach(r -> items.add(item("CATEGORY#" + r.get("categoryID"), "CATEGORY", null, "Category", r)));
        for (Map<String, String> r : t.get("customers.csv")) {
            String pk = "CUSTOMER#" + r.get("customerID");
            items.add(item(pk, "CUSTOMER", path(r.get("country"), r.get("region"), r.get("city")), "Customer", r));
            items.add(item(pk, "CUSTOMER_CONTACT", r.get("contactName"), "Customer", r));
            items.add(item(pk, "CUSTOMER_CITY", path(r.get("country"), r.get("city")), "Customer", r));
        }
        Map<String, Map<String, String>> employees = new HashMap<>();
        for (Map<String, String> r : t.get("employees.csv")) {
            employees.put(r.get("employeeID"), r);
            String pk = "EMPLOYEE#" + r.get("employeeID");
            items.add(item(pk, "EMPLOYEE", null, "Employee", r));
            if (r.containsKey("reportsTo")) {
                items.add(item(pk, "EMPLOYEE#" + r.get("reportsTo"), "EMPLOYEE#" + pad(r.get("employeeID")), "Employee", r));
            }
        }
        Map<String, Map<String, String>> territories = new HashMap<>();
        for (Map<String, String> r : t.get("territories.csv")) {
            territories.put(r.get("territoryID"), r);
            items.add(item("TERRITORY#" + r.get("territoryID"), "TERRITORY", null, "Territory", r));
        }
        for (Map<String, String> r : t.get("employee-territories.csv")) {
            Map<String, String> attrs = new LinkedHashMap<>(r);
            copy(territories.get(r.get("territoryID")), attrs, "territoryDescription", "regionID");
            copy(employees.get(r.get("employeeID")), attrs, "firstName", "lastName", "title");
            items.add(item("EMPLOYEE#" + r.get("employeeID"), "TERRITORY#" + r.get("territoryID"),
                    "EMPLOYEE#" + pad(r.get("employeeID")), "EmployeeTerritory", attrs));
        }
        Map<String, String> orderSort = new HashMap<>();
        for (Map<String, String> r : t.get("orders.csv")) {
            String pk = "ORDER#" + r.get("orderID");
            String sort = r.get("orderDate") + "#" + pad(r.get("orderID"));
            orderSort.put(r.get("orderID"), sort);
            items.add(item(pk, "ORDER", sort, "Order", r));
            items.add(item(pk, "CUSTOMER#" + r.get("customerID"), "ORDER#" + sort, "Order", r));
            items.add(item(pk, "EMPLOYEE#" + r.get("employeeID"), "ORDER#" + sort, "Order", r));
            if (!r.containsKey("shippedDate")) {
                items.add(item(pk, "OPEN_ORDER", sort, "Order", r));
            }
        }
        for (Map<String, String> r : t.get("products.csv")) {
            String pk = "PRODUCT#" + r.get("productID");
            String status = "1".equals(r.get("discontinued")) ? "DISCONTINUED#" : "AVAILABLE#";
            items.add(item(pk, "PRODUCT", status + pad(r.get("productID")), "Product", r));
            items.add(item(pk, "CATEGORY#" + r.get("categoryID"), "PRODUCT#" + pad(r.get("productID")), "Product", r));
            items.add(item(pk, "SUPPLIER#" + r.get("supplierID"), "PRODUCT#" + pad(r.get("productID")), "Product", r));
        }
        for (Map<String, String> r : t.get("order-details.csv")) {
            Map<String, String> attrs = new LinkedHashMap<>(r);
            attrs.put("productName", soldAs.get(r.get("orderID") + "/" + r.get("productID")));
            items.add(item("ORDER#" + r.get("orderID"), "PRODUCT#" + r.get("productID"),
                    "ORDER_LINE#" + orderSort.get(r.get("orderID")), "OrderLine", attrs));
        }
        t.get("regions.csv").forEach(r -> items.add(item("REGION#" + r.get("regionID"), "REGION", null, "Region", r)));
        t.get("shippers.csv").forEach(r -> items.add(item("SHIPPER#" + r.get("shipperID"), "SHIPPER", r.get("companyName"), "Shipper", r)));
        t.get("suppliers.csv").forEach(r -> items.add(item("SUPPLIER#" + r.get("supplierID"), "SUPPLIER",
                path(r.get("country"), r.get("region")), "Supplier", r)));
        return items;
    }

    private static Map<String, AttributeValue> item(String pk, String sk, String data, String type, Map<String, String> columns) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", AttributeValue.fromS(pk));
        item.put("sk", AttributeValue.fromS(sk));
        if (data != null && !data.isEmpty()) {
            item.put("data", AttributeValue.fromS(data));
        }
        item.put("type", AttributeValue.fromS(type));
        columns.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            if (name.equals("discontinued")) {
                item.put(name, AttributeValue.fromBool(value.equals("1")));
            } else if (NUMBERS.contains(name)) {
                item.put(name, AttributeValue.fromN(new BigDecimal(value).toPlainString()));
            } else {
                item.put(name, AttributeValue.fromS(value));
            }
        });
        return item;
    }

    private static void copy(Map<String, String> from, Map<String, String> to, String... columns) {
        for (String c : columns) {
            if (from.containsKey(c)) {
                to.put(c, from.get(c));
            }
        }
    }

    private static String pad(String id) {
        return String.format("%010d", Long.parseLong(id));
    }

    private static String path(String... components) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < components.length; i++) {
            if (i > 0) {
                out.append('#');
            }
            if (components[i] != null) {
                out.append(components[i].replace("\\", "\\\\").replace("#", "\\#"));
            }
        }
        return out.toString();
    }

}
