package com.example.northwind.command;

import static com.example.northwind.query.ExpectedAnswers.NEWEST_FIRST;

import com.example.northwind.query.ExpectedAnswers;
import com.example.northwind.testsupport.NorthwindCsv;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The relational Northwind the commands must agree with: the CSV tables as rows of text, changed by plain
 * relational operations (insert, update, delete rows), and every access pattern answered as a SQL query over
 * them would answer it. Written from the and the README's contract, not from the code under test: it
 * knows nothing of items, keys or transactions.
 *
 * <p>One modelling decision mirrors the documented design: an order line keeps the product name it was sold
 * under (like its unitPrice), so the model records that name when the line is inserted.
 */
final class RelationalNorthwind {
    /** The outcome of a command in the model: an error type, or success. */
    record Outcome(String errorType, String detail) {
        static final Outcome OK = new Outcome(null, null);

        static Outcome error(String type, String detail) {
            return new Outcome(type, detail);
        }

        boolean ok() {
            return errorType == null;
        }
    }

    final Map<String, List<Map<String, String>>> tables = new LinkedHashMap<>();
    /** The name each order line was sold under, by "orderID/productID". */
    final Map<String, String> soldAs = new HashMap<>();
    long lastOrderId;

    static RelationalNorthwind fromCsv() {
        RelationalNorthwind model = new RelationalNorthwind();
        for (String file : List.of("categories.csv", "customers.csv", "employees.csv", "employee-territories.csv",
                "order-details.csv", "orders.csv", "products.csv", "regions.csv", "shippers.csv", "suppliers.csv",
                "territories.csv")) {
            List<Map<String, String>> rows = new ArrayList<>();
            NorthwindCsv.rows(file).forEach(r -> rows.add(new LinkedHashMap<>(r)));
            model.tables.put(file, rows);
        }
        for (Map<String, String> line : model.table("order-details.csv")) {
            model.soldAs.put(line.get("orderID") + "/" + line.get("productID"),
                    model.one("products.csv", "productID", line.get("productID")).get("productName"));
        }
        model.lastOrderId = model.table("orders.csv").stream().mapToLong(r -> Long.parseLong(r.get("orderID"))).max().orElse(0);
        return model;
    }

    /**
     * Drops the orders with ids in (low, high) and their lines, as if they never existed (a smaller data set for
     * tests whose cost grows with the table, e.g. migrations). Ids are never reused: the last id stays.
     */
    RelationalNorthwind withoutOrdersBetween(long low, long high) {
        Predicate<Map<String, String>> inRange = r -> {
            long id = Long.parseLong(r.get("orderID"));
            return id > low && id < high;
        };
        table("orders.csv").removeIf(inRange);
        table("order-details.csv").removeIf(inRange);
        return this;
    }

    List<Map<String, String>> table(String file) {
        return tables.get(file);
    }

    List<Map<String, String>> where(String file, Predicate<Map<String, String>> condition) {
        return table(file).stream().filter(condition).collect(Collectors.toList());
    }

    Map<String, String> one(String file, String column, Object value) {
        return table(file).stream().filter(eq(column, value)).findFirst().orElse(null);
    }

    static Predicate<Map<String, String>> eq(String column, Object value) {
        return r -> value != null && String.valueOf(value).equals(r.get(column));
    }

    // ---- commands, in relational terms ----

    /** lines: {productId, quantity, discount}. Defaults as the contract states. */
    Outcome placeOrder(String customerId, long employeeId, List<long[]> lines, List<BigDecimal> discounts,
                       String orderDate, String requiredDate, Long shipVia, BigDecimal freight) {
        Map<String, String> customer = one("customers.csv", "customerID", customerId);
        if (customer == null) {
            return Outcome.error("NotFound", "customer");
        }
        if (one("employees.csv", "employeeID", employeeId) == null) {
            return Outcome.error("NotFound", "employee");
        }
        if (shipVia != null && one("shippers.csv", "shipperID", shipVia) == null) {
            return Outcome.error("NotFound", "shipper");
        }
        for (long[] line : lines) {
            Map<String, String> product = one("products.csv", "productID", line[0]);
            if (product == null) {
                return Outcome.error("NotFound", "product");
            }
            if ("1".equals(product.get("discontinued"))) {
                return Outcome.error("Conflict", "discontinued");
            }
            long stock = product.get("unitsInStock") == null ? 0 : Long.parseLong(product.get("unitsInStock"));
            if (line[1] > stock) {
                return Outcome.error("Conflict", "stock");
            }
        }
        long orderId = ++lastOrderId;
        Map<String, String> order = new LinkedHashMap<>();
        order.put("orderID", Long.toString(orderId));
        order.put("customerID", customerId);
        order.put("employeeID", Long.toString(employeeId));
        order.put("orderDate", orderDate);
        put(order, "requiredDate", requiredDate);
        put(order, "shipVia", shipVia == null ? null : shipVia.toString());
        order.put("freight", (freight == null ? BigDecimal.ZERO : freight).toPlainString());
        put(order, "shipName", customer.get("companyName"));
        put(order, "shipAddress", customer.get("address"));
        put(order, "shipCity", customer.get("city"));
        put(order, "shipRegion", customer.get("region"));
        put(order, "shipPostalCode", customer.get("postalCode"));
        put(order, "shipCountry", customer.get("country"));
        table("orders.csv").add(order);
        for (int i = 0; i < lines.size(); i++) {
            long[] line = lines.get(i);
            Map<String, String> product = one("products.csv", "productID", line[0]);
            Map<String, String> detail = new LinkedHashMap<>();
            detail.put("orderID", Long.toString(orderId));
            detail.put("productID", Long.toString(line[0]));
            put(detail, "unitPrice", product.get("unitPrice"));
            detail.put("quantity", Long.toString(line[1]));
            detail.put("discount", discounts.get(i).toPlainString());
            table("order-details.csv").add(detail);
            soldAs.put(orderId + "/" + line[0], product.get("productName"));
            long stock = product.get("unitsInStock") == null ? 0 : Long.parseLong(product.get("unitsInStock"));
            product.put("unitsInStock", Long.toString(stock - line[1]));
        }
        return new Outcome(null, Long.toString(orderId));
    }

    /** Takes an order id that the system burnt (a failed placeOrder after the id was taken): ids are never reused. */
    void burnOrderId(long id) {
        lastOrderId = Math.max(lastOrderId, id);
    }

    Outcome shipOrder(long orderId, String shippedDate, Long shipVia, BigDecimal freight) {
        Map<String, String> order = one("orders.csv", "orderID", orderId);
        if (order == null) {
            return Outcome.error("NotFound", "order");
        }
        if (order.get("shippedDate") != null) {
            return Outcome.error("Conflict", "shipped");
        }
        if (shipVia != null && one("shippers.csv", "shipperID", shipVia) == null) {
            return Outcome.error("NotFound", "shipper");
        }
        if (shippedDate.compareTo(order.get("orderDate")) < 0) {
            return Outcome.error("Conflict", "before order date");
        }
        order.put("shippedDate", shippedDate);
        if (shipVia != null) {
            order.put("shipVia", shipVia.toString());
        }
        if (freight != null) {
            order.put("freight", freight.toPlainString());
        }
        return Outcome.OK;
    }

    Outcome cancelOrder(long orderId) {
        Map<String, String> order = one("orders.csv", "orderID", orderId);
        if (order == null) {
            return Outcome.error("NotFound", "order");
        }
        if (order.get("shippedDate") != null) {
            return Outcome.error("Conflict", "shipped");
        }
        for (Map<String, String> line : where("order-details.csv", eq("orderID", orderId))) {
            Map<String, String> product = one("products.csv", "productID", line.get("productID"));
            long stock = product.get("unitsInStock") == null ? 0 : Long.parseLong(product.get("unitsInStock"));
            product.put("unitsInStock", Long.toString(stock + Long.parseLong(line.get("quantity"))));
        }
        table("order-details.csv").removeIf(eq("orderID", orderId));
        table("orders.csv").removeIf(eq("orderID", orderId));
        return Outcome.OK;
    }

    /** changes: column → new text, or null to clear. */
    Outcome update(String file, String idColumn, Object id, Map<String, String> changes) {
        Map<String, String> row = one(file, idColumn, id);
        if (row == null) {
            return Outcome.error("NotFound", file);
        }
        changes.forEach((column, value) -> put(row, column, value));
        return Outcome.OK;
    }

    Outcome updateProduct(long productId, Map<String, String> changes) {
        if (changes.containsKey("categoryID") && one("categories.csv", "categoryID", changes.get("categoryID")) == null) {
            return one("products.csv", "productID", productId) == null ? Outcome.error("NotFound", "product")
                    : Outcome.error("NotFound", "category");
        }
        if (changes.containsKey("supplierID") && one("suppliers.csv", "supplierID", changes.get("supplierID")) == null) {
            return one("products.csv", "productID", productId) == null ? Outcome.error("NotFound", "product")
                    : Outcome.error("NotFound", "supplier");
        }
        return update("products.csv", "productID", productId, changes);
    }

    Outcome updateEmployee(long employeeId, Map<String, String> changes) {
        Map<String, String> employee = one("employees.csv", "employeeID", employeeId);
        if (employee == null) {
            return Outcome.error("NotFound", "employee");
        }
        if (changes.containsKey("reportsTo") && changes.get("reportsTo") != null
                && !changes.get("reportsTo").equals(employee.get("reportsTo"))) {
            String manager = changes.get("reportsTo");
            if (one("employees.csv", "employeeID", manager) == null) {
                return Outcome.error("NotFound", "manager");
            }
            // Walk up from the new manager: meeting the employee would close a cycle.
            String at = manager;
            while (at != null) {
                if (at.equals(Long.toString(employeeId))) {
                    return Outcome.error("Conflict", "cycle");
                }
                at = one("employees.csv", "employeeID", at).get("reportsTo");
            }
        }
        changes.forEach((column, value) -> put(employee, column, value));
        return Outcome.OK;
    }

    Outcome assignTerritory(long employeeId, String territoryId, boolean assign) {
        if (one("employees.csv", "employeeID", employeeId) == null) {
            return Outcome.error("NotFound", "employee");
        }
        if (one("territories.csv", "territoryID", territoryId) == null) {
            return Outcome.error("NotFound", "territory");
        }
        Predicate<Map<String, String>> link = eq("employeeID", employeeId).and(eq("territoryID", territoryId));
        boolean assigned = table("employee-territories.csv").stream().anyMatch(link);
        if (assign == assigned) {
            return Outcome.error("Conflict", assign ? "already assigned" : "not assigned");
        }
        if (assign) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("employeeID", Long.toString(employeeId));
            row.put("territoryID", territoryId);
            table("employee-territories.csv").add(row);
        } else {
            table("employee-territories.csv").removeIf(link);
        }
        return Outcome.OK;
    }

    private static void put(Map<String, String> row, String column, String value) {
        if (value == null) {
            row.remove(column);
        } else {
            row.put(column, value);
        }
    }

    // ---- every access pattern, as a query over the tables ----

    /** Whether the pattern fixes the order of its answer. */
    static boolean ordered(String pattern) {
        return List.of("recentOrders", "customerOrders", "employeeOrders", "openOrders", "ordersByShipper", "lateOrders",
                "orderLines", "order", "salesByDay").contains(pattern);
    }

    List<Map<String, Object>> answer(String pattern, Map<String, Object> params) {
        Object id = params == null ? null : params.values().stream().findFirst().orElse(null);
        return switch (pattern) {
            case "employee" -> entities("Employee", where("employees.csv", eq("employeeID", params.get("employeeId"))));
            case "directReports" -> entities("Employee", where("employees.csv", eq("reportsTo", params.get("employeeId"))));
            case "discontinuedProducts" -> entities("Product", where("products.csv", eq("discontinued", "1")));
            case "productOrders" -> lines(eq("productID", params.get("productId")));
            case "recentOrders" -> orders(r -> true, NEWEST_FIRST);
            case "shipperByName" -> entities("Shipper", where("shippers.csv", eq("companyName", params.get("companyName"))));
            case "customersByContactName" -> entities("Customer", where("customers.csv", eq("contactName", params.get("contactName"))));
            case "orderLines" -> lines(eq("orderID", params.get("orderId")));
            case "suppliersByCountry" -> entities("Supplier", where("suppliers.csv", eq("country", params.get("country"))
                    .and(optional("region", params.get("region")))));
            case "order" -> {
                List<Map<String, Object>> out = new ArrayList<>(orders(eq("orderID", params.get("orderId")), NEWEST_FIRST));
                out.addAll(lines(eq("orderID", params.get("orderId"))));
                yield out;
            }
            case "ordersByShipper" -> orders(eq("shipVia", params.get("shipperId"))
                    .and(dateIn((String) params.get("from"), (String) params.get("to"))), NEWEST_FIRST);
            case "lowStockProducts" -> entities("Product", where("products.csv", r -> "0".equals(r.get("discontinued"))
                    && r.get("reorderLevel") != null
                    && Long.parseLong(r.getOrDefault("unitsInStock", "0")) < Long.parseLong(r.get("reorderLevel"))));
            case "lateOrders" -> where("orders.csv", r -> !r.containsKey("shippedDate") && r.get("requiredDate") != null
                    && r.get("requiredDate").compareTo((String) params.get("asOf")) < 0).stream()
                    .sorted(Comparator.comparing((Map<String, String> r) -> r.get("requiredDate"))
                            .thenComparing(r -> Long.parseLong(r.get("orderID"))))
                    .map(r -> ExpectedAnswers.entity("Order", r)).collect(Collectors.toList());
            case "customerOrders" -> orders(eq("customerID", params.get("customerId"))
                    .and(dateIn((String) params.get("from"), (String) params.get("to"))), NEWEST_FIRST);
            case "employeeOrders" -> orders(eq("employeeID", params.get("employeeId"))
                    .and(dateIn((String) params.get("from"), (String) params.get("to"))), NEWEST_FIRST);
            case "productsByCategory" -> entities("Product", where("products.csv", eq("categoryID", params.get("categoryId"))));
            case "productsBySupplier" -> entities("Product", where("products.csv", eq("supplierID", params.get("supplierId"))));
            case "employeeTerritories" -> where("employee-territories.csv", eq("employeeID", params.get("employeeId"))).stream()
                    .map(et -> one("territories.csv", "territoryID", et.get("territoryID")))
                    .map(t -> ExpectedAnswers.project("Territory", t, "territoryID", "territoryDescription", "regionID"))
                    .collect(Collectors.toList());
            case "territoryEmployees" -> where("employee-territories.csv", eq("territoryID", params.get("territoryId"))).stream()
                    .map(et -> one("employees.csv", "employeeID", et.get("employeeID")))
                    .map(e -> ExpectedAnswers.project("Employee", e, "employeeID", "firstName", "lastName", "title"))
                    .collect(Collectors.toList());
            case "customersByLocation" -> entities("Customer", where("customers.csv", eq("country", params.get("country"))
                    .and(optional("region", params.get("region"))).and(optional("city", params.get("city")))));
            case "openOrders" -> orders(r -> !r.containsKey("shippedDate"), NEWEST_FIRST.reversed());
            case "customer" -> entities("Customer", where("customers.csv", eq("customerID", params.get("customerId"))));
            case "product" -> entities("Product", where("products.csv", eq("productID", params.get("productId"))));
            case "productSales" -> productSales(params.get("productId"));
            case "salesByDay" -> salesByDay((String) params.get("from"), (String) params.get("to"));
            default -> throw new IllegalArgumentException("no model answer for " + pattern + " " + id);
        };
    }

    /** The product's sales (ExpectedAnswers: SQL-like sums over the model's current rows). */
    List<Map<String, Object>> productSales(Object productId) {
        return ExpectedAnswers.productSales(table("products.csv"), table("order-details.csv"), productId);
    }

    /** Sales per order date within [from, to] over the model's current rows. */
    List<Map<String, Object>> salesByDay(String from, String to) {
        return ExpectedAnswers.salesByDay(table("orders.csv"), table("order-details.csv"), from, to);
    }

    private static Predicate<Map<String, String>> optional(String column, Object value) {
        return value == null ? r -> true : eq(column, value);
    }

    private static Predicate<Map<String, String>> dateIn(String from, String to) {
        return r -> (from == null || r.get("orderDate").compareTo(from) >= 0)
                && (to == null || r.get("orderDate").compareTo(to) <= 0);
    }

    private List<Map<String, Object>> orders(Predicate<Map<String, String>> where, Comparator<Map<String, String>> order) {
        return where("orders.csv", where).stream().sorted(order).map(r -> ExpectedAnswers.entity("Order", r))
                .collect(Collectors.toList());
    }

    /** Order lines in productID order (the order they are stored and answered in). */
    private List<Map<String, Object>> lines(Predicate<Map<String, String>> where) {
        return where("order-details.csv", where).stream()
                .sorted(Comparator.comparing((Map<String, String> d) -> Long.parseLong(d.get("orderID")))
                        .thenComparing(d -> Long.parseLong(d.get("productID"))))
                .map(d -> {
            Map<String, Object> item = ExpectedAnswers.entity("OrderLine", d);
            String name = soldAs.get(d.get("orderID") + "/" + d.get("productID"));
            if (name != null) {
                item.put("productName", name);
            }
            return item;
        }).collect(Collectors.toList());
    }

    private static List<Map<String, Object>> entities(String type, List<Map<String, String>> rows) {
        return rows.stream().map(r -> ExpectedAnswers.entity(type, r)).collect(Collectors.toList());
    }

    /** Canonical, and sorted unless the pattern fixes an order: ready to compare with what the query API says. */
    List<Map<String, Object>> expected(String pattern, Map<String, Object> params) {
        List<Map<String, Object>> answer = answer(pattern, params).stream().map(ExpectedAnswers::canonical)
                .collect(Collectors.toList());
        return ordered(pattern) ? answer : ExpectedAnswers.sorted(answer);
    }
}
