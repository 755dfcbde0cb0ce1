package com.example.northwind.benchmark;

import java.util.List;
import java.util.Map;

/** Section 8 of BENCHMARKS.md: the stream consumer (derived sales), from the {@code streams} results. */
final class StreamsReport {
    private StreamsReport() {
    }

    @SuppressWarnings("unchecked")
    static void append(StringBuilder md, Map<String, Object> s) {
        md.append("\n## 8. Stream consumer (derived sales, listed stock)\n\n");
        md.append("Measured ").append(s.get("measuredAt")).append(" on DynamoDB Local with the local event source mapping ")
                .append("(polling 4×/s) and the deployed mapping's settings: `").append(s.get("settings")).append("`. ")
                .append("The consumer runs in-process (no Lambda start-up). Units are priced by the published rules from ")
                .append("what the consumer sent (all its items are under 1 KB: 2 WCU per item of a transaction, 1 per ")
                .append("conditional delete, 1 RCU per strongly consistent item read); DynamoDB Local's own figures for ")
                .append("transactions and batch reads are not the service's. Reading: docs/derived-data.md.\n\n");
        md.append("| run | records | invocations | transactions (actions) | consumer WCU (priced) | consumer RCU (priced) | seed s | drain after the last write, s | records behind (lag) when the writes ended |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (String key : List.of("seedK1", "seedLarge")) {
            if (s.get(key) instanceof Map<?, ?> run) {
                Map<String, Object> r = (Map<String, Object>) run;
                md.append("| seed ").append(key.equals("seedK1") ? "k=1" : "k=" + r.get("k")).append(" | ").append(r.get("records"))
                        .append(" | ").append(r.get("invocations")).append(" | ").append(r.get("transactions")).append(" (")
                        .append(r.get("transactionActions")).append(") | ").append(r.get("writeUnits")).append(" | ")
                        .append(r.get("readUnits")).append(" | ").append(r.get("seedSeconds")).append(" | ")
                        .append(r.get("drainAfterSeedSeconds")).append(" | ").append(r.get("recordsBehindAtSeedEnd"))
                        .append(" (").append(r.get("lagAtSeedEndSeconds")).append(" s) |\n");
            }
        }
        Map<String, Object> per = (Map<String, Object>) s.get("per1000Orders");
        boolean large = s.containsKey("seedLarge");
        md.append("| 1,000 placeOrders (4 clients, ").append(per.get("ordersPerSecond")).append(" orders/s) | ")
                .append(per.get("records")).append(" | ").append(per.get("invocations")).append(" | ")
                .append(per.get("transactions")).append(" (").append(per.get("transactionActions")).append(") | ")
                .append(per.get("writeUnits")).append(" | ").append(per.get("readUnits")).append(" | – | ")
                .append(per.get("drainAfterLastOrderSeconds")).append(" | – |\n");
        if (!large) {
            md.append("\n**Not measured: a larger seed through the consumer (the k = 100 figure the issue asks for).** ")
                    .append("DynamoDB Local's stream reads slow down as a shard grows (the local mapping polls without ")
                    .append("pause while records come, and each GetRecords/GetShardIterator costs more the more records ")
                    .append("the shard holds): the k = 1 seed's 3,062 records drain in seconds, but a k = 10 seed ")
                    .append("(10× the records, seed and consumer sharing DynamoDB Local's one SQLite thread) had not ")
                    .append("finished seeding after 9 minutes, and k = 100 not after 15. That is a limit of DynamoDB ")
                    .append("Local, not a figure for Lambda, which reads shards of any length at the same cost; ")
                    .append("`--streams-scale N` runs it anyway.\n");
        }
        Map<String, Object> lag = (Map<String, Object>) s.get("lag");
        md.append("\nLag from a command's answer until `productSales` shows it (").append(lag.get("orders"))
                .append(" placeOrders one at a time, the aggregate polled every 2 ms): **p50 ").append(lag.get("p50Ms"))
                .append(" ms, p99 ").append(lag.get("p99Ms")).append(" ms** (max ").append(lag.get("maxMs"))
                .append(" ms). On AWS expect the same shape: up to 0.25 s until Lambda's poll, up to the 1 s batching window ")
                .append("at low traffic (less once 500 records arrive sooner), plus the invocation.\n");
        if (lag.get("listedStockP50Ms") != null) {
            md.append("\nLag of the **listed stock** (the product entity's `unitsInStock`, which productsByCategory, ")
                    .append("productsBySupplier, discontinuedProducts and lowStockProducts answer with) after the same orders: **p50 ")
                    .append(lag.get("listedStockP50Ms")).append(" ms, p99 ").append(lag.get("listedStockP99Ms"))
                    .append(" ms** (max ").append(lag.get("listedStockMaxMs")).append(" ms): the same delivery, then one ")
                    .append("BatchGetItem of the product and its shards and one transaction. `product` is exact at once.\n");
        }
        md.append("\nHottest derived keys in the 1,000 orders (writes = consumer transactions that updated the key; ")
                .append("today's `DailySales` is in every order):\n\n| key | writes for 1,000 orders |\n|---|---:|\n");
        for (Map<String, Object> k : (List<Map<String, Object>>) per.get("hottestDerivedKeys")) {
            md.append("| `").append(k.get("key")).append("` | ").append(k.get("writes")).append(" |\n");
        }
        Map<String, Object> heat = (Map<String, Object>) s.get("heatModel");
        md.append("\nHeat model at R = 1,000 orders/s (a model from the figures above, not a measurement on AWS): the ")
                .append("consumer reads ").append(heat.get("consumerRecordsPerSecond")).append(" records/s; batches fill at ")
                .append("500 records (the window does not bind at that rate), and a derived key is written once per consumer ")
                .append("transaction that holds a change of it, so it takes (its share of transactions above) × ")
                .append(heat.get("consumerTransactionsPerSecond")).append(" transactions/s, 2 WCU each (transactional, small ")
                .append("item), against a partition's 1,000 WCU/s. Written in every order's transaction instead, today's ")
                .append("item would take ").append(heat.get("todayIfWrittenPerOrderWcuPerSecond")).append(" WCU/s.\n\n")
                .append("| key | share of transactions | writes/s | WCU/s | share of a partition's limit |\n|---|---:|---:|---:|---:|\n");
        for (Map<String, Object> k : (List<Map<String, Object>>) heat.get("hottestKeys")) {
            md.append("| `").append(k.get("key")).append("` | ").append(k.get("shareOfTransactions")).append(" | ")
                    .append(k.get("writesPerSecond")).append(" | ").append(k.get("wcuPerSecond")).append(" | ")
                    .append(k.get("shareOfPartitionLimit")).append(" |\n");
        }
    }
}
