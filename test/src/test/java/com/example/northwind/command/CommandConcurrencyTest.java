package com.example.northwind.command;

import static com.example.northwind.command.CommandTable.line;
import static com.example.northwind.command.CommandTable.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real threads on DynamoDB Local, all released at once through a latch, each invoking the same handler (as
 * concurrent Lambda environments share one table): conditions on the state read, not locks, must keep the data
 * right — no double shipment, no oversell, no shared order id.
 */
class CommandConcurrencyTest {
    static CommandTable table;
    static ExecutorService threads;

    @BeforeAll
    static void seed() {
        table = CommandTable.seeded();
        threads = Executors.newFixedThreadPool(20);
    }

    @AfterAll
    static void stop() {
        threads.shutdownNow();
    }

    @Test
    void sixteenConcurrentShipments_ofOneOrder_exactlyOneSucceeds() throws Exception {
        // GIVEN an open order of the data (11077 has no shippedDate)
        // WHEN 16 threads ship it at the same moment
        List<Map<String, Object>> answers = all(16, i -> table.command("shipOrder", params("orderId", 11077,
                "shippedDate", "2026-11-2" + (i % 9))));
        // THEN exactly one succeeded; every other one was told it is already shipped, none failed otherwise
        long ok = answers.stream().filter(a -> a.get("error") == null).count();
        assertEquals(1, ok, answers::toString);
        answers.stream().filter(a -> a.get("error") != null).forEach(a ->
                assertEquals("Conflict", ((Map<?, ?>) a.get("error")).get("type"), a::toString));
        // AND the order left openOrders once, with the winner's date
        Map<String, Object> winner = answers.stream().filter(a -> a.get("error") == null).findFirst().orElseThrow();
        Object date = ((Map<?, ?>) ((Map<?, ?>) winner.get("result")).get("order")).get("shippedDate");
        assertEquals(date, table.query("order", params("orderId", 11077)).stream()
                .filter(i -> "Order".equals(i.get("type"))).findFirst().orElseThrow().get("shippedDate"));
        assertTrue(table.query("openOrders", Map.of()).stream().noneMatch(i -> Long.valueOf(11077).equals(i.get("orderID"))));
    }

    @Test
    void twentyConcurrentOneUnitOrders_ofAProductWithStockTen_exactlyTenSucceed() throws Exception {
        // GIVEN product 1 set to exactly 10 units in stock
        assertEquals(null, table.command("updateProduct", params("productId", 1, "unitsInStock", 10)).get("error"));
        // WHEN 20 customers order one unit each at the same moment
        List<Map<String, Object>> answers = all(20, i -> table.command("placeOrder", params("customerId", "ALFKI",
                "employeeId", 1 + i % 9, "lines", List.of(line(1, 1)))));
        // THEN exactly 10 succeeded, the other 10 were refused for stock, and the stock is 0
        List<Map<String, Object>> ok = answers.stream().filter(a -> a.get("error") == null).toList();
        assertEquals(10, ok.size(), answers::toString);
        answers.stream().filter(a -> a.get("error") != null).forEach(a -> assertTrue(
                String.valueOf(((Map<?, ?>) a.get("error")).get("message")).startsWith("not enough stock of product 1"), a::toString));
        assertEquals(0L, table.query("product", params("productId", 1)).get(0).get("unitsInStock"));
        // AND the 10 orders have 10 distinct ids, each with its line on productOrders
        Set<Object> ids = new HashSet<>();
        ok.forEach(a -> ids.add(((Map<?, ?>) ((Map<?, ?>) a.get("result")).get("order")).get("orderID")));
        assertEquals(10, ids.size());
        List<Object> lineOrders = table.query("productOrders", params("productId", 1)).stream().map(i -> i.get("orderID")).toList();
        assertTrue(lineOrders.containsAll(ids.stream().map(i -> ((Number) i).longValue()).toList()), lineOrders::toString);
    }

    @Test
    void concurrentOrders_ofDifferentProducts_allSucceedWithDistinctIds() throws Exception {
        // GIVEN 12 products with stock WHEN 12 threads each order a different one at the same moment
        List<Long> products = List.of(2L, 3L, 4L, 6L, 7L, 8L, 10L, 11L, 12L, 13L, 14L, 15L);
        List<Map<String, Object>> answers = all(products.size(), i -> table.command("placeOrder", params("customerId", "BONAP",
                "employeeId", 2, "lines", List.of(line(products.get(i), 1)))));
        // THEN all succeed, with 12 different order ids
        Set<Object> ids = new HashSet<>();
        answers.forEach(a -> {
            assertEquals(null, a.get("error"), a::toString);
            ids.add(((Map<?, ?>) ((Map<?, ?>) a.get("result")).get("order")).get("orderID"));
        });
        assertEquals(products.size(), ids.size());
    }

    /** Runs {@code n} calls on separate threads, released together, and waits for all answers. */
    static List<Map<String, Object>> all(int n, java.util.function.IntFunction<Map<String, Object>> call) throws Exception {
        return all(threads, n, call);
    }

    /** As {@link #all(int, java.util.function.IntFunction)}, on the given pool (at least {@code n} threads). */
    static List<Map<String, Object>> all(ExecutorService threads, int n, java.util.function.IntFunction<Map<String, Object>> call)
            throws Exception {
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Map<String, Object>>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            Callable<Map<String, Object>> task = () -> {
                ready.countDown();
                go.await();
                return call.apply(index);
            };
            futures.add(threads.submit(task));
        }
        assertTrue(ready.await(30, TimeUnit.SECONDS), "threads did not start");
        go.countDown();
        List<Map<String, Object>> answers = new ArrayList<>();
        for (Future<Map<String, Object>> f : futures) {
            answers.add(f.get(120, TimeUnit.SECONDS));
        }
        return answers;
    }
}
