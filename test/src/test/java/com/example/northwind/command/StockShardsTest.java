package com.example.northwind.command;

import static com.example.northwind.command.CommandTable.line;
import static com.example.northwind.command.CommandTable.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A product's stock in its 8 shards (item model 6), read from the table itself: which shard holds what, after orders
 * that one shard can serve and orders only several shards together can, concurrent ones included. The rule written
 * out here, independently of the code: shard s of product p is the item {@code pk = STOCK#<p>#<s>, sk = STOCK}, its
 * {@code units} never below zero, their sum the product's stock.
 */
class StockShardsTest {
    private static final int SHARDS = 8;
    static CommandTable table;
    static ExecutorService threads;

    @BeforeAll
    static void seed() {
        table = CommandTable.seeded();
        threads = Executors.newFixedThreadPool(12);
    }

    @AfterAll
    static void stop() {
        threads.shutdownNow();
    }

    @Test
    void seed_splitsEachProductsStock_evenlyOverItsShards() {
        // GIVEN the seeded table; product 1 has 39 units in products.csv
        // THEN its shards hold 5,5,5,5,5,5,5,4 (39 = 8·4 + 7: the first seven one more) and product answers 39
        assertEquals(List.of(5L, 5L, 5L, 5L, 5L, 5L, 5L, 4L), units(1));
        assertEquals(39L, table.query("product", params("productId", 1)).get(0).get("unitsInStock"));
    }

    @Test
    void placeOrder_takesFromSeveralShards_whenNoSingleShardHoldsTheQuantity() {
        // GIVEN product 2 set to 8 units: one in each shard
        assertNull(table.command("updateProduct", params("productId", 2, "unitsInStock", 8)).get("error"));
        assertEquals(List.of(1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L), units(2));
        // WHEN an order takes 5
        Map<String, Object> answer = table.command("placeOrder", params("customerId", "ALFKI", "employeeId", 1,
                "lines", List.of(line(2, 5))));
        // THEN it is served from five shards together, none below zero, and the product holds 3
        assertNull(answer.get("error"), answer::toString);
        List<Long> after = units(2);
        assertEquals(5, after.stream().filter(u -> u == 0).count(), after::toString);
        assertEquals(3, after.stream().filter(u -> u == 1).count(), after::toString);
        assertEquals(3L, table.query("product", params("productId", 2)).get(0).get("unitsInStock"));
    }

    @Test
    void placeOrder_failsWhenStockIsShort_andWritesNothing() {
        // GIVEN product 3 with 8 units, one per shard
        assertNull(table.command("updateProduct", params("productId", 3, "unitsInStock", 8)).get("error"));
        Map<String, Map<String, String>> before = table.snapshot();
        // WHEN an order asks for 9
        Map<String, Object> answer = table.command("placeOrder", params("customerId", "ALFKI", "employeeId", 1,
                "lines", List.of(line(3, 9))));
        // THEN it is refused naming the stock, and no item changed (the counter aside: an id block may be leased)
        assertTrue(String.valueOf(answer.get("error")).contains("not enough stock of product 3"), answer::toString);
        Map<String, Map<String, String>> after = table.snapshot();
        before.keySet().removeIf(k -> k.startsWith("_"));
        after.keySet().removeIf(k -> k.startsWith("_"));
        assertEquals(before, after);
    }

    @Test
    void twentyFiveLineOrder_whoseEveryLineNeedsTwoShards_fitsInOneTransaction() {
        // GIVEN 25 products with one unit in each shard
        List<Long> products = new ArrayList<>();
        for (long p = 40; p < 65; p++) {
            products.add(p);
            Map<String, Object> set = table.command("updateProduct", params("productId", p, "unitsInStock", 8,
                    "discontinued", false));
            assertNull(set.get("error"), set::toString);
        }
        // WHEN one order takes 2 of each (5 order items + 25 lines + 50 shard takes = 80 actions)
        List<Map<String, Object>> lines = products.stream().map(p -> line(p, 2)).toList();
        Map<String, Object> answer = table.command("placeOrder", params("customerId", "QUICK", "employeeId", 3, "lines", lines));
        // THEN it is placed and every product holds 6, none of its shards below zero
        assertNull(answer.get("error"), answer::toString);
        for (long p : products) {
            List<Long> u = units(p);
            assertEquals(6L, u.stream().mapToLong(Long::longValue).sum(), "product " + p + ": " + u);
            assertTrue(u.stream().allMatch(x -> x >= 0), u::toString);
        }
    }

    @Test
    void concurrentOrders_thatEachNeedSeveralShards_neverOversell() throws Exception {
        // GIVEN product 4 with 16 units (2 per shard)
        assertNull(table.command("updateProduct", params("productId", 4, "unitsInStock", 16, "discontinued", false)).get("error"));
        // WHEN 7 customers order 4 units each at the same moment (28 asked, 16 there: each needs at least 2 shards)
        List<Map<String, Object>> answers = CommandConcurrencyTest.all(threads, 7, i -> table.command("placeOrder", params(
                "customerId", "BONAP", "employeeId", 1 + i, "lines", List.of(line(4, 4)))));
        // THEN exactly 4 are placed, the others refused for stock, and every shard is empty
        long ok = answers.stream().filter(a -> a.get("error") == null).count();
        assertEquals(4, ok, answers::toString);
        answers.stream().filter(a -> a.get("error") != null).forEach(a -> assertTrue(
                String.valueOf(a.get("error")).contains("not enough stock of product 4"), a::toString));
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L), units(4));
    }

    @Test
    void cancelOrder_givesTheUnitsBack_toOneShard() {
        // GIVEN product 5 with 40 units and an order of 7
        assertNull(table.command("updateProduct", params("productId", 5, "unitsInStock", 40, "discontinued", false)).get("error"));
        Map<String, Object> placed = table.command("placeOrder", params("customerId", "ALFKI", "employeeId", 1,
                "lines", List.of(line(5, 7))));
        assertNull(placed.get("error"), placed::toString);
        Object orderId = ((Map<?, ?>) ((Map<?, ?>) placed.get("result")).get("order")).get("orderID");
        // WHEN it is cancelled
        Map<String, Object> cancelled = table.command("cancelOrder", params("orderId", orderId));
        // THEN the answer and product say 40 again, and the shards sum to 40
        assertNull(cancelled.get("error"), cancelled::toString);
        List<?> restocked = (List<?>) ((Map<?, ?>) cancelled.get("result")).get("restocked");
        assertEquals(1, restocked.size(), restocked::toString);
        assertEquals(5L, ((Number) ((Map<?, ?>) restocked.get(0)).get("productID")).longValue());
        assertEquals(40L, ((Number) ((Map<?, ?>) restocked.get(0)).get("unitsInStock")).longValue());
        assertEquals(40L, units(5).stream().mapToLong(Long::longValue).sum());
        assertEquals(40L, table.query("product", params("productId", 5)).get(0).get("unitsInStock"));
    }

    @Test
    void updateProduct_setsTheTotal_andListsItAtOnce() {
        // WHEN product 6 is set to 20 units
        Map<String, Object> answer = table.command("updateProduct", params("productId", 6, "unitsInStock", 20));
        // THEN its shards hold 3,3,3,3,2,2,2,2, the answer says 20, and its category lists 20 at once (no stream needed)
        assertNull(answer.get("error"), answer::toString);
        assertEquals(20L, ((Number) ((Map<?, ?>) ((Map<?, ?>) answer.get("result")).get("product")).get("unitsInStock")).longValue());
        assertEquals(List.of(3L, 3L, 3L, 3L, 2L, 2L, 2L, 2L), units(6));
        long category = ((Number) table.query("product", params("productId", 6)).get(0).get("categoryID")).longValue();
        assertEquals(20L, table.query("productsByCategory", params("categoryId", category)).stream()
                .filter(p -> Long.valueOf(6).equals(p.get("productID"))).findFirst().orElseThrow().get("unitsInStock"));
    }

    /** Each shard's units of a product, shard 0 first, read from the table. */
    static List<Long> units(long productId) {
        List<Long> out = new ArrayList<>();
        for (int s = 0; s < SHARDS; s++) {
            AttributeValue v = table.attribute("STOCK#" + productId + "#" + s, "STOCK", "units");
            out.add(v == null ? null : Long.parseLong(v.n()));
        }
        return out;
    }
}
