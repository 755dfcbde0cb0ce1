package com.example.northwind.benchmark.heat;

import com.example.northwind.model.ItemModel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The partitionHeat section: simulations at R = 100, 1,000 and 10,000 orders/s, the search for the largest R within
 * the limits, the DynamoDB Local checks of read units and storage, and the monthly cost. Answers three result
 * sections: partitionHeat, storage, cost.
 */
@SuppressWarnings("unchecked")
public final class HeatBenchmark {
    /** R = 10,000 is simulated over this many seconds (the workload is stationary; see the section's note). */
    public static final int HIGH_RATE_SECONDS = 60;

    private HeatBenchmark() {
    }

    public static Map<String, Object> run(Path largeDataDir, Path realDataDir, DynamoDbClient dynamo, String table,
                                          Map<String, String> queryEvents, Map<String, Object> previousResults) throws Exception {
        System.out.println("Partition heat: the real command handler on a simulated table seeded from " + largeDataDir);
        List<Map<String, AttributeValue>> seed = HeatRuns.seedItems(largeDataDir);
        HeatSimulation.Workload base = HeatSimulation.Workload.of(1000);
        System.out.println("DynamoDB Local: read units per pattern page, storage per row (real data)");
        Map<String, Object> local = LocalChecks.run(dynamo, table, realDataDir, queryEvents, base.pageSize());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        HeatSimulation r1000;
        HeatSimulation r10000;
        HeatSimulation r100;
        try {
            Future<HeatSimulation> f1000 = pool.submit(() -> HeatRuns.simulate(base, seed));
            Future<HeatSimulation> f10000 = pool.submit(() -> HeatRuns.simulate(base.withRate(10_000).withSeconds(HIGH_RATE_SECONDS), seed));
            Future<HeatSimulation> f100 = pool.submit(() -> HeatRuns.simulate(base.withRate(100), seed));
            r1000 = f1000.get();
            r10000 = f10000.get();
            r100 = f100.get();
        } finally {
            pool.shutdown();
        }
        Heat.Hot w = r1000.heat().max(Heat.Kind.WRITE);
        Heat.Hot rd = r1000.heat().max(Heat.Kind.READ);
        int estimate = (int) Math.floor(1000 * Math.min(Units.WCU_LIMIT / w.unitsPerSecond(), Units.RCU_LIMIT / rd.unitsPerSecond()));
        List<Map<String, Object>> probes = new ArrayList<>();
        int maxR = HeatRuns.withinLimits(r1000.heat()) ? 1000
                : HeatRuns.search(estimate, 1000, r -> HeatRuns.withinLimits(HeatRuns.simulate(base.withRate(r), seed).heat()), probes);

        Map<String, Object> heat = new LinkedHashMap<>();
        Map<String, Object> s1000 = HeatRuns.summary(r1000, 12);
        heat.put("ordersPerSecond", 1000);
        heat.put("maxWcuPerKey", s1000.get("maxWcuPerKey"));
        heat.put("maxRcuPerKey", s1000.get("maxRcuPerKey"));
        heat.put("hottestKeys", s1000.get("hottestKeys"));
        heat.put("maxOrdersPerSecondWithinLimits", maxR);
        heat.put("limits", Map.of("wcuPerKeyPerSecond", Units.WCU_LIMIT, "rcuPerKeyPerSecond", Units.RCU_LIMIT));
        heat.put("workload", workload(base));
        heat.put("searchStart", estimate);
        heat.put("searchProbes", probes);
        heat.put("runs", List.of(HeatRuns.summary(r100, 12), s1000, HeatRuns.summary(r10000, 12)));
        heat.put("highRateSeconds", HIGH_RATE_SECONDS);
        heat.put("shardCounts", "recentOrders " + ItemModel.RECENT_ORDER_SHARDS + " (gsi_1 `ORDER_LIST#<s>`), openOrders "
                + ItemModel.OPEN_ORDER_SHARDS + " (gsi_1 `OPEN_ORDER#<s>`), lateOrders " + ItemModel.LATE_ORDER_SHARDS
                + " (gsi_2 `OPEN_ORDER_BY_REQUIRED_DATE#<s>`), ordersByShipper " + ItemModel.SHIPPER_ORDER_SHARDS
                + " per shipper (gsi_2 `SHIPPER#<id>#<s>`), productOrders " + ItemModel.PRODUCT_ORDER_SHARDS
                + " per product (gsi_2 `ORDER_LINE#<productID10>#<s>`); stock " + ItemModel.STOCK_SHARDS
                + " shards per product (table `STOCK#<productID>#<s>`)");

        heat.put("readUnitsPerPage", local.get("patterns"));

        Map<String, Object> storage = new LinkedHashMap<>((Map<String, Object>) local.get("storage"));
        Map<String, Object> itemsPerRow = new LinkedHashMap<>();
        Map<String, Object> bytesPerRow = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) storage.get("entities")).forEach((type, m) -> {
            itemsPerRow.put(type, m.get("itemsPerRow"));
            bytesPerRow.put(type, m.get("bytesPerRow"));
        });
        storage.put("itemsPerRow", itemsPerRow);
        storage.put("bytesPerRow", bytesPerRow);

        double queryMs = queryP50(previousResults);
        Map<String, Double> commandMs = new LinkedHashMap<>();
        commandMs.put("placeOrder", Math.round(3 * queryMs * 100) / 100.0); // BatchGetItem + UpdateItem + TransactWriteItems
        commandMs.put("shipOrder", Math.round(2 * queryMs * 100) / 100.0); // BatchGetItem + TransactWriteItems
        Map<String, Long> baseStored = Cost.storedBytes(seed);
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("prices", Cost.PRICES);
        cost.put("queryLambdaMs", queryMs);
        cost.put("commandLambdaMs", commandMs);
        cost.put("durationsNote", "query: median of the per-pattern p50s at k=1 in BENCHMARKS section 2 (DynamoDB Local); "
                + "command: that figure per DynamoDB request the command makes (placeOrder 3, shipOrder 2), no command p50 measured here");
        cost.put("baseStoredBytes", baseStored);
        cost.put("baseData", "the k=100 generated data the simulation starts from");
        cost.put("r100", Cost.monthly(100, base.shippedShare(), HeatRuns.perCall(r100.heat()), base.readsPerOrder(), baseStored, commandMs, queryMs));
        cost.put("r1000", Cost.monthly(1000, base.shippedShare(), HeatRuns.perCall(r1000.heat()), base.readsPerOrder(), baseStored, commandMs, queryMs));

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("partitionHeat", heat);
        out.put("storage", storage);
        out.put("cost", cost);
        return out;
    }

    static Map<String, Object> workload(HeatSimulation.Workload w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("simulatedSeconds", w.seconds());
        m.put("seed", w.seed());
        m.put("productZipfS", w.productZipf());
        m.put("customerZipfS", w.customerZipf());
        m.put("linesPerOrder", w.minLines() + "-" + w.maxLines());
        m.put("shippedShare", w.shippedShare());
        m.put("maxShipDelayHours", w.maxShipDelayHours());
        m.put("readsPerOrder", w.readsPerOrder());
        m.put("pageSize", w.pageSize());
        m.put("orderReadsFromLastOrders", w.recentOrdersForOrderReads());
        m.put("indexTransactionFactor", w.indexTransactionFactor());
        return m;
    }

    @SuppressWarnings("unchecked")
    static double queryP50(Map<String, Object> results) {
        try {
            Map<String, Object> queries = (Map<String, Object>) results.get("queries");
            Map<String, Map<String, Object>> k1 = (Map<String, Map<String, Object>>) queries.get("k1");
            double[] p50 = k1.values().stream().mapToDouble(m -> ((Number) m.get("p50Ms")).doubleValue()).sorted().toArray();
            return Math.round(p50[p50.length / 2] * 100) / 100.0;
        } catch (RuntimeException e) {
            return 2.0; // no earlier run: a round figure near the measured ones
        }
    }
}
