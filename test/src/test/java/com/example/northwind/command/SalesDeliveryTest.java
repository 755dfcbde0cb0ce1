package com.example.northwind.command;

import static com.example.northwind.command.CommandTable.line;
import static com.example.northwind.command.CommandTable.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.lambda.StreamRecords;
import com.example.northwind.model.EventFilter;
import com.example.northwind.model.StreamSources;
import com.example.northwind.query.ExpectedAnswers;
import com.example.northwind.query.QueryHandler;
import com.example.northwind.stream.StreamHandler;
import com.example.northwind.testsupport.StreamMappingHarness;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Exactly-once under Lambda's delivery, with the real records of a table's stream (the seed and a script of commands:
 * orders placed, shipped, cancelled, products repriced) handed to the stream handler as Lambda's event source mapping
 * would — and as it does when things go wrong: a batch delivered twice, the handler crashing after k records, a write
 * failing, a crash between the write and the checkpoint, an order's records split across batches, and all of these at
 * random. Each test derives into a table of its own (the ledger reads only its markers, never the source items), so
 * one stream serves every test; each ends with productSales and salesByDay equal to the relational model.
 */
class SalesDeliveryTest {
    private static CommandTable source;
    private static RelationalNorthwind model;
    /** The stream's records that pass the mapping's filters, as Lambda's event records, in stream order. */
    private static List<Map<String, Object>> records;

    @BeforeAll
    static void recordTheStream() {
        source = CommandTable.seededWithStream();
        model = RelationalNorthwind.fromCsv();
        // A script with every kind of change the sales derive from: orders placed on a new day and on seeded days,
        // shipped (no effect), cancelled (seeded and new ones), and a repriced product (no effect on sold lines).
        List<Long> placed = new ArrayList<>();
        String[] dates = {"2026-11-20", "2026-11-20", "1997-05-06", "2026-11-21", "1998-01-01"};
        for (int i = 0; i < dates.length; i++) {
            List<long[]> lines = List.of(new long[] {11 + i, 2 + i}, new long[] {43, 1});
            List<BigDecimal> discounts = List.of(new BigDecimal("0.15"), BigDecimal.ZERO);
            RelationalNorthwind.Outcome expected = model.placeOrder("ALFKI", 1, lines, discounts, dates[i], null, null, null);
            Map<String, Object> answer = source.command("placeOrder", params("customerId", "ALFKI", "employeeId", 1,
                    "orderDate", dates[i], "lines", List.of(params("productId", 11 + i, "quantity", 2 + i, "discount", 0.15),
                            line(43, 1))));
            assertEquals(null, answer.get("error"), "placeOrder: " + answer);
            placed.add(Long.parseLong(expected.detail()));
        }
        List<Long> cancelled = new ArrayList<>(model.where("orders.csv", r -> r.get("shippedDate") == null).stream()
                .limit(3).map(r -> Long.parseLong(r.get("orderID"))).toList()); // only unshipped orders can be cancelled
        cancelled.addAll(List.of(placed.get(1), placed.get(3)));
        for (long id : cancelled) {
            assertEquals(null, source.command("cancelOrder", params("orderId", id)).get("error"));
            model.cancelOrder(id);
        }
        assertEquals(null, source.command("shipOrder", params("orderId", placed.get(0), "shippedDate", "2026-11-23")).get("error"));
        model.shipOrder(placed.get(0), "2026-11-23", null, null);
        assertEquals(null, source.command("updateProduct", params("productId", 43, "unitPrice", 99.5)).get("error"));
        model.updateProduct(43, Map.of("unitPrice", "99.5"));

        String arn = StreamMappingHarness.streamArn(source.local.endpoint(), source.table);
        EventFilter filter = EventFilter.of(StreamSources.FILTER_PATTERNS);
        records = StreamMappingHarness.allRecords(source.local.endpoint(), arn).stream()
                .map(r -> StreamRecords.lambdaRecord(r, arn)).filter(filter::matches).toList();
        assertTrue(records.size() > 3_000, "the seed's orders, lines and products and the script's changes: " + records.size());
    }

    @org.junit.jupiter.api.AfterAll
    static void dropTheStream() {
        source.drop();
    }

    /** A fresh table the handler derives into, with the query API on it. */
    private static final class Derived {
        final String table = source.local.createTable();
        final QueryHandler queries = new QueryHandler(source.local.dynamo(), table);
        final StreamHandler handler;

        Derived(ExecutionInterceptor... faults) {
            DynamoDbClient client = source.local.client(faults);
            handler = new StreamHandler(client, table);
        }

        /** One invocation: the index in {@code batch} of the first record reported not done, or -1 when all are. */
        int invoke(List<Map<String, Object>> batch) {
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                handler.handleRequest(new ByteArrayInputStream(JSON.std.asBytes(StreamRecords.event(batch))), out, null);
                List<?> failures = (List<?>) JSON.std.mapFrom(out.toByteArray()).get("batchItemFailures");
                if (failures.isEmpty()) {
                    return -1;
                }
                Object seq = ((Map<?, ?>) failures.get(0)).get("itemIdentifier");
                for (int i = 0; i < batch.size(); i++) {
                    if (sequenceNumber(batch.get(i)).equals(seq)) {
                        return i;
                    }
                }
                throw new AssertionError("batchItemFailures names a record not in the batch: " + seq);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Lambda's protocol for one batch: invoke, and retry from the first record not done until all are done. */
        void deliver(List<Map<String, Object>> batch) {
            List<Map<String, Object>> rest = batch;
            for (int attempt = 0; attempt < 50; attempt++) {
                int failed = invoke(rest);
                if (failed < 0) {
                    return;
                }
                rest = rest.subList(failed, rest.size());
            }
            throw new AssertionError("a batch was never done");
        }

        void deliverAll(int batchSize) {
            for (int i = 0; i < records.size(); i += batchSize) {
                deliver(records.subList(i, Math.min(records.size(), i + batchSize)));
            }
        }

        /** Pages of 37 items: several pages for salesByDay, so paging is part of what is compared. */
        List<Map<String, Object>> query(String pattern, Map<String, Object> params) {
            return CommandTable.pages(queries, pattern, params, 37);
        }

        void assertMatchesTheModel(String when) {
            SalesCheck.matches(model, this::query, when);
        }

        /** Every derived item and ledger marker, as text: a redelivery must leave them exactly as they were. */
        Map<String, String> derivedState() {
            Map<String, String> out = new TreeMap<>();
            source.local.dynamo().scanPaginator(b -> b.tableName(table).consistentRead(true)).items()
                    .forEach(item -> out.put(item.get("pk").s() + "|" + item.get("sk").s(), new TreeMap<>(item).toString()));
            return out;
        }
    }

    private static String sequenceNumber(Map<String, Object> record) {
        return (String) ((Map<?, ?>) record.get("dynamodb")).get("SequenceNumber");
    }

    @Test
    void inOrderDelivery_matchesTheRelationalModel() {
        // GIVEN the stream's records WHEN they are delivered once, in batches of 500 THEN the sales equal the model
        Derived derived = new Derived();
        derived.deliverAll(500);
        derived.assertMatchesTheModel("delivered once");
    }

    @Test
    void batchDeliveredTwice_countsOnce() {
        // GIVEN every batch delivered, then delivered again (Lambda retries a batch whose invocation it saw fail)
        Derived derived = new Derived();
        for (int i = 0; i < records.size(); i += 200) {
            List<Map<String, Object>> batch = records.subList(i, Math.min(records.size(), i + 200));
            derived.deliver(batch);
            boolean compare = (i / 200) % 4 == 0 || i + 200 >= records.size(); // a full read of the state costs a Scan
            Map<String, String> once = compare ? derived.derivedState() : null;
            // WHEN the same batch comes again THEN nothing derived changes, not even a marker
            derived.deliver(batch);
            if (compare) {
                assertEquals(once, derived.derivedState(), "batch at " + i + " delivered twice");
            }
        }
        derived.assertMatchesTheModel("every batch twice");
        // AND the whole stream again, from the start (a mapping re-created at TRIM_HORIZON) changes nothing
        derived.deliverAll(1000);
        derived.assertMatchesTheModel("the whole stream twice");
    }

    @Test
    void handlerCrashingAfterKRecords_isRetriedAsAWholeBatch() {
        // GIVEN a handler that dies after the first k records of a batch (their effect written, no answer given)
        Derived derived = new Derived();
        Random random = new Random(7);
        for (int i = 0; i < records.size(); i += 300) {
            List<Map<String, Object>> batch = records.subList(i, Math.min(records.size(), i + 300));
            int k = random.nextInt(batch.size());
            derived.deliver(batch.subList(0, k)); // what it did before it died
            // WHEN Lambda retries the whole batch THEN the first k count once
            derived.deliver(batch);
        }
        derived.assertMatchesTheModel("crashes after k records");
    }

    @Test
    void failingWrite_isReportedAndRetriedFromTheFirstRecordNotDone() {
        // GIVEN every third transaction of the consumer failing with a server error
        AtomicInteger transactions = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Derived derived = new Derived(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                SdkRequest request = context.request();
                if (request instanceof TransactWriteItemsRequest && transactions.incrementAndGet() % 3 == 0) {
                    failed.incrementAndGet();
                    throw DynamoDbException.builder().statusCode(500).message("injected: internal server error").build();
                }
            }
        });
        // WHEN a batch is delivered THEN the handler names a record not done (not the first, once some were written)
        int firstNotDone = derived.invoke(records.subList(0, 1000));
        assertTrue(firstNotDone > 0, "the handler reports the first record not done: " + firstNotDone);
        // AND Lambda's retries from that record finish the stream exactly
        derived.deliver(records.subList(firstNotDone, 1000));
        derived.deliver(records.subList(1000, records.size()));
        assertTrue(failed.get() > 0, "no write failed");
        derived.assertMatchesTheModel("failing writes");
    }

    @Test
    void crashBetweenTheWriteAndTheCheckpoint_redeliveryChangesNothing() {
        // GIVEN writes that succeed but whose answers are lost (the function times out after writing)
        AtomicInteger lost = new AtomicInteger();
        Derived derived = new Derived(new ExecutionInterceptor() {
            @Override
            public software.amazon.awssdk.core.SdkResponse modifyResponse(Context.ModifyResponse context,
                                                                           ExecutionAttributes attributes) {
                if (context.request() instanceof TransactWriteItemsRequest && lost.incrementAndGet() % 4 == 1) {
                    throw DynamoDbException.builder().statusCode(500).message("injected: answer lost after the write").build();
                }
                return context.response();
            }
        });
        // WHEN every batch is retried until it is done THEN what was written before the lost answers counts once
        derived.deliverAll(250);
        assertTrue(lost.get() > 1, "no answer was lost");
        derived.assertMatchesTheModel("lost answers");
    }

    @Test
    void recordsOfOneOrderSplitAcrossBatches_countOnceEach() {
        // GIVEN batches of 3 records: an order, its lines and its products land in different invocations
        Derived derived = new Derived();
        derived.deliverAll(3);
        derived.assertMatchesTheModel("batches of 3");
    }

    @Test
    void randomDelivery_withDuplicatesPartialRetriesAndReplays_matchesTheModel() {
        long seed = Long.getLong("delivery.seed", System.nanoTime());
        System.out.println("SalesDeliveryTest seed = " + seed + " (replay: -Ddelivery.seed=" + seed + ")");
        Random random = new Random(seed);
        Derived derived = new Derived(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof TransactWriteItemsRequest && random.nextInt(10) == 0) {
                    throw DynamoDbException.builder().statusCode(500).message("injected").build();
                }
            }
        });
        // GIVEN random batch sizes, a random replay of an earlier stretch of the stream, random crashes after k records
        int at = 0;
        while (at < records.size()) {
            int size = 1 + random.nextInt(400);
            List<Map<String, Object>> batch = records.subList(at, Math.min(records.size(), at + size));
            switch (random.nextInt(4)) {
                case 0 -> derived.deliver(batch.subList(0, random.nextInt(batch.size()))); // crashed after k
                case 1 -> derived.deliver(records.subList(random.nextInt(at + 1), at)); // an older stretch again
                default -> { }
            }
            derived.deliver(batch);
            at += batch.size();
        }
        // THEN the sales equal the model
        try {
            derived.assertMatchesTheModel("random delivery");
        } catch (AssertionError e) {
            throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
        }
        assertNotEquals(0, records.size());
    }
}
