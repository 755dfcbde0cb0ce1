package com.example.northwind.benchmark;

import com.example.northwind.benchmark.heat.Zipf;
import com.example.northwind.command.CommandHandler;
import com.example.northwind.local.DesignTable;
import com.example.northwind.local.stream.Checkpoints;
import com.example.northwind.local.stream.DynamoDbStreamSource;
import com.example.northwind.local.stream.FailureDestination;
import com.example.northwind.local.stream.FunctionInvoker;
import com.example.northwind.local.stream.LocalEventSourceMapping;
import com.example.northwind.local.stream.MappingSettings;
import com.example.northwind.model.StreamSources;
import com.example.northwind.seeder.NorthwindSeeder;
import com.example.northwind.stream.StreamHandler;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The stream consumer on DynamoDB Local, run by the local event source mapping with the deployed mapping's settings
 * (BatchSize 500, a 1 s batching window, the filters, partial batch responses): how long the seed's records take, the
 * lag from a command's answer to the aggregate showing it, what the consumer costs per 1,000 orders, and how often it
 * writes its hottest keys — the input of the heat model at R = 1,000 orders/s.
 */
final class StreamsBenchmark {
    /** As deployed (NorthwindStreamConsumerProps defaults; docs/derived-data.md). */
    static final MappingSettings DEPLOYED = MappingSettings.lambdaDefaults().withBatchSize(500)
            .withMaxBatchingWindow(Duration.ofSeconds(1)).withFilterPatterns(StreamSources.FILTER_PATTERNS)
            .withErrorHandling(true, true, 10, Duration.ofHours(6));
    private static final int LAG_ORDERS = 100;
    private static final int COST_ORDERS = 1_000;
    private static final int CLIENTS = 4;
    /** Partition limits of DynamoDB (per partition). */
    private static final double PARTITION_WCU = 1_000;

    private final URI endpoint;
    private final DynamoDbClient dynamo;

    StreamsBenchmark(URI endpoint, DynamoDbClient dynamo) {
        this.endpoint = endpoint;
        this.dynamo = dynamo;
    }

    /** The consumer's side: invocations, records, and what its requests consumed (ReturnConsumedCapacity TOTAL). */
    static final class ConsumerMeter implements ExecutionInterceptor {
        final LongAdder invocations = new LongAdder();
        final LongAdder records = new LongAdder();
        final LongAdder transactions = new LongAdder();
        final LongAdder transactionActions = new LongAdder();
        final LongAdder otherWrites = new LongAdder();
        final Map<String, LongAdder> writesByKey = new ConcurrentHashMap<>();
        final AtomicLong writeUnitsMilli = new AtomicLong();
        final AtomicLong readUnitsMilli = new AtomicLong();
        final LongAdder itemsRead = new LongAdder();

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            SdkRequest request = context.request();
            if (request instanceof TransactWriteItemsRequest t) {
                return t.toBuilder().returnConsumedCapacity("TOTAL").build();
            }
            if (request instanceof software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest b) {
                return b.toBuilder().returnConsumedCapacity("TOTAL").build();
            }
            if (request instanceof software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest d) {
                return d.toBuilder().returnConsumedCapacity("TOTAL").build();
            }
            return request;
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            Object response = context.response();
            if (response instanceof software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse r) {
                TransactWriteItemsRequest request = (TransactWriteItemsRequest) context.request();
                transactions.increment();
                transactionActions.add(request.transactItems().size());
                request.transactItems().forEach(action -> {
                    if (action.update() != null) {
                        String key = action.update().key().get("pk").s() + " / " + action.update().key().get("sk").s();
                        writesByKey.computeIfAbsent(key, k -> new LongAdder()).increment();
                    }
                });
                r.consumedCapacity().forEach(c -> writeUnitsMilli.addAndGet(Math.round(units(c.writeCapacityUnits(), c.capacityUnits()) * 1000)));
            } else if (response instanceof software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse r) {
                r.consumedCapacity().forEach(c -> readUnitsMilli.addAndGet(Math.round(units(c.readCapacityUnits(), c.capacityUnits()) * 1000)));
                software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest request =
                        (software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest) context.request();
                request.requestItems().values().forEach(k -> itemsRead.add(k.keys().size()));
            } else if (response instanceof software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse r) {
                otherWrites.increment();
                if (r.consumedCapacity() != null) {
                    writeUnitsMilli.addAndGet(Math.round(units(r.consumedCapacity().writeCapacityUnits(),
                            r.consumedCapacity().capacityUnits()) * 1000));
                }
            }
        }

        private static double units(Double specific, Double total) {
            return specific != null ? specific : total == null ? 0 : total;
        }

        Map<String, Object> snapshot() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("invocations", invocations.sum());
            m.put("records", records.sum());
            m.put("transactions", transactions.sum());
            m.put("transactionActions", transactionActions.sum());
            // Priced by the published rules (every item here is under 1 KB): a transactional write 2 WCU per item, a
            // conditional delete 1 WCU, a strongly consistent read 1 RCU per item. DynamoDB Local's own figures for
            // TransactWriteItems and BatchGetItem are not the service's (it reports ~2 units per transaction, and none
            // for batch reads), so they are kept only for reference.
            m.put("writeUnits", 2 * transactionActions.sum() + otherWrites.sum());
            m.put("readUnits", itemsRead.sum());
            m.put("dynamoDbLocalReportedWriteUnits", Stats.round(writeUnitsMilli.get() / 1000.0, 1));
            return m;
        }

        void reset() {
            invocations.reset();
            records.reset();
            transactions.reset();
            transactionActions.reset();
            otherWrites.reset();
            writesByKey.clear();
            writeUnitsMilli.set(0);
            readUnitsMilli.set(0);
            itemsRead.reset();
        }
    }

    /** A table with a stream, the mapping on it (before anything is written, as deployed), and the meter. */
    private final class Consumer implements AutoCloseable {
        final String table;
        final ConsumerMeter meter = new ConsumerMeter();
        final LocalEventSourceMapping mapping;
        final DynamoDbStreamsClient streams;

        Consumer(String table) {
            this.table = table;
            DesignTable.create(dynamo, table);
            dynamo.updateTable(b -> b.tableName(table).streamSpecification(
                    s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
            DynamoDbClient consumerClient = Dynamo.client(endpoint, meter);
            StreamHandler handler = new StreamHandler(consumerClient, table);
            streams = DynamoDbStreamsClient.builder().endpointOverride(endpoint)
                    .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                    .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                    .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build();
            String arn = dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn();
            FunctionInvoker invoker = event -> {
                try {
                    meter.invocations.increment();
                    meter.records.add(((List<?>) JSON.std.mapFrom(event).get("Records")).size());
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    handler.handleRequest(new ByteArrayInputStream(event), out, null);
                    return new FunctionInvoker.Outcome(out.toByteArray(), false, false, "bench", "1");
                } catch (Exception e) {
                    return new FunctionInvoker.Outcome(("{\"errorMessage\":\"" + e + "\"}").getBytes(), true, false, "bench", "1");
                }
            };
            mapping = LocalEventSourceMapping.start(new DynamoDbStreamSource(streams, arn), DEPLOYED, invoker,
                    Checkpoints.inMemory(), FailureDestination.none(), "arn:aws:lambda:us-east-1:000000000000:function:stream:live",
                    Clock.systemUTC(), LocalEventSourceMapping.Timing.lambdaLike(), line -> { });
        }

        /** Waits for lag 0; the time it took. */
        double drainSeconds() throws InterruptedException {
            long start = System.nanoTime();
            if (!mapping.awaitCaughtUp(Duration.ofMinutes(60))) {
                throw new IllegalStateException("the consumer did not catch up: " + mapping.status().describe());
            }
            return (System.nanoTime() - start) / 1e9;
        }

        @Override
        public void close() {
            mapping.close();
            streams.close();
            Dynamo.deleteTable(dynamo, table);
        }
    }

    Map<String, Object> run(Path realData, Path largeData, int largeScale) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("settings", DEPLOYED.describe());
        try (Consumer consumer = new Consumer("bench-streams")) {
            out.put("seedK1", seed(consumer, realData, "k=1"));
            CommandHandler commands = new CommandHandler(Dynamo.client(endpoint), consumer.table, Clock.systemUTC());
            restock(commands);
            consumer.drainSeconds();
            out.put("lag", lag(consumer, commands));
            out.put("per1000Orders", per1000(consumer, commands));
        }
        if (largeData != null) {
            try (Consumer consumer = new Consumer("bench-streams-large")) {
                Map<String, Object> large = seed(consumer, largeData, "k=" + largeScale);
                large.put("k", largeScale);
                out.put("seedLarge", large);
            }
        }
        out.put("heatModel", heatModel(out));
        return out;
    }

    /** Seeds through the stream; how long the consumer took after the seed's last write, and the lag then. */
    private Map<String, Object> seed(Consumer consumer, Path data, String label) throws InterruptedException {
        consumer.meter.reset();
        long start = System.nanoTime();
        new NorthwindSeeder(dynamo, consumer.table, SeedingBenchmark.concurrent()).seed(data);
        double seedSeconds = (System.nanoTime() - start) / 1e9;
        LocalEventSourceMapping.Status atSeedEnd = consumer.mapping.status();
        double drain = consumer.drainSeconds();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seedSeconds", Stats.round(seedSeconds, 1));
        m.put("recordsBehindAtSeedEnd", atSeedEnd.recordsBehind());
        m.put("lagAtSeedEndSeconds", Stats.round(atSeedEnd.lag().toMillis() / 1000.0, 1));
        m.put("drainAfterSeedSeconds", Stats.round(drain, 1));
        m.put("totalSeconds", Stats.round(seedSeconds + drain, 1));
        m.putAll(consumer.meter.snapshot());
        m.put("recordsPerSecond", Stats.round(consumer.meter.records.sum() / (seedSeconds + drain), 0));
        System.out.printf("  streams %s: seed %.1f s, then %.1f s to drain (%d records behind, lag %.1f s at the seed's end); %s%n",
                label, seedSeconds, drain, atSeedEnd.recordsBehind(), atSeedEnd.lag().toMillis() / 1000.0, consumer.meter.snapshot());
        return m;
    }

    /** Every product sellable in any quantity: the benchmark measures the consumer, not refused orders. */
    private static void restock(CommandHandler commands) throws Exception {
        for (int id = 1; id <= 77; id++) {
            call(commands, "updateProduct", Map.of("productId", id, "unitsInStock", 1_000_000_000, "discontinued", false));
        }
    }

    /**
     * From each command's answer until productSales of its product shows it, and until its listed stock (the product
     * entity's {@code unitsInStock}, what productsByCategory, productsBySupplier, discontinuedProducts and
     * lowStockProducts answer with) does, one order at a time.
     */
    private Map<String, Object> lag(Consumer consumer, CommandHandler commands) throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        double[] lags = new double[LAG_ORDERS];
        double[] listedLags = new double[LAG_ORDERS];
        for (int i = 0; i < LAG_ORDERS; i++) {
            int product = 1 + random.nextInt(77);
            long before = productOrders(consumer.table, product);
            long listedBefore = listedStock(consumer.table, product);
            Map<String, Object> order = order(List.of(product), random);
            long quantity = ((Number) ((List<Map<String, Object>>) order.get("lines")).get(0).get("quantity")).longValue();
            call(commands, "placeOrder", order);
            long answered = System.nanoTime();
            boolean sold = false;
            boolean listed = false;
            while (!sold || !listed) {
                if (!sold && productOrders(consumer.table, product) > before) {
                    sold = true;
                    lags[i] = (System.nanoTime() - answered) / 1e6;
                }
                if (!listed && listedStock(consumer.table, product) == listedBefore - quantity) {
                    listed = true;
                    listedLags[i] = (System.nanoTime() - answered) / 1e6;
                }
                Thread.sleep(2);
                if (System.nanoTime() - answered > 60_000_000_000L) {
                    throw new IllegalStateException("productSales or the listed stock never showed an order: "
                            + consumer.mapping.status().describe());
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("orders", LAG_ORDERS);
        m.put("p50Ms", Stats.round(Stats.percentile(lags, 50), 0));
        m.put("p99Ms", Stats.round(Stats.percentile(lags, 99), 0));
        m.put("maxMs", Stats.round(java.util.Arrays.stream(lags).max().orElse(0), 0));
        m.put("listedStockP50Ms", Stats.round(Stats.percentile(listedLags, 50), 0));
        m.put("listedStockP99Ms", Stats.round(Stats.percentile(listedLags, 99), 0));
        m.put("listedStockMaxMs", Stats.round(java.util.Arrays.stream(listedLags).max().orElse(0), 0));
        System.out.printf("  streams lag (command answered -> productSales shows it), %d orders one at a time: p50 %.0f ms, p99 %.0f ms;"
                + " listed stock: p50 %.0f ms, p99 %.0f ms%n", LAG_ORDERS, Stats.percentile(lags, 50), Stats.percentile(lags, 99),
                Stats.percentile(listedLags, 50), Stats.percentile(listedLags, 99));
        return m;
    }

    /** A product's listed stock (its entity's unitsInStock), read strongly consistent. */
    private long listedStock(String table, int product) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS("PRODUCT#" + product), "sk", AttributeValue.fromS("PRODUCT")))).item();
        return Long.parseLong(item.get("unitsInStock").n());
    }

    /** 1,000 orders from 4 clients (products Zipf 1.1, 1-5 lines, today's date), then what the consumer did for them. */
    private Map<String, Object> per1000(Consumer consumer, CommandHandler commands) throws Exception {
        consumer.meter.reset();
        Zipf zipf = new Zipf(77, 1.1);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                SplittableRandom random = new SplittableRandom(100 + c);
                running.add(pool.submit(() -> {
                    for (int i = 0; i < COST_ORDERS / CLIENTS; i++) {
                        List<Integer> products = new ArrayList<>();
                        int lines = 1 + random.nextInt(5);
                        while (products.size() < lines) {
                            int p = 1 + zipf.sample(random);
                            if (!products.contains(p)) {
                                products.add(p);
                            }
                        }
                        call(commands, "placeOrder", order(products, random));
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        double placeSeconds = (System.nanoTime() - start) / 1e9;
        double drain = consumer.drainSeconds();
        Map<String, Object> m = new LinkedHashMap<>(consumer.meter.snapshot());
        m.put("orders", COST_ORDERS);
        m.put("ordersPerSecond", Stats.round(COST_ORDERS / placeSeconds, 0));
        m.put("drainAfterLastOrderSeconds", Stats.round(drain, 2));
        String today = "DAILY_SALES / DAY#" + LocalDate.now(ZoneOffset.UTC);
        List<Map.Entry<String, LongAdder>> hottest = consumer.meter.writesByKey.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum())).limit(4).toList();
        List<Map<String, Object>> keys = new ArrayList<>();
        hottest.forEach(e -> keys.add(new LinkedHashMap<>(Map.of("key", e.getKey(), "writes", e.getValue().sum()))));
        m.put("hottestDerivedKeys", keys);
        m.put("todayWrites", consumer.meter.writesByKey.getOrDefault(today, new LongAdder()).sum());
        System.out.printf("  streams per 1,000 orders: %s, drained %.2f s after the last order; hottest %s%n",
                consumer.meter.snapshot(), drain, keys);
        return m;
    }

    /**
     * The heat model at R = 1,000 orders/s: records per order as measured; batches fill at 500 records (the window
     * does not bind at that rate), so a shard's consumer runs rate/500 batches a second; a derived key is written once
     * per consumer transaction that holds one of its changes, and as measured the hottest key is in nearly every
     * transaction. So its writes/s ≈ transactions per record × records/s, at 2 WCU per transactional write of a
     * small item, against the 1,000 WCU/s a partition takes. Written per order instead, the same key would take
     * 1,000 writes/s.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> heatModel(Map<String, Object> out) {
        Map<String, Object> per = (Map<String, Object>) out.get("per1000Orders");
        double records = ((Number) per.get("records")).doubleValue();
        double transactions = ((Number) per.get("transactions")).doubleValue();
        double orders = ((Number) per.get("orders")).doubleValue();
        double rate = 1_000;
        double recordsPerSecond = records / orders * rate;
        double transactionsPerSecond = transactions / Math.max(1, records) * recordsPerSecond;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ordersPerSecond", rate);
        m.put("consumerRecordsPerSecond", Stats.round(recordsPerSecond, 0));
        m.put("consumerTransactionsPerSecond", Stats.round(transactionsPerSecond, 1));
        List<Map<String, Object>> keys = new ArrayList<>();
        for (Map<String, Object> key : (List<Map<String, Object>>) per.get("hottestDerivedKeys")) {
            double share = ((Number) key.get("writes")).doubleValue() / Math.max(1, transactions);
            double writes = share * transactionsPerSecond;
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("key", key.get("key"));
            k.put("shareOfTransactions", Stats.round(share, 2));
            k.put("writesPerSecond", Stats.round(writes, 1));
            k.put("wcuPerSecond", Stats.round(writes * 2, 1));
            k.put("shareOfPartitionLimit", Stats.round(writes * 2 / PARTITION_WCU, 3));
            keys.add(k);
        }
        m.put("hottestKeys", keys);
        m.put("todayIfWrittenPerOrderWcuPerSecond", rate * 2);
        return m;
    }

    /** productSales' order-line count of a product, read strongly consistent (0 before its first sale is counted). */
    private long productOrders(String table, int product) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS("PRODUCT_SALES#" + product), "sk", AttributeValue.fromS("PRODUCT_SALES")))).item();
        return item == null || !item.containsKey("orders") ? 0 : Long.parseLong(item.get("orders").n());
    }

    private static Map<String, Object> order(List<Integer> products, SplittableRandom random) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int p : products) {
            lines.add(Map.of("productId", p, "quantity", 1 + random.nextInt(10),
                    "discount", List.of(BigDecimal.ZERO, new BigDecimal("0.05"), new BigDecimal("0.15")).get(random.nextInt(3))));
        }
        return Map.of("customerId", "ALFKI", "employeeId", 1 + random.nextInt(9), "lines", lines);
    }

    private static Map<String, Object> call(CommandHandler commands, String name, Map<String, Object> params) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        commands.handleRequest(new ByteArrayInputStream(JSON.std.asBytes(Map.of("command", name, "params", params))), out, null);
        Map<String, Object> answer = JSON.std.mapFrom(out.toByteArray());
        if (answer.get("error") != null) {
            throw new IllegalStateException(name + " " + params + " refused: " + answer.get("error"));
        }
        return answer;
    }
}
