package com.example.northwind.command;

import static com.example.northwind.command.CommandTable.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Model-based, for the derived data: a seeded-random sequence of commands (orders placed, shipped, cancelled, products
 * repriced) applied through the command handler while the stream consumer runs on the table's stream with random faults
 * on its client — transactions refused before they run, cancelled as by a conflict, throttled reads, and transactions
 * that succeed but whose answer is lost (a crash between the write and the checkpoint: the batch comes again). After
 * every few commands the test waits for the consumer to catch up and compares productSales and salesByDay — and the
 * listed stock (productsByCategory, productsBySupplier, discontinuedProducts, lowStockProducts) — with the relational
 * model. A failure prints the seed; {@code -Dsales.seed=N} replays it.
 */
class SalesConsumerModelBasedTest {
    private static final int COMMANDS = 80;
    private static final int CHECK_EVERY = 20;

    /** Faults on the consumer's client, drawn from the run's seed. */
    static final class ConsumerFaults implements ExecutionInterceptor {
        private final Random random;
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger cancelled = new AtomicInteger();
        final AtomicInteger throttled = new AtomicInteger();
        final AtomicInteger lostAnswers = new AtomicInteger();

        ConsumerFaults(long seed) {
            this.random = new Random(seed);
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            SdkRequest request = context.request();
            if (request instanceof TransactWriteItemsRequest) {
                int draw = random.nextInt(100);
                if (draw < 8) {
                    refused.incrementAndGet();
                    throw DynamoDbException.builder().message("injected: internal server error").statusCode(500).build();
                }
                if (draw < 16) {
                    cancelled.incrementAndGet();
                    throw TransactionCanceledException.builder().message("injected: transaction conflict")
                            .cancellationReasons(CancellationReason.builder().code("TransactionConflict").build()).build();
                }
            } else if (request instanceof BatchGetItemRequest && random.nextInt(100) < 5) {
                throttled.incrementAndGet();
                throw ProvisionedThroughputExceededException.builder().message("injected: throttled").build();
            }
        }

        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (context.request() instanceof TransactWriteItemsRequest && random.nextInt(100) < 8) {
                lostAnswers.incrementAndGet(); // written, but the function never learns it: the records come again
                throw DynamoDbException.builder().message("injected: answer lost after the write").statusCode(500).build();
            }
            return context.response();
        }
    }

    @Test
    void randomCommandsWithConsumerFaults_keepSalesEqualToTheRelationalModel() {
        long seed = Long.getLong("sales.seed", System.nanoTime());
        System.out.println("SalesConsumerModelBasedTest seed = " + seed + " (replay: -Dsales.seed=" + seed + ")");
        ConsumerFaults faults = new ConsumerFaults(seed);
        CommandTable table = CommandTable.seededWithConsumer(faults);
        RelationalNorthwind model = RelationalNorthwind.fromCsv();
        Random random = new Random(seed);
        List<String> log = new ArrayList<>();
        int succeeded = 0;
        try {
            // GIVEN the seed's sales, derived from its own stream records
            table.awaitDerived();
            SalesCheck.matches(model, table, "after the seed");
            for (int i = 1; i <= COMMANDS; i++) {
                // WHEN a random command runs on the system and on the model
                if (step(table, model, random, log)) {
                    succeeded++;
                }
                if (i % CHECK_EVERY == 0) {
                    // THEN once the consumer caught up, every product's sales and every day's equal the model's
                    table.awaitDerived();
                    SalesCheck.matches(model, table, "after command " + i);
                    listedStock().against(model, table, "after command " + i);
                }
            }
        } catch (AssertionError e) {
            fail("seed " + seed + ", commands:\n" + String.join("\n", log) + "\n" + e.getMessage(), e);
        } finally {
            table.drop();
        }
        assertTrue(succeeded > COMMANDS / 2, "seed " + seed + ": only " + succeeded + " commands succeeded");
        assertTrue(faults.refused.get() + faults.cancelled.get() + faults.lostAnswers.get() > 0,
                "seed " + seed + ": no fault was injected, the run proves less than it claims");
        System.out.println("SalesConsumerModelBasedTest faults: " + faults.refused + " refused, " + faults.cancelled
                + " cancelled, " + faults.throttled + " throttled, " + faults.lostAnswers + " answers lost");
    }

    /** Every pattern that shows a product's listed stock, for every category and supplier. */
    static PatternCheck listedStock() {
        PatternCheck check = PatternCheck.of().and("discontinuedProducts").and("lowStockProducts");
        for (long id = 1; id <= 8; id++) {
            check.and("productsByCategory", "categoryId", id);
        }
        for (long id = 1; id <= 29; id++) {
            check.and("productsBySupplier", "supplierId", id);
        }
        return check;
    }

    /** One random command on both; whether it succeeded. */
    static boolean step(CommandTable table, RelationalNorthwind model, Random random, List<String> log) {
        int kind = random.nextInt(10);
        if (kind < 5) {
            return placeOrder(table, model, random, log);
        }
        // Mostly open orders (only they can be cancelled or shipped), sometimes any: a refused command changes nothing.
        List<Map<String, String>> open = model.where("orders.csv", r -> r.get("shippedDate") == null);
        List<Map<String, String>> orders = open.isEmpty() || random.nextInt(4) == 0 ? model.table("orders.csv") : open;
        Map<String, String> order = orders.get(random.nextInt(orders.size()));
        long id = Long.parseLong(order.get("orderID"));
        if (kind < 8) {
            log.add("cancelOrder " + id);
            return agree(table.command("cancelOrder", params("orderId", id)), model.cancelOrder(id), log);
        }
        if (kind < 9) {
            String date = "2027-0" + (1 + random.nextInt(9)) + "-15";
            log.add("shipOrder " + id + " " + date);
            return agree(table.command("shipOrder", params("orderId", id, "shippedDate", date)),
                    model.shipOrder(id, date, null, null), log);
        }
        long product = 1 + random.nextInt(77);
        if (random.nextBoolean()) {
            long stock = random.nextInt(60);
            log.add("updateProduct " + product + " unitsInStock " + stock);
            return agree(table.command("updateProduct", params("productId", product, "unitsInStock", stock)),
                    model.updateProduct(product, Map.of("unitsInStock", Long.toString(stock))), log);
        }
        BigDecimal price = new BigDecimal(1 + random.nextInt(9999)).movePointLeft(2);
        log.add("updateProduct " + product + " unitPrice " + price);
        return agree(table.command("updateProduct", params("productId", product, "unitPrice", price)),
                model.updateProduct(product, Map.of("unitPrice", price.toPlainString())), log);
    }

    static boolean placeOrder(CommandTable table, RelationalNorthwind model, Random random, List<String> log) {
        List<Map<String, String>> customers = model.table("customers.csv");
        String customer = customers.get(random.nextInt(customers.size())).get("customerID");
        long employee = 1 + random.nextInt(9);
        int count = 1 + random.nextInt(4);
        List<long[]> lines = new ArrayList<>();
        List<BigDecimal> discounts = new ArrayList<>();
        List<Map<String, Object>> json = new ArrayList<>();
        Set<Long> used = new HashSet<>();
        while (lines.size() < count) {
            long product = 1 + random.nextInt(77);
            if (!used.add(product)) {
                continue;
            }
            long quantity = 1 + random.nextInt(5);
            BigDecimal discount = List.of(BigDecimal.ZERO, new BigDecimal("0.05"), new BigDecimal("0.15"), new BigDecimal("0.25"))
                    .get(random.nextInt(4));
            lines.add(new long[] {product, quantity});
            discounts.add(discount);
            json.add(params("productId", product, "quantity", quantity, "discount", discount));
        }
        // Today's few days and old days alike: a seeded day gains orders, a new day appears.
        String date = random.nextBoolean() ? "2026-11-2" + random.nextInt(3) : "1997-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10);
        log.add("placeOrder " + customer + " " + employee + " " + date + " " + json);
        RelationalNorthwind.Outcome expected = model.placeOrder(customer, employee, lines, discounts, date, null, null, null);
        return agree(table.command("placeOrder", params("customerId", customer, "employeeId", employee, "lines", json,
                "orderDate", date)), expected, log);
    }

    /** The system and the model agree on success or failure (the derived data is compared later). */
    static boolean agree(Map<String, Object> answer, RelationalNorthwind.Outcome expected, List<String> log) {
        boolean ok = answer.get("error") == null;
        log.add("  -> " + (ok ? "ok" : answer.get("error")));
        assertEquals(expected.ok(), ok, "system and model disagree: " + answer + " vs " + expected);
        return ok;
    }
}
