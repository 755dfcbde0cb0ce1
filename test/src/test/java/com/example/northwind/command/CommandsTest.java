package com.example.northwind.command;

import static com.example.northwind.command.CommandTable.TODAY;
import static com.example.northwind.command.CommandTable.line;
import static com.example.northwind.command.CommandTable.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.query.ExpectedAnswers;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Every command, its defaults and its errors, on a table seeded from the real data; expectations come from the
 * relational model ({@link RelationalNorthwind}), which the same changes are applied to. Tests share one table and
 * one model and touch different rows, so their order does not matter.
 */
class CommandsTest {
    static CommandTable table;
    static RelationalNorthwind model;

    @BeforeAll
    static void seed() {
        table = CommandTable.seeded();
        model = RelationalNorthwind.fromCsv();
    }

    @Test
    void placeOrder_createsTheOrderAndItsLines_lowersStock_andEveryPatternFollows() {
        // GIVEN products 11 and 43 in stock (the model knows how many)
        // WHEN ALFKI orders 2 of product 11 and 1 of product 43 through employee 1, with every default
        table.sent.take();
        Map<String, Object> answer = table.command("placeOrder", params("customerId", "ALFKI", "employeeId", 1,
                "lines", List.of(line(11, 2), line(43, 1))));
        RelationalNorthwind.Outcome expected = model.placeOrder("ALFKI", 1, List.of(new long[] {11, 2}, new long[] {43, 1}),
                List.of(BigDecimal.ZERO, BigDecimal.ZERO), TODAY, null, null, null);
        // THEN the answer is the order as the query API shows it, with the next id, today's date and ALFKI's address
        assertNull(answer.get("error"), () -> "refused: " + answer);
        long orderId = Long.parseLong(expected.detail());
        Map<String, Object> order = result(answer, "order");
        assertEquals(model.expected("order", params("orderId", orderId)).stream()
                .filter(i -> "Order".equals(i.get("type"))).toList(), List.of(ExpectedAnswers.canonical(order)));
        assertEquals(TODAY, order.get("orderDate"));
        assertEquals("Alfreds Futterkiste", order.get("shipName"));
        // AND its lines carry each product's current price
        assertEquals(model.expected("orderLines", params("orderId", orderId)),
                ExpectedAnswers.sorted(((List<?>) result(answer).get("lines")).stream().map(ExpectedAnswers::canonical).toList()));
        // AND it took one batch read, one transaction, and (once per block of order ids this environment leases) one
        // ADD on the counter — reported as sent
        List<SdkRequest> sent = table.sent.take();
        assertTrue(sent.size() == 2 || sent.size() == 3 && sent.get(1) instanceof
                software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest, sent::toString);
        assertEquals(sent.size(), ((Number) stats(answer).get("requests")).intValue());
        assertTrue(sent.get(sent.size() - 1) instanceof TransactWriteItemsRequest);
        // AND every pattern that shows the order, its lines or the products agrees with the relational model
        PatternCheck.of().and("order", "orderId", orderId).and("orderLines", "orderId", orderId)
                .and("customerOrders", "customerId", "ALFKI").and("employeeOrders", "employeeId", 1)
                .and("productOrders", "productId", 11).and("productOrders", "productId", 43)
                .and("product", "productId", 11).and("product", "productId", 43)
                .and("productsByCategory", "categoryId", model.one("products.csv", "productID", 43).get("categoryID"))
                .and("productsBySupplier", "supplierId", model.one("products.csv", "productID", 11).get("supplierID"))
                .and("openOrders").and("recentOrders").against(model, table, "after placeOrder");
    }

    @Test
    void placeOrder_takesExplicitDatesShipperFreightAndAddress() {
        // GIVEN explicit values for every optional parameter WHEN ordered
        Map<String, Object> params = params("customerId", "BONAP", "employeeId", 3, "lines",
                List.of(params("productId", 2, "quantity", 3, "discount", 0.15)), "orderDate", "2026-11-01",
                "requiredDate", "2026-12-01", "shipVia", 2, "freight", 12.5, "shipName", "Bon app' (depot)",
                "shipAddress", "1 quai", "shipCity", "Lyon", "shipRegion", "RA", "shipPostalCode", "69000", "shipCountry", "France");
        Map<String, Object> order = result(table.command("placeOrder", params), "order");
        model.placeOrder("BONAP", 3, List.<long[]>of(new long[] {2, 3}), List.of(new BigDecimal("0.15")), "2026-11-01",
                "2026-12-01", 2L, new BigDecimal("12.5"));
        Map<String, String> row = model.one("orders.csv", "orderID", order.get("orderID"));
        List.of("shipName", "shipAddress", "shipCity", "shipRegion", "shipPostalCode", "shipCountry")
                .forEach(f -> row.put(f, (String) params.get(f)));
        // THEN the order and its line show them, and the patterns over orders agree
        assertEquals("2026-12-01", order.get("requiredDate"));
        assertEquals(2, ((Number) order.get("shipVia")).intValue());
        assertEquals("Lyon", order.get("shipCity"));
        PatternCheck.of().and("order", "orderId", order.get("orderID")).and("customerOrders", "customerId", "BONAP")
                .and("productOrders", "productId", 2).and("product", "productId", 2).against(model, table, "explicit order");
    }

    @Test
    void placeOrder_failsWhenStockIsShort_andWritesNothing() {
        // GIVEN product 31 with the stock the model holds
        long stock = Long.parseLong(model.one("products.csv", "productID", 31).get("unitsInStock"));
        Map<String, Map<String, String>> before = table.snapshot();
        // WHEN one more than the stock is ordered
        Map<String, Object> answer = table.command("placeOrder", params("customerId", "ALFKI", "employeeId", 1,
                "lines", List.of(line(1, 1), line(31, stock + 1))));
        // THEN a Conflict names the product and the numbers, and the table is unchanged
        assertError(answer, "Conflict", "not enough stock of product 31 (Gorgonzola Telino): " + stock + " in stock, "
                + (stock + 1) + " ordered");
        assertEquals(before, table.snapshot());
    }

    @Test
    void placeOrder_failsForADiscontinuedProduct() {
        // GIVEN product 5, discontinued in the data WHEN ordered THEN Conflict naming it
        assertEquals("1", model.one("products.csv", "productID", 5).get("discontinued"));
        assertError(table.command("placeOrder", params("customerId", "ALFKI", "employeeId", 1, "lines", List.of(line(5, 1)))),
                "Conflict", "product 5 (Chef Anton's Gumbo Mix) is discontinued");
    }

    @Test
    void placeOrder_namesWhatDoesNotExist() {
        assertError(table.command("placeOrder", params("customerId", "NOONE", "employeeId", 1, "lines", List.of(line(1, 1)))),
                "NotFound", "customer NOONE does not exist");
        assertError(table.command("placeOrder", params("customerId", "ALFKI", "employeeId", 99, "lines", List.of(line(1, 1)))),
                "NotFound", "employee 99 does not exist");
        assertError(table.command("placeOrder", params("customerId", "ALFKI", "employeeId", 1, "lines", List.of(line(99, 1)))),
                "NotFound", "product 99 does not exist");
        assertError(table.command("placeOrder", params("customerId", "ALFKI", "employeeId", 1, "shipVia", 9,
                "lines", List.of(line(1, 1)))), "NotFound", "shipper 9 does not exist");
    }

    @Test
    void shipOrder_setsTheShippedDate_andTheOrderLeavesOpenOrders() {
        // GIVEN an open order from the data (the newest one)
        Map<String, String> open = model.where("orders.csv", r -> !r.containsKey("shippedDate")).stream()
                .max((a, b) -> a.get("orderID").compareTo(b.get("orderID"))).orElseThrow();
        long orderId = Long.parseLong(open.get("orderID"));
        // WHEN shipped with a new shipper and freight, on the default date
        Map<String, Object> order = result(table.command("shipOrder", params("orderId", orderId, "shipVia", 1, "freight", 9.99)), "order");
        model.shipOrder(orderId, TODAY, 1L, new BigDecimal("9.99"));
        // THEN the order shows it, and openOrders, customerOrders and employeeOrders agree with the model
        assertEquals(TODAY, order.get("shippedDate"));
        PatternCheck.of().and("order", "orderId", orderId).and("openOrders").and("customerOrders", "customerId", open.get("customerID"))
                .and("employeeOrders", "employeeId", Long.parseLong(open.get("employeeID"))).against(model, table, "after shipOrder");
        // AND shipping it again is a Conflict that says when it shipped
        assertError(table.command("shipOrder", params("orderId", orderId)), "Conflict",
                "order " + orderId + " was already shipped on " + TODAY);
    }

    @Test
    void shipOrder_namesAMissingOrder() {
        assertError(table.command("shipOrder", params("orderId", 99999)), "NotFound", "order 99999 does not exist");
    }

    @Test
    void cancelOrder_removesTheOrderAndItsLinesEverywhere_andGivesTheStockBack() {
        // GIVEN an order placed for products 60 and 61
        long stock60 = Long.parseLong(model.one("products.csv", "productID", 60).get("unitsInStock"));
        Map<String, Object> order = result(table.command("placeOrder", params("customerId", "QUICK", "employeeId", 2,
                "lines", List.of(line(60, 4), line(61, 1)))), "order");
        long orderId = ((Number) order.get("orderID")).longValue();
        model.placeOrder("QUICK", 2, List.of(new long[] {60, 4}, new long[] {61, 1}), List.of(BigDecimal.ZERO, BigDecimal.ZERO),
                TODAY, null, null, null);
        // WHEN it is cancelled
        Map<String, Object> answer = table.command("cancelOrder", params("orderId", orderId));
        model.cancelOrder(orderId);
        // THEN every pattern has forgotten it and the products have their stock back
        assertNull(answer.get("error"), () -> "refused: " + answer);
        assertEquals(Long.toString(stock60), model.one("products.csv", "productID", 60).get("unitsInStock"));
        PatternCheck.of().and("order", "orderId", orderId).and("customerOrders", "customerId", "QUICK")
                .and("employeeOrders", "employeeId", 2).and("productOrders", "productId", 60).and("product", "productId", 60)
                .and("product", "productId", 61).and("openOrders").and("recentOrders").against(model, table, "after cancelOrder");
        // AND a shipped order, or one that does not exist, cannot be cancelled
        assertError(table.command("cancelOrder", params("orderId", 10248)), "Conflict",
                "order 10248 was shipped on 1996-07-16 and can no longer be cancelled");
        assertError(table.command("cancelOrder", params("orderId", orderId)), "NotFound", "order " + orderId + " does not exist");
    }

    @Test
    void updateCustomer_changesAndClearsFields_andTheCustomerViewsFollow() {
        // GIVEN customer LAZYK (USA, WA, Walla Walla) WHEN its contact, city and region change
        Map<String, Object> customer = result(table.command("updateCustomer", params("customerId", "LAZYK",
                "contactName", "Jo Lazy", "city", "Seattle", "region", null)), "customer");
        model.update("customers.csv", "customerID", "LAZYK", mapOf("contactName", "Jo Lazy", "city", "Seattle", "region", null));
        // THEN the answer and every customer pattern follow, old values included
        assertEquals("Jo Lazy", customer.get("contactName"));
        PatternCheck.of().and("customer", "customerId", "LAZYK").and("customersByContactName", "contactName", "Jo Lazy")
                .and("customersByContactName", "contactName", "John Steel").and("customersByLocation", "country", "USA")
                .and("customersByLocation", "country", "USA", "region", "WA")
                .and("customersByLocation", "country", "USA", "city", "Seattle")
                .and("customersByLocation", "country", "USA", "region", "WA", "city", "Walla Walla")
                .against(model, table, "after updateCustomer");
        // AND the company name cannot be cleared; an unknown customer is named
        assertError(table.command("updateCustomer", params("customerId", "LAZYK", "companyName", null)), "ValidationError",
                "params.companyName cannot be cleared: a customer always has a company name");
        assertError(table.command("updateCustomer", params("customerId", "NOONE", "city", "X")), "NotFound",
                "customer NOONE does not exist");
    }

    @Test
    void updateProduct_movesItBetweenCategoriesSuppliersAndStatus_whileSoldLinesKeepTheirPriceAndName() {
        // GIVEN product 14 (category 7, supplier 6, sold on several lines) WHEN renamed, repriced, moved and discontinued
        Map<String, Object> product = result(table.command("updateProduct", params("productId", 14, "productName", "Tofu Deluxe",
                "unitPrice", 30, "categoryId", 2, "supplierId", 3, "discontinued", true)), "product");
        model.updateProduct(14, mapOf("productName", "Tofu Deluxe", "unitPrice", "30", "categoryID", "2", "supplierID", "3",
                "discontinued", "1"));
        // THEN every product pattern follows, and the lines it was sold on are unchanged (price and name at sale)
        assertEquals("Tofu Deluxe", product.get("productName"));
        PatternCheck.of().and("product", "productId", 14).and("productsByCategory", "categoryId", 7)
                .and("productsByCategory", "categoryId", 2).and("productsBySupplier", "supplierId", 6)
                .and("productsBySupplier", "supplierId", 3).and("discontinuedProducts").and("productOrders", "productId", 14)
                .against(model, table, "after updateProduct");
        assertError(table.command("updateProduct", params("productId", 14, "categoryId", 99)), "NotFound", "category 99 does not exist");
        assertError(table.command("updateProduct", params("productId", 14, "unitPrice", -1)), "ValidationError",
                "params.unitPrice must not be negative, got -1");
    }

    @Test
    void updateEmployee_movesToAnotherManager_andTerritoryCopiesFollow() {
        // GIVEN employee 9 (reports to 5, covers territories) WHEN retitled, renamed and moved under employee 2
        Map<String, Object> employee = result(table.command("updateEmployee", params("employeeId", 9, "title", "Sales Lead",
                "lastName", "Dodsworth-Smith", "reportsTo", 2)), "employee");
        model.updateEmployee(9, mapOf("title", "Sales Lead", "lastName", "Dodsworth-Smith", "reportsTo", "2"));
        // THEN the employee, both managers' direct reports and the territories' employee summaries follow
        assertEquals("Sales Lead", employee.get("title"));
        PatternCheck check = PatternCheck.of().and("employee", "employeeId", 9).and("directReports", "employeeId", 5)
                .and("directReports", "employeeId", 2);
        model.where("employee-territories.csv", RelationalNorthwind.eq("employeeID", 9))
                .forEach(et -> check.and("territoryEmployees", "territoryId", et.get("territoryID")));
        check.against(model, table, "after updateEmployee");
        // AND reporting to oneself, directly or through a chain, is a Conflict; an unknown manager is named
        assertError(table.command("updateEmployee", params("employeeId", 2, "reportsTo", 2)), "Conflict",
                "employee 2 cannot report to themself");
        assertError(table.command("updateEmployee", params("employeeId", 2, "reportsTo", 9)), "Conflict",
                "employee 2 cannot report to 9: that would make them report to themself through 9 → 2");
        assertError(table.command("updateEmployee", params("employeeId", 2, "reportsTo", 77)), "NotFound",
                "employee 77 does not exist");
    }

    @Test
    void assignAndUnassignTerritory_followInBothDirections() {
        // GIVEN employee 3 and territory 01581 (covered by employee 2 in the data) WHEN assigned
        assertNull(table.command("assignTerritory", params("employeeId", 3, "territoryId", "01581")).get("error"));
        model.assignTerritory(3, "01581", true);
        PatternCheck both = PatternCheck.of().and("employeeTerritories", "employeeId", 3).and("territoryEmployees", "territoryId", "01581");
        both.against(model, table, "after assignTerritory");
        // THEN assigning again is a Conflict
        assertError(table.command("assignTerritory", params("employeeId", 3, "territoryId", "01581")), "Conflict",
                "territory 01581 is already assigned to employee 3");
        // WHEN unassigned THEN both directions forget it, and unassigning again is a Conflict
        assertNull(table.command("unassignTerritory", params("employeeId", 3, "territoryId", "01581")).get("error"));
        model.assignTerritory(3, "01581", false);
        both.against(model, table, "after unassignTerritory");
        assertError(table.command("unassignTerritory", params("employeeId", 3, "territoryId", "01581")), "Conflict",
                "territory 01581 is not assigned to employee 3");
        assertError(table.command("assignTerritory", params("employeeId", 3, "territoryId", "00000")), "NotFound",
                "territory 00000 does not exist");
    }

    @Test
    void idempotencyKey_repeatAnswersTheFirstResultAndWritesNothing_otherParamsAreAConflict() {
        // GIVEN an order placed with an idempotency key
        Map<String, Object> params = params("customerId", "ANTON", "employeeId", 4, "lines", List.of(line(1, 1)));
        Map<String, Object> first = table.command("placeOrder", params, "order-anton-1");
        model.placeOrder("ANTON", 4, List.<long[]>of(new long[] {1, 1}), List.of(BigDecimal.ZERO), TODAY, null, null, null);
        Map<String, Map<String, String>> after = table.snapshot();
        // WHEN the same request is sent again
        Map<String, Object> again = table.command("placeOrder", params, "order-anton-1");
        // THEN it answers the first result, says it is a replay, and the table is unchanged (no second order)
        assertEquals(first.get("result"), again.get("result"));
        assertEquals(true, stats(again).get("replayed"));
        assertEquals(after, table.snapshot());
        PatternCheck.of().and("customerOrders", "customerId", "ANTON").and("product", "productId", 1).against(model, table, "replay");
        // AND the key with other params is a Conflict
        assertError(table.command("placeOrder", params("customerId", "ANTON", "employeeId", 4, "lines", List.of(line(1, 2))),
                "order-anton-1"), "Conflict", "idempotencyKey order-anton-1 was already used for a different request"
                + " (placeOrder with other params); use a new key for a new request");
    }

    @Test
    void orderIds_climbAboveEveryExistingOne_andAreNeverReused() {
        // GIVEN one execution environment (ids leased in blocks: increasing within it, OrderIdBlocksTest has the rest)
        // WHEN two orders are placed in a row THEN their ids are above the data's highest, the second above the first
        long a = ((Number) result(table.command("placeOrder", params("customerId", "BERGS", "employeeId", 5,
                "lines", List.of(line(3, 1)))), "order").get("orderID")).longValue();
        model.placeOrder("BERGS", 5, List.<long[]>of(new long[] {3, 1}), List.of(BigDecimal.ZERO), TODAY, null, null, null);
        long b = ((Number) result(table.command("placeOrder", params("customerId", "BERGS", "employeeId", 5,
                "lines", List.of(line(4, 1)))), "order").get("orderID")).longValue();
        model.placeOrder("BERGS", 5, List.<long[]>of(new long[] {4, 1}), List.of(BigDecimal.ZERO), TODAY, null, null, null);
        // THEN both are above 11077 (the data's highest) and the second is above the first
        assertTrue(a > 11077 && b > a, a + ", " + b);
        PatternCheck.of().and("customerOrders", "customerId", "BERGS").against(model, table, "two orders");
    }

    // ---- helpers ----

    @SuppressWarnings("unchecked")
    static Map<String, Object> result(Map<String, Object> answer) {
        assertNull(answer.get("error"), () -> "refused: " + answer);
        return (Map<String, Object>) answer.get("result");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> result(Map<String, Object> answer, String field) {
        return (Map<String, Object>) result(answer).get(field);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> stats(Map<String, Object> answer) {
        return (Map<String, Object>) answer.get("stats");
    }

    @SuppressWarnings("unchecked")
    static void assertError(Map<String, Object> answer, String type, String message) {
        Map<String, Object> error = (Map<String, Object>) answer.get("error");
        assertTrue(error != null, () -> "expected " + type + ", got " + answer);
        assertEquals(type, error.get("type"), () -> String.valueOf(error));
        assertEquals(message, error.get("message"));
        assertEquals(1, answer.size(), "an error answer holds only the error");
    }

    static Map<String, String> mapOf(String... keyValues) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put(keyValues[i], keyValues[i + 1]);
        }
        return out;
    }
}
