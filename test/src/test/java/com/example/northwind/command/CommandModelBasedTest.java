package com.example.northwind.command;

import static com.example.northwind.command.CommandTable.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Model-based: a seeded-random sequence of commands — valid ones and ones that must fail — applied both through
 * the command handler and to the relational model; every few commands, every pattern the commands touched is
 * compared with the model's answer. A failure prints the seed and the whole command sequence; set
 * {@code -Dcommands.seed=N} to replay it.
 */
class CommandModelBasedTest {
    private static final int COMMANDS = 240;
    private static final int CHECK_EVERY = 8;

    @Test
    void randomCommandSequence_keepsEveryPatternEqualToTheRelationalModel() {
        long seed = Long.getLong("commands.seed", System.nanoTime());
        System.out.println("CommandModelBasedTest seed = " + seed + " (replay: -Dcommands.seed=" + seed + ")");
        new Run(seed).go();
    }

    /** One run: the system, the model, the random source, the log, and the patterns to compare next. */
    private static final class Run {
        final long seed;
        final Random random;
        // The stream consumer runs on the table: the listed-stock patterns are compared once it caught up (PatternCheck).
        final CommandTable table = CommandTable.seededWithConsumer();
        final RelationalNorthwind model = RelationalNorthwind.fromCsv();
        final List<String> log = new ArrayList<>();
        final Map<String, Object[]> pending = new LinkedHashMap<>();
        int succeeded;
        int refused;

        Run(long seed) {
            this.seed = seed;
            this.random = new Random(seed);
        }

        void go() {
            try {
                for (int i = 1; i <= COMMANDS; i++) {
                    step();
                    if (i % CHECK_EVERY == 0) {
                        compare("after command " + i);
                    }
                }
                compare("at the end");
            } catch (AssertionError e) {
                fail("seed " + seed + ", commands:\n" + String.join("\n", log) + "\n" + e.getMessage(), e);
            } finally {
                table.drop();
            }
            // Both kinds must really occur, or the sequence proves less than it claims.
            assertEquals(true, succeeded > COMMANDS / 4 && refused > COMMANDS / 10,
                    "seed " + seed + ": " + succeeded + " succeeded, " + refused + " refused");
        }

        void step() {
            switch (random.nextInt(9)) {
                case 0, 1 -> placeOrder();
                case 2 -> shipOrder();
                case 3 -> cancelOrder();
                case 4 -> updateCustomer();
                case 5 -> updateProduct();
                case 6 -> updateEmployee();
                default -> territory();
            }
        }

        // ---- commands ----

        void placeOrder() {
            String customer = random.nextInt(12) == 0 ? "NOONE" : pick("customers.csv", "customerID");
            long employee = random.nextInt(15) == 0 ? 99 : Long.parseLong(pick("employees.csv", "employeeID"));
            int count = 1 + random.nextInt(4);
            List<long[]> lines = new ArrayList<>();
            List<BigDecimal> discounts = new ArrayList<>();
            List<Map<String, Object>> json = new ArrayList<>();
            java.util.Set<Long> used = new java.util.HashSet<>();
            while (lines.size() < count) {
                long product = random.nextInt(30) == 0 ? 99 : 1 + random.nextInt(77);
                if (!used.add(product)) {
                    continue;
                }
                long quantity = random.nextInt(6) == 0 ? 40 + random.nextInt(100) : 1 + random.nextInt(10);
                BigDecimal discount = List.of(BigDecimal.ZERO, new BigDecimal("0.05"), new BigDecimal("0.2")).get(random.nextInt(3));
                lines.add(new long[] {product, quantity});
                discounts.add(discount);
                json.add(params("productId", product, "quantity", quantity, "discount", discount));
            }
            String date = "2026-" + two(1 + random.nextInt(12)) + "-" + two(1 + random.nextInt(28));
            Long shipVia = random.nextBoolean() ? null : (long) (1 + random.nextInt(3));
            Map<String, Object> p = params("customerId", customer, "employeeId", employee, "lines", json, "orderDate", date);
            if (shipVia != null) {
                p.put("shipVia", shipVia);
            }
            String required = random.nextBoolean() ? null : "2026-" + two(1 + random.nextInt(12)) + "-" + two(1 + random.nextInt(28));
            if (required != null) {
                p.put("requiredDate", required);
            }
            RelationalNorthwind.Outcome expected = model.placeOrder(customer, employee, lines, discounts, date, required, shipVia, null);
            Map<String, Object> answer = send("placeOrder", p, expected);
            if (expected.ok()) {
                long id = Long.parseLong(expected.detail());
                assertEquals(id, ((Number) ((Map<?, ?>) ((Map<?, ?>) answer.get("result")).get("order")).get("orderID")).longValue(),
                        "order id");
                touchOrder(id, customer, employee);
                lines.forEach(l -> touchProduct(l[0]));
            }
        }

        void shipOrder() {
            Map<String, String> order = someOrder(random.nextInt(5) != 0);
            long id = order == null || random.nextInt(20) == 0 ? 99999 : Long.parseLong(order.get("orderID"));
            String date = order == null ? "2027-01-01" : random.nextInt(10) == 0 ? "1990-01-01" : "2027-0" + (1 + random.nextInt(9)) + "-15";
            Long shipVia = random.nextInt(3) == 0 ? (long) (1 + random.nextInt(4)) : null;
            Map<String, Object> p = params("orderId", id, "shippedDate", date);
            if (shipVia != null) {
                p.put("shipVia", shipVia);
            }
            send("shipOrder", p, model.shipOrder(id, date, shipVia, null));
            if (order != null) {
                touchOrder(id, order.get("customerID"), Long.parseLong(order.get("employeeID")));
            }
        }

        void cancelOrder() {
            Map<String, String> order = someOrder(random.nextInt(4) != 0);
            long id = order == null ? 99999 : Long.parseLong(order.get("orderID"));
            List<Map<String, String>> lines = model.where("order-details.csv", RelationalNorthwind.eq("orderID", id));
            send("cancelOrder", params("orderId", id), model.cancelOrder(id));
            if (order != null) {
                touchOrder(id, order.get("customerID"), Long.parseLong(order.get("employeeID")));
                lines.forEach(l -> touchProduct(Long.parseLong(l.get("productID"))));
            }
        }

        void updateCustomer() {
            String id = random.nextInt(15) == 0 ? "NOONE" : pick("customers.csv", "customerID");
            Map<String, String> before = model.one("customers.csv", "customerID", id);
            Map<String, Object> p = params("customerId", id);
            Map<String, String> changes = new LinkedHashMap<>();
            if (random.nextBoolean()) {
                change(p, changes, "contactName", random.nextInt(4) == 0 ? null : "Contact " + random.nextInt(5));
            }
            if (random.nextBoolean()) {
                change(p, changes, "city", List.of("Seattle", "Berlin", "London", "Lyon").get(random.nextInt(4)));
            }
            if (random.nextBoolean()) {
                change(p, changes, "region", random.nextBoolean() ? null : List.of("WA", "OR", "BC").get(random.nextInt(3)));
            }
            if (random.nextInt(3) == 0 || changes.isEmpty()) {
                change(p, changes, "country", List.of("USA", "Germany", "UK").get(random.nextInt(3)));
            }
            touchCustomer(before);
            send("updateCustomer", p, model.update("customers.csv", "customerID", id, changes));
            touchCustomer(model.one("customers.csv", "customerID", id));
        }

        void updateProduct() {
            long id = random.nextInt(20) == 0 ? 99 : 1 + random.nextInt(77);
            Map<String, String> before = model.one("products.csv", "productID", id);
            Map<String, Object> p = params("productId", id);
            Map<String, String> changes = new LinkedHashMap<>();
            switch (random.nextInt(5)) {
                case 0 -> {
                    long stock = random.nextInt(60);
                    p.put("unitsInStock", stock);
                    changes.put("unitsInStock", Long.toString(stock));
                }
                case 1 -> {
                    boolean discontinued = random.nextBoolean();
                    p.put("discontinued", discontinued);
                    changes.put("discontinued", discontinued ? "1" : "0");
                }
                case 2 -> {
                    long category = random.nextInt(12) == 0 ? 99 : 1 + random.nextInt(8);
                    p.put("categoryId", category);
                    changes.put("categoryID", Long.toString(category));
                }
                case 3 -> {
                    long supplier = random.nextInt(12) == 0 ? 99 : 1 + random.nextInt(29);
                    p.put("supplierId", supplier);
                    changes.put("supplierID", Long.toString(supplier));
                }
                default -> {
                    BigDecimal price = new BigDecimal(random.nextInt(10000)).movePointLeft(2);
                    p.put("unitPrice", price);
                    p.put("productName", "Product " + random.nextInt(1000));
                    changes.put("unitPrice", price.toPlainString());
                    changes.put("productName", (String) p.get("productName"));
                }
            }
            if (before != null) {
                touchProduct(id);
            }
            send("updateProduct", p, model.updateProduct(id, changes));
            if (before != null) {
                touchProduct(id);
            }
        }

        void updateEmployee() {
            long id = random.nextInt(20) == 0 ? 99 : 1 + random.nextInt(9);
            Map<String, String> before = model.one("employees.csv", "employeeID", id);
            Map<String, Object> p = params("employeeId", id);
            Map<String, String> changes = new LinkedHashMap<>();
            if (random.nextBoolean()) {
                change(p, changes, "title", "Title " + random.nextInt(5));
            }
            if (random.nextBoolean() || changes.isEmpty()) {
                Long manager = random.nextInt(5) == 0 ? null : (long) (1 + random.nextInt(random.nextInt(10) == 0 ? 12 : 9));
                p.put("reportsTo", manager);
                changes.put("reportsTo", manager == null ? null : manager.toString());
            }
            if (before != null) {
                touchEmployee(id, before.get("reportsTo"));
            }
            send("updateEmployee", p, model.updateEmployee(id, changes));
            if (before != null) {
                touchEmployee(id, model.one("employees.csv", "employeeID", id).get("reportsTo"));
            }
        }

        void territory() {
            long employee = random.nextInt(20) == 0 ? 99 : 1 + random.nextInt(9);
            String territory = random.nextInt(20) == 0 ? "00000" : pick("territories.csv", "territoryID");
            boolean assign = random.nextBoolean();
            send(assign ? "assignTerritory" : "unassignTerritory", params("employeeId", employee, "territoryId", territory),
                    model.assignTerritory(employee, territory, assign));
            pending.put("employeeTerritories" + employee, new Object[] {"employeeTerritories", "employeeId", employee});
            pending.put("territoryEmployees" + territory, new Object[] {"territoryEmployees", "territoryId", territory});
        }

        // ---- plumbing ----

        Map<String, Object> send(String command, Map<String, Object> p, RelationalNorthwind.Outcome expected) {
            log.add(command + " " + p + " → expected " + (expected.ok() ? "ok" : expected.errorType() + " (" + expected.detail() + ")"));
            Map<String, Object> answer = table.command(command, p);
            Object error = answer.get("error");
            if (expected.ok()) {
                assertEquals(null, error, command + " " + p);
                succeeded++;
            } else {
                assertEquals(expected.errorType(), error == null ? "success" : ((Map<?, ?>) error).get("type"),
                        command + " " + p + " → " + answer);
                refused++;
            }
            return answer;
        }

        void compare(String when) {
            pending.put("openOrders", new Object[] {"openOrders"});
            pending.put("recentOrders", new Object[] {"recentOrders"});
            pending.put("discontinuedProducts", new Object[] {"discontinuedProducts"});
            pending.put("lowStockProducts", new Object[] {"lowStockProducts"});
            for (String asOf : List.of("2026-06-01", "2027-01-01")) {
                pending.put("lateOrders" + asOf, new Object[] {"lateOrders", "asOf", asOf});
            }
            for (long shipper = 1; shipper <= 3; shipper++) {
                pending.put("ordersByShipper" + shipper, new Object[] {"ordersByShipper", "shipperId", shipper});
            }
            PatternCheck check = PatternCheck.of();
            pending.values().forEach(c -> check.and((String) c[0], java.util.Arrays.copyOfRange(c, 1, c.length)));
            check.against(model, table, when);
            pending.clear();
        }

        void touchOrder(long id, String customer, long employee) {
            pending.put("order" + id, new Object[] {"order", "orderId", id});
            pending.put("orderLines" + id, new Object[] {"orderLines", "orderId", id});
            pending.put("customerOrders" + customer, new Object[] {"customerOrders", "customerId", customer});
            pending.put("employeeOrders" + employee, new Object[] {"employeeOrders", "employeeId", employee});
        }

        void touchProduct(long id) {
            Map<String, String> product = model.one("products.csv", "productID", id);
            if (product == null) {
                return;
            }
            pending.put("product" + id, new Object[] {"product", "productId", id});
            pending.put("productOrders" + id, new Object[] {"productOrders", "productId", id});
            pending.put("category" + product.get("categoryID"), new Object[] {"productsByCategory", "categoryId", product.get("categoryID")});
            pending.put("supplier" + product.get("supplierID"), new Object[] {"productsBySupplier", "supplierId", product.get("supplierID")});
        }

        void touchCustomer(Map<String, String> c) {
            if (c == null) {
                return;
            }
            pending.put("customer" + c.get("customerID"), new Object[] {"customer", "customerId", c.get("customerID")});
            if (c.get("contactName") != null) {
                pending.put("contact" + c.get("contactName"), new Object[] {"customersByContactName", "contactName", c.get("contactName")});
            }
            if (c.get("country") != null) {
                String country = c.get("country");
                pending.put("loc" + country, new Object[] {"customersByLocation", "country", country});
                if (c.get("region") != null) {
                    pending.put("loc" + country + c.get("region"), new Object[] {"customersByLocation", "country", country, "region", c.get("region")});
                }
                if (c.get("city") != null) {
                    pending.put("locc" + country + c.get("city"), new Object[] {"customersByLocation", "country", country, "city", c.get("city")});
                }
            }
        }

        void touchEmployee(long id, String manager) {
            pending.put("employee" + id, new Object[] {"employee", "employeeId", id});
            if (manager != null) {
                pending.put("reports" + manager, new Object[] {"directReports", "employeeId", manager});
            }
            model.where("employee-territories.csv", RelationalNorthwind.eq("employeeID", id)).forEach(et ->
                    pending.put("territoryEmployees" + et.get("territoryID"),
                            new Object[] {"territoryEmployees", "territoryId", et.get("territoryID")}));
        }

        /** An order of the model: unshipped ones when asked (and any exist), else any. */
        Map<String, String> someOrder(boolean open) {
            List<Map<String, String>> orders = model.where("orders.csv", r -> !open || !r.containsKey("shippedDate"));
            return orders.isEmpty() ? null : orders.get(random.nextInt(orders.size()));
        }

        String pick(String file, String column) {
            List<Map<String, String>> rows = model.table(file);
            return rows.get(random.nextInt(rows.size())).get(column);
        }

        static void change(Map<String, Object> p, Map<String, String> changes, String column, String value) {
            p.put(column, value);
            changes.put(column, value);
        }

        static String two(int n) {
            return n < 10 ? "0" + n : Integer.toString(n);
        }
    }
}
