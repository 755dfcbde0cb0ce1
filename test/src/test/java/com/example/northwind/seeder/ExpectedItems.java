package com.example.northwind.seeder;

import com.example.northwind.testsupport.NorthwindCsv;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items docs/key-design.md says a data folder produces, derived in the test from the CSVs (read by
 * testsupport.NorthwindCsv) with the key formats written out literally — independent of the seeder's parser
 * and mapper. Items are compared in a normalised text form: {@code S:text}, {@code N:<number>}, {@code BOOL:true}.
 */
final class ExpectedItems {
    /** Columns written as N; {@code discontinued} is BOOL; every other column is S. */
    static final Set<String> NUMBER_COLUMNS = Set.of("categoryID", "employeeID", "reportsTo", "orderID", "productID",
            "unitPrice", "quantity", "discount", "shipVia", "freight", "supplierID", "regionID", "shipperID",
            "unitsInStock", "unitsOnOrder", "reorderLevel", "shard", "units", "version");

    private ExpectedItems() {
    }

    /** Expected items by "pk|sk", each a map of attribute name to normalised typed value. */
    static Map<String, Map<String, String>> of(Path dir) {
        Map<String, Map<String, String>> items = new TreeMap<>();
        for (Map<String, String> r : rows(dir, "categories.csv")) {
            put(items, "CATEGORY#" + r.get("categoryID"), "CATEGORY", null, "Category", r);
        }
        for (Map<String, String> r : rows(dir, "customers.csv")) {
            String pk = "CUSTOMER#" + r.get("customerID");
            put(items, pk, "CUSTOMER", path(r.get("country"), r.get("region"), r.get("city")), "Customer", r);
            put(items, pk, "CUSTOMER_CONTACT", r.get("contactName"), "Customer", r);
            put(items, pk, "CUSTOMER_CITY", path(r.get("country"), r.get("city")), "Customer", r);
        }
        Map<String, Map<String, String>> employees = new HashMap<>();
        for (Map<String, String> r : rows(dir, "employees.csv")) {
            employees.put(r.get("employeeID"), r);
            String pk = "EMPLOYEE#" + r.get("employeeID");
            put(items, pk, "EMPLOYEE", null, "Employee", r);
            if (r.containsKey("reportsTo")) {
                put(items, pk, "EMPLOYEE#" + r.get("reportsTo"), "EMPLOYEE#" + pad(r.get("employeeID")), "Employee", r);
            }
        }
        Map<String, Map<String, String>> territories = new HashMap<>();
        for (Map<String, String> r : rows(dir, "territories.csv")) {
            territories.put(r.get("territoryID"), r);
            put(items, "TERRITORY#" + r.get("territoryID"), "TERRITORY", null, "Territory", r);
        }
        for (Map<String, String> r : rows(dir, "employee-territories.csv")) {
            Map<String, String> e = employees.get(r.get("employeeID"));
            Map<String, String> t = territories.get(r.get("territoryID"));
            Map<String, String> attrs = new LinkedHashMap<>(r);
            copy(t, attrs, "territoryDescription", "regionID");
            copy(e, attrs, "firstName", "lastName", "title");
            put(items, "EMPLOYEE#" + r.get("employeeID"), "TERRITORY#" + r.get("territoryID"),
                    "EMPLOYEE#" + pad(r.get("employeeID")), "EmployeeTerritory", attrs);
        }
        Map<String, String> orderSort = new HashMap<>();
        for (Map<String, String> r : rows(dir, "orders.csv")) {
            String pk = "ORDER#" + r.get("orderID");
            String sort = r.get("orderDate") + "#" + pad(r.get("orderID"));
            orderSort.put(r.get("orderID"), sort);
            long orderId = Long.parseLong(r.get("orderID"));
            // The order entity is in no index; its list view is, sharded: by date in gsi_1 (8 shards) and under its
            // shipper in gsi_2 (4 shards per shipper)
            put(items, pk, "ORDER", null, "Order", r);
            Map<String, String> listed = put(items, pk, "ORDER_LIST#" + shard(orderId, 8), sort, "Order", r);
            listed.put("pk2", "S:SHIPPER#" + r.get("shipVia") + "#" + shard(orderId, 4));
            listed.put("sk2", "S:ORDER#" + sort);
            put(items, pk, "CUSTOMER#" + r.get("customerID"), "ORDER#" + sort, "Order", r);
            put(items, pk, "EMPLOYEE#" + r.get("employeeID"), "ORDER#" + sort, "Order", r);
            if (!r.containsKey("shippedDate")) {
                // and the open view, sharded in gsi_1 and by required date in gsi_2 (lateOrders), 8 shards each
                Map<String, String> open = put(items, pk, "OPEN_ORDER#" + shard(orderId, 8), sort, "Order", r);
                open.put("pk2", "S:OPEN_ORDER_BY_REQUIRED_DATE#" + shard(orderId, 8));
                open.put("sk2", "S:" + r.get("requiredDate") + "#" + pad(r.get("orderID")));
            }
        }
        Map<String, Map<String, String>> products = new HashMap<>();
        for (Map<String, String> r : rows(dir, "products.csv")) {
            products.put(r.get("productID"), r);
            String pk = "PRODUCT#" + r.get("productID");
            // Status: discontinued, else below its reorder level (low stock), else none: out of gsi_1 (no data)
            boolean low = r.get("reorderLevel") != null
                    && Long.parseLong(r.getOrDefault("unitsInStock", "0")) < Long.parseLong(r.get("reorderLevel"));
            String status = "1".equals(r.get("discontinued")) ? "DISCONTINUED#" : low ? "LOW_STOCK#" : null;
            // The entity item is also in gsi_2 under its supplier (no supplier edge to copy it to).
            Map<String, String> entity = put(items, pk, "PRODUCT", status == null ? null : status + pad(r.get("productID")),
                    "Product", r);
            entity.put("pk2", "S:SUPPLIER#" + r.get("supplierID"));
            entity.put("sk2", "S:PRODUCT#" + pad(r.get("productID")));
            entity.put("stockVersion", "N:0"); // its unitsInStock lists its shards' sum at their version 0
            put(items, pk, "CATEGORY#" + r.get("categoryID"), "PRODUCT#" + pad(r.get("productID")), "Product", r);
            // Its stock in 8 shards of its own (item model 6), spread evenly, the first (stock mod 8) one unit more.
            long stock = Long.parseLong(r.getOrDefault("unitsInStock", "0"));
            for (int s = 0; s < 8; s++) {
                long units = stock / 8 + (s < stock % 8 ? 1 : 0);
                put(items, "STOCK#" + r.get("productID") + "#" + s, "STOCK", null, "StockShard",
                        Map.of("productID", r.get("productID"), "shard", Integer.toString(s), "units", Long.toString(units),
                                "version", "0"));
            }
        }
        for (Map<String, String> r : rows(dir, "order-details.csv")) {
            Map<String, String> attrs = new LinkedHashMap<>(r);
            copy(products.get(r.get("productID")), attrs, "productName");
            // A line is in gsi_2 under its product, 4 shards by order id (productOrders), and out of gsi_1
            Map<String, String> line = put(items, "ORDER#" + r.get("orderID"), "ORDER_LINE#" + pad(r.get("productID")),
                    null, "OrderLine", attrs);
            line.put("pk2", "S:ORDER_LINE#" + pad(r.get("productID")) + "#" + shard(Long.parseLong(r.get("orderID")), 4));
            line.put("sk2", "S:" + orderSort.get(r.get("orderID")));
        }
        for (Map<String, String> r : rows(dir, "regions.csv")) {
            put(items, "REGION#" + r.get("regionID"), "REGION", null, "Region", r);
        }
        for (Map<String, String> r : rows(dir, "shippers.csv")) {
            put(items, "SHIPPER#" + r.get("shipperID"), "SHIPPER", r.get("companyName"), "Shipper", r);
        }
        for (Map<String, String> r : rows(dir, "suppliers.csv")) {
            put(items, "SUPPLIER#" + r.get("supplierID"), "SUPPLIER", path(r.get("country"), r.get("region")),
                    "Supplier", r);
        }
        return items;
    }

    /** The item count the design derives from the CSV row counts. */
    static int count(Path dir) {
        long reportsTo = rows(dir, "employees.csv").stream().filter(r -> r.containsKey("reportsTo")).count();
        long open = rows(dir, "orders.csv").stream().filter(r -> !r.containsKey("shippedDate")).count();
        return (int) (rows(dir, "categories.csv").size() + 3L * rows(dir, "customers.csv").size()
                + rows(dir, "employees.csv").size() + reportsTo + rows(dir, "employee-territories.csv").size()
                + 4L * rows(dir, "orders.csv").size() + open + rows(dir, "order-details.csv").size()
                + (2L + 8) * rows(dir, "products.csv").size() + rows(dir, "regions.csv").size()
                + rows(dir, "shippers.csv").size() + rows(dir, "suppliers.csv").size()
                + rows(dir, "territories.csv").size());
    }

    /**
     * Every Northwind item of a table, normalised, by "pk|sk" (a full Scan). Bookkeeping items (their partition
     * starts with "_": the order-id counter, the seed record) are not Northwind data and are left out.
     */
    static Map<String, Map<String, String>> scan(DynamoDbClient dynamo, String table) {
        Map<String, Map<String, String>> items = new TreeMap<>();
        dynamo.scanPaginator(b -> b.tableName(table)).items().forEach(item -> {
            if (!item.get("pk").s().startsWith("_")) {
                items.put(item.get("pk").s() + "|" + item.get("sk").s(), normalise(item));
            }
        });
        return items;
    }

    static Map<String, String> normalise(Map<String, AttributeValue> item) {
        Map<String, String> out = new TreeMap<>();
        item.forEach((name, value) -> {
            if (value.s() != null) {
                out.put(name, "S:" + value.s());
            } else if (value.n() != null) {
                out.put(name, "N:" + new BigDecimal(value.n()).stripTrailingZeros().toPlainString());
            } else if (value.bool() != null) {
                out.put(name, "BOOL:" + value.bool());
            } else {
                out.put(name, "OTHER:" + value);
            }
        });
        return out;
    }

    /**
     * The shard of a sharded list, as docs/key-design.md states the rule (written out here, not taken from the code
     * under test): the SplitMix64 finaliser of the id, modulo the shard count.
     */
    static int shard(long id, int count) {
        long z = id + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (int) Math.floorMod(z, (long) count);
    }

    static List<Map<String, String>> rows(Path dir, String file) {
        return NorthwindCsv.read(dir.resolve(file));
    }

    private static Map<String, String> put(Map<String, Map<String, String>> items, String pk, String sk, String data,
                                           String type, Map<String, String> columns) {
        Map<String, String> item = new TreeMap<>();
        columns.forEach((name, value) -> item.put(name, typed(name, value)));
        item.put("pk", "S:" + pk);
        item.put("sk", "S:" + sk);
        if (data != null) {
            item.put("data", "S:" + data);
        }
        item.put("type", "S:" + type);
        if (items.put(pk + "|" + sk, item) != null) {
            throw new AssertionError("expected two items with key " + pk + "|" + sk);
        }
        return item;
    }

    static String typed(String column, String value) {
        if (column.equals("discontinued")) {
            return "BOOL:" + value.equals("1");
        }
        if (NUMBER_COLUMNS.contains(column)) {
            return "N:" + new BigDecimal(value).stripTrailingZeros().toPlainString();
        }
        return "S:" + value;
    }

    private static void copy(Map<String, String> from, Map<String, String> to, String... columns) {
        for (String c : columns) {
            if (from.containsKey(c)) {
                to.put(c, from.get(c));
            }
        }
    }

    static String pad(String id) {
        return String.format("%010d", Long.parseLong(id));
    }

    /** docs/key-design.md path(): components joined by #, with \ and # escaped, absent written empty. */
    static String path(String... components) {
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
