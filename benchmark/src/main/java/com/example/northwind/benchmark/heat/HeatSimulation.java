package com.example.northwind.benchmark.heat;

import com.example.northwind.command.CommandHandler;
import com.example.northwind.model.AccessPatterns;
import com.example.northwind.model.Bookkeeping;
import com.example.northwind.model.ItemCodec;
import com.example.northwind.model.ItemModel;
import com.example.northwind.model.Read;
import com.example.northwind.schema.EntityType;
import com.example.northwind.schema.TableSchema;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The workload, in simulated time, against the real command handler on a {@link SimulatedDynamo}: placeOrder at R
 * orders per second, shipOrder for a share of them after a random delay, and a read mix per order evaluated with
 * each pattern's {@link Read} on the {@link TableState}. Every unit is charged to its partition key value in
 * {@link Heat}. Deterministic for a seed.
 */
public final class HeatSimulation {
    /** The workload's parameters (defaults: the ones the benchmark reports). */
    public record Workload(double ordersPerSecond, int seconds, long seed, double productZipf, double customerZipf,
                           int minLines, int maxLines, double shippedShare, double maxShipDelayHours,
                           Map<String, Integer> readsPerOrder, int pageSize, int recentOrdersForOrderReads,
                           double indexTransactionFactor) {
        public static final Map<String, Integer> READ_MIX = readMix();

        public static Workload of(double ordersPerSecond) {
            return new Workload(ordersPerSecond, 600, 42, 1.1, 1.1, 1, 5, 0.95, 48, READ_MIX, 25, 10_000,
                    Pricing.TRANSACTIONAL_INDEX_FACTOR);
        }

        public Workload withSeconds(int s) {
            return new Workload(ordersPerSecond, s, seed, productZipf, customerZipf, minLines, maxLines, shippedShare,
                    maxShipDelayHours, readsPerOrder, pageSize, recentOrdersForOrderReads, indexTransactionFactor);
        }

        public Workload withRate(double r) {
            return new Workload(r, seconds, seed, productZipf, customerZipf, minLines, maxLines, shippedShare,
                    maxShipDelayHours, readsPerOrder, pageSize, recentOrdersForOrderReads, indexTransactionFactor);
        }

        private static Map<String, Integer> readMix() {
            Map<String, Integer> m = new LinkedHashMap<>();
            m.put("recentOrders", 1);
            m.put("openOrders", 1);
            m.put("customerOrders", 2);
            m.put("productOrders", 1);
            m.put("order", 3);
            m.put("product", 2);
            return m;
        }
    }

    /** A settable clock: "today" of the command handler follows simulated time. */
    static final class SimClock extends Clock {
        private final Instant start;
        private long millis;

        SimClock(Instant start) {
            this.start = start;
        }

        void set(long millis) {
            this.millis = millis;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return start.plusMillis(millis);
        }
    }

    /** Simulated time starts here (orders get this date as orderDate). */
    public static final Instant START = Instant.parse("2026-11-23T00:00:00Z");
    private static final String TABLE = "simulated";

    private final Workload w;
    private final SimulatedDynamo dynamo;
    private final Heat heat;
    private final SimClock clock = new SimClock(START);
    private final CommandHandler handler;
    private final ConsumerModel consumer;
    private final List<String> customers;
    private final List<Long> employees;
    private final List<Long> shippers;
    private final List<Long> products;
    private long failures;
    private String firstFailure;
    private long ordersPlaced;
    private long ordersShipped;
    private long reads;

    /**
     * @param seedItems the table before the run (e.g. the seeder's items of a data set); products are restocked and
     *                  made available before the run so that no order is refused for stock
     */
    public HeatSimulation(Workload w, List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> seedItems) {
        this.w = w;
        this.heat = new Heat();
        this.dynamo = new SimulatedDynamo(heat, new TableState(2 * w.pageSize(), 300_000), w.indexTransactionFactor());
        List<String> cs = new ArrayList<>();
        List<Long> es = new ArrayList<>();
        List<Long> ss = new ArrayList<>();
        List<Long> ps = new ArrayList<>();
        long maxOrderId = 0;
        for (Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item : seedItems) {
            String type = item.get(TableSchema.TYPE).s();
            EntityType entity = EntityType.fromTypeName(type).orElse(null);
            boolean entityItem = entity != null && item.get(TableSchema.SK).s().equals(ItemModel.entitySortKey(entity));
            // Commands read customers, employees, shippers and products (placeOrder) and orders (shipOrder, only
            // orders placed in the run): keep the attributes of the partitions a command reads.
            boolean keep = entity == EntityType.CUSTOMER || entity == EntityType.EMPLOYEE || entity == EntityType.SHIPPER
                    || entity == EntityType.PRODUCT;
            if (entity == EntityType.PRODUCT || entity == EntityType.STOCK_SHARD) {
                continue; // loaded below, restocked
            }
            dynamo.load(item, keep);
            if (entityItem) {
                switch (entity) {
                    case CUSTOMER -> cs.add(item.get("customerID").s());
                    case EMPLOYEE -> es.add(Long.parseLong(item.get("employeeID").n()));
                    case SHIPPER -> ss.add(Long.parseLong(item.get("shipperID").n()));
                    case ORDER -> maxOrderId = Math.max(maxOrderId, Long.parseLong(item.get("orderID").n()));
                    default -> {
                    }
                }
            }
        }
        for (Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item : seedItems) {
            if (!item.get(TableSchema.TYPE).s().equals(EntityType.PRODUCT.typeName())
                    || !item.get(TableSchema.SK).s().equals(ItemModel.entitySortKey(EntityType.PRODUCT))) {
                continue;
            }
            Map<String, Object> fact = new LinkedHashMap<>(ItemCodec.toFact(EntityType.PRODUCT, item));
            fact.put("unitsInStock", 1_000_000_000L);
            fact.put("discontinued", false);
            ItemModel.itemsOf(EntityType.PRODUCT, fact).forEach(i -> dynamo.load(ItemCodec.toAttributes(i), true));
            com.example.northwind.model.Stock.shardItems((Long) fact.get("productID"), 1_000_000_000L, 0)
                    .forEach(i -> dynamo.load(ItemCodec.toAttributes(i), true));
            ps.add((Long) fact.get("productID"));
        }
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> counter = new LinkedHashMap<>(
                ItemCodec.key(Bookkeeping.ORDER_ID_COUNTER_PK, Bookkeeping.COUNTER_SK));
        counter.put(Bookkeeping.COUNTER_VALUE, software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(
                Long.toString(maxOrderId)));
        dynamo.load(counter, true);
        cs.sort(null);
        es.sort(null);
        ss.sort(null);
        ps.sort(null);
        // Popularity ranks are a seeded shuffle of the ids (so rank 1 is not simply the smallest id).
        SplittableRandom shuffle = new SplittableRandom(w.seed() ^ 0x5DEECE66DL);
        shuffle(cs, shuffle);
        shuffle(ps, shuffle);
        this.customers = cs;
        this.employees = es;
        this.shippers = ss;
        this.products = ps;
        this.handler = new CommandHandler(dynamo, TABLE, clock);
        this.consumer = new ConsumerModel(heat, new com.example.northwind.derived.ListedStock(dynamo, TABLE));
        dynamo.stream(consumer::written);
    }

    private static <T> void shuffle(List<T> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    private record Ship(long atMillis, long orderId) {
    }

    /** Runs the workload; the answer is {@link #heat()} and the counters. */
    public HeatSimulation run() {
        SplittableRandom random = new SplittableRandom(w.seed());
        Zipf productZipf = new Zipf(products.size(), w.productZipf());
        Zipf customerZipf = new Zipf(customers.size(), w.customerZipf());
        PriorityQueue<Ship> ships = new PriorityQueue<>((a, b) -> a.atMillis != b.atMillis
                ? Long.compare(a.atMillis, b.atMillis) : Long.compare(a.orderId, b.orderId));
        long endMillis = w.seconds() * 1000L;
        long[] recent = new long[w.recentOrdersForOrderReads()];
        int recentCount = 0;
        List<String> mix = new ArrayList<>();
        w.readsPerOrder().forEach((pattern, n) -> {
            for (int i = 0; i < n; i++) {
                mix.add(pattern);
            }
        });
        long total = Math.round(w.ordersPerSecond() * w.seconds());
        String orderDate = LocalDate.ofInstant(START, ZoneOffset.UTC).toString();
        for (long n = 0; n < total; n++) {
            long t = (long) Math.floor(n * 1000.0 / w.ordersPerSecond());
            while (!ships.isEmpty() && ships.peek().atMillis <= t) {
                Ship s = ships.poll();
                at(s.atMillis);
                command("shipOrder", "{\"command\":\"shipOrder\",\"params\":{\"orderId\":" + s.orderId + "}}");
                dynamo.evictPartition(ItemModel.partition(EntityType.ORDER, Long.toString(s.orderId)));
                ordersShipped++;
            }
            at(t);
            String customer = customers.get(customerZipf.sample(random));
            long employee = employees.get(random.nextInt(employees.size()));
            long shipper = shippers.get(random.nextInt(shippers.size()));
            int lineCount = w.minLines() + random.nextInt(w.maxLines() - w.minLines() + 1);
            StringBuilder lines = new StringBuilder();
            java.util.Set<Long> chosen = new java.util.HashSet<>();
            while (chosen.size() < Math.min(lineCount, products.size())) {
                long product = products.get(productZipf.sample(random));
                if (chosen.add(product)) {
                    if (lines.length() > 0) {
                        lines.append(',');
                    }
                    lines.append("{\"productId\":").append(product).append(",\"quantity\":").append(1 + random.nextInt(10));
                    if (random.nextInt(4) == 0) {
                        lines.append(",\"discount\":0.05");
                    }
                    lines.append('}');
                }
            }
            String freight = (random.nextInt(20000) / 100.0) + "";
            String json = "{\"command\":\"placeOrder\",\"params\":{\"customerId\":\"" + customer + "\",\"employeeId\":"
                    + employee + ",\"shipVia\":" + shipper + ",\"freight\":" + freight + ",\"requiredDate\":\""
                    + LocalDate.parse(orderDate).plusDays(28) + "\",\"lines\":[" + lines + "]}}";
            String placed = command("placeOrder", json);
            if (placed == null) {
                continue;
            }
            long orderId = orderId(placed);
            ordersPlaced++;
            recent[recentCount % recent.length] = orderId;
            recentCount++;
            boolean ships_ = random.nextDouble() < w.shippedShare();
            long shipAt = t + (long) (random.nextDouble() * w.maxShipDelayHours() * 3_600_000L);
            if (ships_ && shipAt < endMillis) {
                ships.add(new Ship(shipAt, orderId));
            } else {
                dynamo.evictPartition(ItemModel.partition(EntityType.ORDER, Long.toString(orderId)));
            }
            for (String pattern : mix) {
                Map<String, String> params = new LinkedHashMap<>();
                switch (pattern) {
                    case "customerOrders" -> params.put("customerId", customers.get(customerZipf.sample(random)));
                    case "productOrders", "product" -> params.put("productId", Long.toString(products.get(productZipf.sample(random))));
                    case "order" -> params.put("orderId", Long.toString(recent[random.nextInt(Math.min(recentCount, recent.length))]));
                    default -> {
                    }
                }
                read(pattern, params);
            }
        }
        while (!ships.isEmpty() && ships.peek().atMillis < endMillis) {
            Ship s = ships.poll();
            at(s.atMillis);
            command("shipOrder", "{\"command\":\"shipOrder\",\"params\":{\"orderId\":" + s.orderId + "}}");
            ordersShipped++;
        }
        consumer.deliver();
        heat.finish();
        return this;
    }

    private void at(long millis) {
        clock.set(millis);
        long second = millis / 1000;
        if (second != currentSecond) {
            // The stream consumer gets the records of the seconds before this one now (a second of delivery lag).
            heat.at(second);
            consumer.deliver();
            currentSecond = second;
        }
    }

    private long currentSecond = -1;
    /** Per pattern: pages, requests, items read, items returned. */
    private final Map<String, long[]> readStats = new java.util.TreeMap<>();

    /** Per pattern read in the mix: requests per page and items read per item returned (the scatter-gather's cost). */
    public Map<String, Map<String, Object>> readStats() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        readStats.forEach((pattern, r) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pages", r[0]);
            m.put("requestsPerPage", Math.round(100.0 * r[1] / r[0]) / 100.0);
            m.put("itemsReturnedPerPage", Math.round(100.0 * r[3] / r[0]) / 100.0);
            m.put("itemsReadPerItemReturned", r[3] == 0 ? null : Math.round(100.0 * r[2] / r[3]) / 100.0);
            out.put(pattern, m);
        });
        return out;
    }

    public ConsumerModel consumer() {
        return consumer;
    }

    /** The command's answer; null when it was refused (counted in {@link #failures}). */
    private String command(String label, String json) {
        heat.begin(label);
        byte[] answer = handler.handle(json.getBytes(StandardCharsets.UTF_8));
        String text = new String(answer, StandardCharsets.UTF_8);
        if (text.startsWith("{\"error\":")) {
            failures++;
            if (firstFailure == null) {
                firstFailure = text;
            }
            return null;
        }
        return text;
    }

    /**
     * The id placeOrder answered with (ids come from leased blocks, so the counter holds the block's end, not the
     * order's id).
     */
    private static long orderId(String answer) {
        java.util.regex.Matcher m = ORDER_ID.matcher(answer);
        if (!m.find()) {
            throw new IllegalStateException("placeOrder answered without an orderID: " + answer);
        }
        return Long.parseLong(m.group(1));
    }

    private static final java.util.regex.Pattern ORDER_ID = java.util.regex.Pattern.compile("\"orderID\":(\\d+)");

    /** One page of a pattern: eventually consistent, the first page of {@code pageSize} items. */
    private void read(String pattern, Map<String, String> params) {
        heat.begin("read:" + pattern);
        Read read = AccessPatterns.byName(pattern).orElseThrow().read(params);
        TableState.Page page = dynamo.state().read(read, w.pageSize());
        for (TableState.Request request : page.requests()) {
            heat.add(page.target(), Heat.Kind.READ, request.partition(), request.units());
        }
        long[] r = readStats.computeIfAbsent(pattern, k -> new long[4]);
        r[0]++;
        r[1] += page.requests().size();
        r[2] += page.itemsRead();
        r[3] += page.items();
        reads++;
    }


    public Heat heat() {
        return heat;
    }

    public SimulatedDynamo dynamo() {
        return dynamo;
    }

    public long failures() {
        return failures;
    }

    public String firstFailure() {
        return firstFailure;
    }

    public long ordersPlaced() {
        return ordersPlaced;
    }

    public long ordersShipped() {
        return ordersShipped;
    }

    public long reads() {
        return reads;
    }

    public Workload workload() {
        return w;
    }
}
