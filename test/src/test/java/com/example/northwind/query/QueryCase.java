package com.example.northwind.query;

import static com.example.northwind.query.ExpectedAnswers.NEWEST_FIRST;
import static com.example.northwind.query.ExpectedAnswers.entities;
import static com.example.northwind.query.ExpectedAnswers.entity;
import static com.example.northwind.query.ExpectedAnswers.eq;
import static com.example.northwind.query.ExpectedAnswers.orderLines;
import static com.example.northwind.query.ExpectedAnswers.project;
import static com.example.northwind.query.ExpectedAnswers.rows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One request and its expected answer, derived from the CSVs. {@link #all()} covers every pattern with several
 * parameter values, including values that match nothing.
 */
record QueryCase(String pattern, Map<String, Object> params, List<Map<String, Object>> expected, boolean ordered) {

    @Override
    public String toString() {
        return pattern + (params == null ? "" : " " + params) + " -> " + expected.size() + " items";
    }

    static Stream<QueryCase> all() {
        List<QueryCase> cases = new ArrayList<>();
        for (Object id : List.of(1, 2, 5, 9, "7", 99, 0)) {
            cases.add(any("employee", params("employeeId", id), entities("Employee", rows("employees.csv", eq("employeeID", id)))));
        }
        for (Object id : List.of(2, 5, 1, 99)) {
            cases.add(any("directReports", params("employeeId", id), entities("Employee", rows("employees.csv", eq("reportsTo", id)))));
        }
        cases.add(any("discontinuedProducts", null, entities("Product", rows("products.csv", eq("discontinued", "1")))));
        for (Object id : List.of(11, 1, "77", 0)) {
            cases.add(any("productOrders", params("productId", id), orderLines(eq("productID", id))));
        }
        cases.add(ordered("recentOrders", null, orders(r -> true, NEWEST_FIRST)));
        for (String name : List.of("Speedy Express", "United Package", "Federal Shipping", "Nobody Ships")) {
            cases.add(any("shipperByName", params("companyName", name), entities("Shipper", rows("shippers.csv", eq("companyName", name)))));
        }
        for (String name : List.of("Maria Anders", "Thomas Hardy", "Nobody Here")) {
            cases.add(any("customersByContactName", params("contactName", name),
                    entities("Customer", rows("customers.csv", eq("contactName", name)))));
        }
        for (Object id : List.of(10248, 11077, "10250", 99999)) {
            cases.add(any("orderLines", params("orderId", id), orderLines(eq("orderID", id))));
        }
        cases.add(suppliers("USA", null));
        cases.add(suppliers("USA", "LA"));
        cases.add(suppliers("UK", null));
        cases.add(suppliers("Germany", null));
        cases.add(suppliers("USA", "ZZ"));
        cases.add(suppliers("Atlantis", null));
        for (Object id : List.of(10248, 11077, 11070, 99999)) {
            List<Map<String, Object>> expected = new ArrayList<>(orders(eq("orderID", id), NEWEST_FIRST));
            expected.addAll(orderLines(eq("orderID", id)));
            cases.add(any("order", params("orderId", id), expected));
        }
        cases.add(customerOrders("ALFKI", null, null));
        cases.add(customerOrders("SAVEA", "1997-01-01", "1997-12-31"));
        cases.add(customerOrders("SAVEA", "1998-01-01", null));
        cases.add(customerOrders("QUICK", null, "1996-12-31"));
        cases.add(customerOrders("SAVEA", "1997-10-22", "1997-10-22")); // a single day with two orders: bounds inclusive, orderID desc
        cases.add(customerOrders("ALFKI", "1990-01-01", "1990-12-31"));
        cases.add(customerOrders("ZZZZZ", null, null));
        cases.add(employeeOrders(5, null, null));
        cases.add(employeeOrders(4, "1997-07-01", "1997-09-30"));
        cases.add(employeeOrders("1", "1998-04-01", null));
        cases.add(employeeOrders(9, null, "1996-12-31"));
        cases.add(employeeOrders(99, null, null));
        for (Object id : List.of(1, 8, "3", 99)) {
            cases.add(any("productsByCategory", params("categoryId", id), entities("Product", rows("products.csv", eq("categoryID", id)))));
        }
        for (Object id : List.of(1, 29, "7", 99)) {
            cases.add(any("productsBySupplier", params("supplierId", id), entities("Product", rows("products.csv", eq("supplierID", id)))));
        }
        for (Object id : List.of(1, 9, "7", 99)) {
            List<Map<String, Object>> territories = rows("employee-territories.csv", eq("employeeID", id)).stream()
                    .map(et -> rows("territories.csv", eq("territoryID", et.get("territoryID"))).get(0))
                    .map(t -> project("Territory", t, "territoryID", "territoryDescription", "regionID"))
                    .collect(Collectors.toList());
            cases.add(any("employeeTerritories", params("employeeId", id), territories));
        }
        for (String id : List.of("01581", "98004", "48084", "99999")) {
            List<Map<String, Object>> employees = rows("employee-territories.csv", eq("territoryID", id)).stream()
                    .map(et -> rows("employees.csv", eq("employeeID", et.get("employeeID"))).get(0))
                    .map(e -> project("Employee", e, "employeeID", "firstName", "lastName", "title"))
                    .collect(Collectors.toList());
            cases.add(any("territoryEmployees", params("territoryId", id), employees));
        }
        cases.add(customers("USA", null, null));
        cases.add(customers("USA", "WA", null));
        cases.add(customers("USA", "WA", "Seattle"));
        cases.add(customers("Germany", null, "Berlin"));
        cases.add(customers("UK", null, "London"));
        cases.add(customers("Venezuela", "Lara", "Barquisimeto"));
        cases.add(customers("Germany", null, null));
        cases.add(customers("Atlantis", null, null));
        cases.add(customers("USA", "WA", "Nowhere"));
        cases.add(ordered("openOrders", null, orders(r -> !r.containsKey("shippedDate"), NEWEST_FIRST.reversed())));
        for (Object id : List.of(1, 3, "2", 9)) {
            cases.add(ordered("ordersByShipper", params("shipperId", id), orders(eq("shipVia", id), NEWEST_FIRST)));
        }
        cases.add(ordered("ordersByShipper", params("shipperId", 2, "from", "1997-01-01", "to", "1997-03-31"),
                orders(eq("shipVia", 2).and(dateIn("1997-01-01", "1997-03-31")), NEWEST_FIRST)));
        cases.add(ordered("ordersByShipper", params("shipperId", 3, "to", "1996-08-01"),
                orders(eq("shipVia", 3).and(dateIn(null, "1996-08-01")), NEWEST_FIRST)));
        cases.add(any("lowStockProducts", null, entities("Product", rows("products.csv", r -> "0".equals(r.get("discontinued"))
                && r.get("reorderLevel") != null
                && Long.parseLong(r.getOrDefault("unitsInStock", "0")) < Long.parseLong(r.get("reorderLevel"))))));
        for (String asOf : List.of("1998-05-01", "1998-05-28", "1998-06-11", "1990-01-01")) {
            cases.add(ordered("lateOrders", params("asOf", asOf), rows("orders.csv", r -> !r.containsKey("shippedDate")
                    && r.get("requiredDate") != null && r.get("requiredDate").compareTo(asOf) < 0).stream()
                    .sorted(java.util.Comparator.comparing((Map<String, String> r) -> r.get("requiredDate"))
                            .thenComparing(r -> Long.parseLong(r.get("orderID"))))
                    .map(r -> entity("Order", r)).collect(Collectors.toList())));
        }
        for (Object id : List.of(10248, 10255, 11077)) {
            // an order's lines in productID order (numeric, not string order: 10255 has products 2, 16, 36, 59)
            cases.add(ordered("orderLines", params("orderId", id), rows("order-details.csv", eq("orderID", id)).stream()
                    .sorted(java.util.Comparator.comparing((Map<String, String> r) -> Long.parseLong(r.get("productID"))))
                    .map(ExpectedAnswers::orderLine).collect(Collectors.toList())));
        }
        for (String id : List.of("ALFKI", "WOLZA", "NOPE1")) {
            cases.add(any("customer", params("customerId", id), entities("Customer", rows("customers.csv", eq("customerID", id)))));
        }
        for (Object id : List.of(1, 5, "77", 0, 78)) {
            cases.add(any("product", params("productId", id), entities("Product", rows("products.csv", eq("productID", id)))));
        }
        // Derived sales (the shared table is seeded with the stream consumer running: SeededQueryTable)
        for (Object id : List.of(11, 1, "77", 0, 78, 99999)) {
            cases.add(any("productSales", params("productId", id), ExpectedAnswers.productSales(rows("products.csv", r -> true),
                    rows("order-details.csv", r -> true), id).stream().map(ExpectedAnswers::canonical).toList()));
        }
        for (String[] range : new String[][] {{null, null}, {"1997-01-01", "1997-01-31"}, {"1998-05-01", null},
                {null, "1996-07-10"}, {"1997-02-02", "1997-02-02"}, {"2000-01-01", null}}) {
            cases.add(ordered("salesByDay", params("from", range[0], "to", range[1]), ExpectedAnswers.salesByDay(
                    rows("orders.csv", r -> true), rows("order-details.csv", r -> true), range[0], range[1])
                    .stream().map(ExpectedAnswers::canonical).toList()));
        }
        return cases.stream();
    }

    static Map<String, Object> params(Object... keyValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                params.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return params;
    }

    private static QueryCase any(String pattern, Map<String, Object> params, List<Map<String, Object>> expected) {
        return new QueryCase(pattern, params, expected, false);
    }

    private static QueryCase ordered(String pattern, Map<String, Object> params, List<Map<String, Object>> expected) {
        return new QueryCase(pattern, params, expected, true);
    }

    private static List<Map<String, Object>> orders(Predicate<Map<String, String>> where, Comparator<Map<String, String>> order) {
        return rows("orders.csv", where).stream().sorted(order).map(r -> entity("Order", r)).collect(Collectors.toList());
    }

    private static Predicate<Map<String, String>> dateIn(String from, String to) {
        return r -> (from == null || r.get("orderDate").compareTo(from) >= 0)
                && (to == null || r.get("orderDate").compareTo(to) <= 0);
    }

    private static QueryCase customerOrders(String customerId, String from, String to) {
        return ordered("customerOrders", params("customerId", customerId, "from", from, "to", to),
                orders(eq("customerID", customerId).and(dateIn(from, to)), NEWEST_FIRST));
    }

    private static QueryCase employeeOrders(Object employeeId, String from, String to) {
        return ordered("employeeOrders", params("employeeId", employeeId, "from", from, "to", to),
                orders(eq("employeeID", employeeId).and(dateIn(from, to)), NEWEST_FIRST));
    }

    private static QueryCase suppliers(String country, String region) {
        Predicate<Map<String, String>> where = eq("country", country);
        if (region != null) {
            where = where.and(eq("region", region));
        }
        return any("suppliersByCountry", params("country", country, "region", region), entities("Supplier", rows("suppliers.csv", where)));
    }

    private static QueryCase customers(String country, String region, String city) {
        Predicate<Map<String, String>> where = eq("country", country);
        if (region != null) {
            where = where.and(eq("region", region));
        }
        if (city != null) {
            where = where.and(eq("city", city));
        }
        return any("customersByLocation", params("country", country, "region", region, "city", city),
                entities("Customer", rows("customers.csv", where)));
    }
}
