package com.example.northwind.command;

import static com.example.northwind.command.CommandTable.line;
import static com.example.northwind.command.CommandTable.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.derived.ListedStock;
import com.example.northwind.stream.StockDerivation;
import com.example.northwind.stream.StreamChange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * The listed stock as the stream consumer keeps it (its {@link StockDerivation}), fed stock-shard records by hand, in
 * the orders Lambda may deliver them: late, twice, reordered, and for one product's shards at the same time from
 * different stream shards. Whatever the order, the listing ends at the exact stock and never goes back to an older one.
 * Expected stock comes from the test's own arithmetic on the CSV values, not from the code.
 */
class ListedStockTest {
    static CommandTable table;
    static ExecutorService threads;

    @BeforeAll
    static void seed() {
        table = CommandTable.seeded();
        threads = Executors.newFixedThreadPool(8);
    }

    @AfterAll
    static void stop() {
        threads.shutdownNow();
    }

    @Test
    void aListingReadBeforeANewerOneIsWritten_isNeverWrittenOverIt() throws Exception {
        // GIVEN product 11 (22 in stock in products.csv) after an order of 2, and a consumer A that read that state and
        // is held just before its write
        order(11, 2);
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean held = new AtomicBoolean();
        ExecutionInterceptor holdFirstWrite = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof TransactWriteItemsRequest && held.compareAndSet(false, true)) {
                    arrived.countDown();
                    await(release);
                }
            }
        };
        StockDerivation late = new StockDerivation(new ListedStock(table.local.client(holdFirstWrite), table.table));
        List<StreamChange> batchA = List.of(change(11, 3));
        Future<Integer> a = threads.submit(() -> late.apply(batchA));
        assertTrue(arrived.await(30, TimeUnit.SECONDS), "consumer A never reached its write");
        // WHEN another order of 3 is placed and consumer B lists it, and only then A's write goes out
        order(11, 3);
        StockDerivation prompt = new StockDerivation(new ListedStock(table.local.client(), table.table));
        assertEquals(1, prompt.apply(List.of(change(11, 5))));
        Map<String, AttributeValue> afterB = entity(11);
        release.countDown();
        // THEN A reports its batch done and wrote nothing: its listing (20) was older than B's (17)
        assertEquals(1, a.get(30, TimeUnit.SECONDS));
        assertEquals(afterB, entity(11));
        assertEquals("17", entity(11).get("unitsInStock").n());
        assertEquals(shardVersions(11), Long.parseLong(entity(11).get("stockVersion").n()), "stamped with every shard change");
        assertEquals(17L, listedInCategory(11, 4));
    }

    @Test
    void duplicatedAndReorderedRecords_listTheExactStock_andWriteOnce() {
        // GIVEN product 12 (86 in stock) after three orders: 5, 6 and 7 units
        order(12, 5);
        order(12, 6);
        order(12, 7);
        // WHEN the consumer gets records of its shards duplicated and shuffled, in one batch and then again
        List<StreamChange> batch = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            batch.add(change(12, s));
            batch.add(change(12, s));
        }
        Collections.shuffle(batch, new Random(12));
        StockDerivation consumer = new StockDerivation(new ListedStock(table.local.client(), table.table));
        assertEquals(batch.size(), consumer.apply(batch));
        Map<String, AttributeValue> once = entity(12);
        Collections.shuffle(batch, new Random(21));
        assertEquals(batch.size(), consumer.apply(batch));
        // THEN the listing is 86 − 18 = 68 everywhere it is shown, and the second delivery wrote nothing
        assertEquals("68", once.get("unitsInStock").n());
        assertEquals(once, entity(12));
        assertEquals(68L, listedInCategory(12, 4));
    }

    @Test
    void batchesOfOneProductsShards_processedAtTheSameTime_convergeToTheExactStock() throws Exception {
        // GIVEN product 13 (24 in stock) after four orders of 1, 2, 3 and 3 units
        for (int q : new int[] {1, 2, 3, 3}) {
            order(13, q);
        }
        // WHEN eight consumers, one per stream shard, each get the record of one stock shard, released together
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> done = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            int shard = s;
            StockDerivation consumer = new StockDerivation(new ListedStock(table.local.client(), table.table));
            done.add(threads.submit(() -> {
                go.await();
                return consumer.apply(List.of(change(13, shard)));
            }));
        }
        go.countDown();
        for (Future<Integer> f : done) {
            assertEquals(1, f.get(60, TimeUnit.SECONDS));
        }
        // THEN the listing is 24 − 9 = 15, stamped with every change of its shards
        assertEquals("15", entity(13).get("unitsInStock").n());
        assertEquals(shardVersions(13), Long.parseLong(entity(13).get("stockVersion").n()));
    }

    @Test
    void lowStock_isListedOnceTheConsumerDerivesIt_whileProductIsExactAtOnce() {
        // GIVEN product 1: 39 in stock, reorder level 10 — not on lowStockProducts
        assertTrue(lowStock().stream().noneMatch(p -> Long.valueOf(1).equals(p.get("productID"))));
        // WHEN an order takes 30 (9 left, below 10)
        order(1, 30);
        // THEN product answers 9 at once; the low-stock list does not show it until the consumer ran
        assertEquals(9L, table.query("product", params("productId", 1)).get(0).get("unitsInStock"));
        assertTrue(lowStock().stream().noneMatch(p -> Long.valueOf(1).equals(p.get("productID"))));
        new StockDerivation(new ListedStock(table.local.client(), table.table)).apply(List.of(change(1, 0)));
        assertEquals(9L, lowStock().stream().filter(p -> Long.valueOf(1).equals(p.get("productID"))).findFirst()
                .orElseThrow().get("unitsInStock"));
    }

    private static void order(long productId, long quantity) {
        Map<String, Object> answer = table.command("placeOrder", params("customerId", "ALFKI", "employeeId", 1,
                "lines", List.of(line(productId, quantity))));
        assertNull(answer.get("error"), answer::toString);
    }

    /** A stream record of one stock shard (only its keys matter: the consumer reads the shards as they are). */
    private static StreamChange change(long productId, int shard) {
        Map<String, AttributeValue> keys = Map.of("pk", AttributeValue.fromS("STOCK#" + productId + "#" + shard),
                "sk", AttributeValue.fromS("STOCK"));
        return new StreamChange("MODIFY", "seq-" + productId + "-" + shard, keys, keys, keys, 0);
    }

    private static Map<String, AttributeValue> entity(long productId) {
        return table.local.dynamo().getItem(b -> b.tableName(table.table).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS("PRODUCT#" + productId), "sk", AttributeValue.fromS("PRODUCT")))).item();
    }

    /** The sum of a product's shard versions, read from the table. */
    private static long shardVersions(long productId) {
        long sum = 0;
        for (int s = 0; s < 8; s++) {
            sum += Long.parseLong(table.attribute("STOCK#" + productId + "#" + s, "STOCK", "version").n());
        }
        return sum;
    }

    private static long listedInCategory(long productId, long categoryId) {
        return ((Number) table.query("productsByCategory", params("categoryId", categoryId)).stream()
                .filter(p -> Long.valueOf(productId).equals(p.get("productID"))).findFirst().orElseThrow().get("unitsInStock"))
                .longValue();
    }

    private static List<Map<String, Object>> lowStock() {
        return table.query("lowStockProducts", Map.of());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
