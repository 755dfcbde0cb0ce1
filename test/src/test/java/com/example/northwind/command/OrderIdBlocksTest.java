package com.example.northwind.command;

import static com.example.northwind.command.CommandTable.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.model.Bookkeeping;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Order ids leased in blocks (issue #21, decision 1): unique, never reused, above the seeded data's, increasing within
 * one execution environment — and never shared by environments SnapStart restores from one snapshot.
 */
class OrderIdBlocksTest {
    private static CommandTable table;

    @BeforeAll
    static void seed() {
        table = CommandTable.seeded();
        // Enough stock that no order here is refused for it: the tests are about ids.
        assertEquals(null, table.command("updateProduct", params("productId", 2, "unitsInStock", 100_000)).get("error"));
    }

    @AfterAll
    static void stop() {
        table.local.close();
    }

    @Test
    void restoredEnvironments_neverShareAnOrderId() {
        // GIVEN an environment primed before its snapshot: priming leases nothing
        CommandHandler primed = handler(new OrderIdBlocks());
        primed.beforeCheckpoint(null);
        assertFalse(primed.orderIds().holdsBlock(), "priming leased a block of order ids");
        // AND a snapshot that holds a block anyway (an environment that took an order before it was snapshotted)
        CommandHandler before = handler(new OrderIdBlocks());
        long taken = orderId(place(before));
        OrderIdBlocks snapshot = before.orderIds().snapshotCopy();
        assertTrue(snapshot.holdsBlock());
        // WHEN two environments are restored from that one snapshot and each runs its afterRestore hook
        CommandHandler a = handler(snapshot.snapshotCopy());
        CommandHandler b = handler(snapshot.snapshotCopy());
        a.afterRestore(null);
        b.afterRestore(null);
        // THEN orders placed through both, interleaved, all succeed with distinct ids, above the snapshot's
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            for (CommandHandler restored : List.of(a, b)) {
                long id = orderId(place(restored));
                assertTrue(ids.add(id), "order id " + id + " handed out twice");
                assertTrue(id > taken, "id " + id + " not above the snapshot's " + taken);
            }
        }
        // AND each environment's ids increase (a block at a time), the two blocks interleaving nowhere
        assertEquals(50, ids.size());
    }

    @Test
    void restoredEnvironmentsWithoutTheHook_wouldShareIds_andTheOrderItemsConditionRefusesTheSecond() {
        // GIVEN a snapshot holding a block, restored twice WITHOUT afterRestore (what the hook prevents)
        CommandHandler before = handler(new OrderIdBlocks());
        place(before);
        OrderIdBlocks snapshot = before.orderIds().snapshotCopy();
        CommandHandler a = handler(snapshot.snapshotCopy());
        CommandHandler b = handler(snapshot.snapshotCopy());
        // WHEN both place an order THEN they take the same id, and the order item's attribute_not_exists guard refuses
        // the second one: nothing is overwritten, the duplicate is a Conflict (the last guard, not the mechanism)
        Map<String, Object> first = place(a, "BONAP");
        assertEquals(null, first.get("error"), first::toString);
        Map<String, Object> second = place(b, "ALFKI");
        assertEquals("Conflict", ((Map<?, ?>) second.get("error")).get("type"), second::toString);
        assertTrue(String.valueOf(((Map<?, ?>) second.get("error")).get("message")).contains("order id " + orderId(first)),
                second::toString);
        assertEquals("BONAP", table.attribute("ORDER#" + orderId(first), "ORDER", "customerID").s(), "the first order was overwritten");
    }

    @Test
    void sixtyFourConcurrentOrders_fromEightEnvironments_getSixtyFourDistinctIds() throws Exception {
        // GIVEN 8 environments (handlers), each leasing its own blocks
        List<CommandHandler> environments = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            environments.add(handler(new OrderIdBlocks()));
        }
        long counterBefore = Long.parseLong(table.attribute(Bookkeeping.ORDER_ID_COUNTER_PK, Bookkeeping.COUNTER_SK,
                Bookkeeping.COUNTER_VALUE).n());
        // WHEN 64 threads place an order at the same moment, 8 per environment
        Map<Long, Integer> byId = new ConcurrentHashMap<>();
        List<Map<String, Object>> answers = concurrently(64, i -> place(environments.get(i % 8)));
        // THEN all 64 succeed with 64 distinct ids, all above the counter as it was
        for (Map<String, Object> answer : answers) {
            assertEquals(null, answer.get("error"), answer::toString);
            byId.merge(orderId(answer), 1, Integer::sum);
        }
        assertEquals(64, byId.size(), "ids shared: " + byId);
        assertTrue(byId.keySet().stream().allMatch(id -> id > counterBefore));
        // AND the counter moved by whole blocks only: one lease per environment, not one write per order
        long counterAfter = Long.parseLong(table.attribute(Bookkeeping.ORDER_ID_COUNTER_PK, Bookkeeping.COUNTER_SK,
                Bookkeeping.COUNTER_VALUE).n());
        assertEquals(8L * Bookkeeping.ORDER_ID_BLOCK_SIZE, counterAfter - counterBefore);
    }

    /** {@code n} calls on their own threads, released together; their answers. */
    private static List<Map<String, Object>> concurrently(int n, java.util.function.IntFunction<Map<String, Object>> call)
            throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Map<String, Object>>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.apply(index);
                }));
            }
            go.countDown();
            List<Map<String, Object>> answers = new ArrayList<>();
            for (java.util.concurrent.Future<Map<String, Object>> f : futures) {
                answers.add(f.get(120, java.util.concurrent.TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static CommandHandler handler(OrderIdBlocks blocks) {
        return new CommandHandler(table.client(), table.table, CommandTable.CLOCK, blocks);
    }

    private static Map<String, Object> place(CommandHandler handler) {
        return place(handler, "BONAP");
    }

    private static Map<String, Object> place(CommandHandler handler, String customer) {
        byte[] request = ("{\"command\":\"placeOrder\",\"params\":{\"customerId\":\"" + customer + "\",\"employeeId\":2,"
                + "\"lines\":[{\"productId\":2,\"quantity\":1}]}}").getBytes(StandardCharsets.UTF_8);
        try {
            return JSON.std.mapFrom(handler.handle(request));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long orderId(Map<String, Object> answer) {
        return ((Number) ((Map<?, ?>) ((Map<?, ?>) answer.get("result")).get("order")).get("orderID")).longValue();
    }
}
