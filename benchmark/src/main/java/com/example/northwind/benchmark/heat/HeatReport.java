package com.example.northwind.benchmark.heat;

import java.util.List;
import java.util.Map;

/** BENCHMARKS.md section 6: partition heat, read units per page, storage per row, monthly cost. */
@SuppressWarnings("unchecked")
public final class HeatReport {
    private HeatReport() {
    }

    public static void append(StringBuilder md, Map<String, Object> r) {
        Map<String, Object> heat = (Map<String, Object>) r.get("partitionHeat");
        Map<String, Object> w = (Map<String, Object>) heat.get("workload");
        md.append("\n## 7. Partition heat, storage and cost\n\n");
        md.append("A simulator (`benchmark/.../heat`) runs the real command handler (`CommandHandler.handle`, so `PlaceOrder`/`ShipOrder` "
                + "build their writes with `ItemModel.itemsOf` + `ItemChanges.replace`) on an in-memory stand-in for DynamoDB, and reads each "
                + "pattern's first page with the `Read` of `AccessPatterns` — a sharded list's page through `ScatterGather`, the query "
                + "Lambda's own code, every shard query charged to its shard's key. It charges every unit to the partition key value it lands on, "
                + "on the table and on every index (`TableIndex.values()`), per simulated second. Rounding: a write is 1 unit per KB (rounded "
                + "up) of the larger of old and new item, per item copy: the table item and each index entry (an index key change = delete "
                + "+ put, 2 writes; entering or leaving the index = 1). A transactional write counts 2× on the table (the AWS docs: "
                + "\"two underlying reads or writes of every item\", prepare and commit) and ")
                .append(fmtNum(w.get("indexTransactionFactor"))).append("× on the indexes: the AWS docs say nothing of index entries, and a "
                + "published measurement against DynamoDB (nubo-db/dynoxide, `tests/transactional_index_consumed_capacity.rs`, August 2026) "
                + "found the 2× on the base table only. The factor is a parameter (`-Dpricing.transactionalIndexFactor=2` prices index "
                + "entries like table items, as runs before issue #21 did). A read is 1 unit per 4 KB per request "
                + "(pattern reads eventually consistent, 0.5×; the commands' BatchGetItem strongly consistent, per item). The stream "
                + "consumer's writes are included (`ConsumerModel`): records the event filter passes are delivered a second after "
                + "they were written, in batches of 500; per batch one consistent read per marker and transactions of at most 100 "
                + "actions (the markers, and ONE update per aggregate changed), 2 WCU each. Nothing in it "
                + "names a partition: the hot keys are whatever the model writes.\n\n");
        md.append("Shard counts (the item model's defaults): ").append(heat.get("shardCounts")).append(".\n\n");
        md.append("Workload (seed ").append(w.get("seed")).append("): placeOrder at R orders/s for ").append(w.get("simulatedSeconds"))
                .append(" simulated seconds, spread evenly over each second; products Zipf(s = ").append(w.get("productZipfS"))
                .append(") over the 77 products and customers Zipf(s = ").append(w.get("customerZipfS"))
                .append(") over the 9,100 customers of the k=100 data (popularity ranks a seeded shuffle of the ids); ")
                .append(w.get("linesPerOrder")).append(" distinct products per order, quantity 1–10; employee and shipper uniform; ")
                .append("shipOrder for ").append(fmtNum(((Number) w.get("shippedShare")).doubleValue() * 100)).append(" % of orders after a uniform 0–")
                .append(fmtNum(w.get("maxShipDelayHours"))).append(" h delay (only those falling in the window run); reads per order ")
                .append(w.get("readsPerOrder")).append(", first page of ").append(w.get("pageSize"))
                .append(" items (`order` reads one of the last ").append(w.get("orderReadsFromLastOrders"))
                .append(" orders placed). Products are restocked (10⁹ units) and made available before the run so no line is refused. "
                + "R = 10,000 is simulated over ").append(heat.get("highRateSeconds"))
                .append(" s, not 600 (about 5 minutes of this machine per simulated minute at that rate; the workload is stationary, "
                + "ships in a 10-minute window are ~0.2 % of orders, so per-second peaks hardly depend on the window). "
                + "Limit checked: half the per-partition limits, ").append(fmtNum(Units.WCU_LIMIT)).append(" WCU/s and ")
                .append(fmtNum(Units.RCU_LIMIT)).append(" RCU/s per partition key value, in every second.\n\n");

        md.append("| R orders/s | simulated s | orders | shipped | reads | max WCU/s on one key | key | max RCU/s on one key | key | within limits |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---|---:|---|---|\n");
        for (Map<String, Object> run : (List<Map<String, Object>>) heat.get("runs")) {
            md.append(row(fmtNum(run.get("ordersPerSecond")), run.get("simulatedSeconds"), run.get("ordersPlaced"), run.get("ordersShipped"),
                    run.get("reads"), fmtNum(run.get("maxWcuPerKey")), "`" + run.get("maxWcuKey") + "`", fmtNum(run.get("maxRcuPerKey")),
                    "`" + run.get("maxRcuKey") + "`", yes((Boolean) run.get("withinLimits"))));
        }
        if (((List<?>) heat.get("searchProbes")).isEmpty() && ((Number) heat.get("maxOrdersPerSecondWithinLimits")).intValue() == 1000) {
            // Within the limits at R = 1,000: the search's upper bound; the busiest key says where the next limit is.
            md.append("\n**Largest R within the limits: ≥ 1,000 orders/s** (within the limits at R = 1,000, the search's upper ")
                    .append("bound; scaling the busiest key of that run linearly puts the first key at its limit near R = ")
                    .append(heat.get("searchStart")).append(" — an estimate, not a run).\n\n");
        } else {
            md.append("\n**Largest R within the limits: ").append(heat.get("maxOrdersPerSecondWithinLimits"))
                    .append(" orders/s** (search from the R=1,000 estimate ").append(heat.get("searchStart"))
                    .append(", probes ").append(probes((List<Map<String, Object>>) heat.get("searchProbes"))).append(").\n\n");
        }
        for (Map<String, Object> run : (List<Map<String, Object>>) heat.get("runs")) {
            md.append("Hottest keys at R = ").append(fmtNum(run.get("ordersPerSecond"))).append(" (busiest second):\n\n");
            md.append("| target | units | partition key value | peak units/s | × limit |\n|---|---|---|---:|---:|\n");
            for (Map<String, Object> h : (List<Map<String, Object>>) run.get("hottestKeys")) {
                double peak = ((Number) h.get("peakUnitsPerSecond")).doubleValue();
                double limit = ((Number) h.get("limit")).doubleValue();
                md.append(row(h.get("target"), h.get("kind"), "`" + h.get("key") + "`", fmtNum(peak), String.format("%.2f", peak / limit)));
            }
            md.append('\n');
        }
        Map<String, Object> run1000 = ((List<Map<String, Object>>) heat.get("runs")).get(1);
        if (run1000.get("readsByPattern") instanceof Map<?, ?> byPattern) {
            md.append("Reads of the mix at R = 1,000, first pages of ").append(w.get("pageSize"))
                    .append(" (a sharded list's page is a scatter-gather over its shards, the query Lambda's code):\n\n")
                    .append("| pattern | pages | requests per page | items returned per page | items read per item returned |\n")
                    .append("|---|---:|---:|---:|---:|\n");
            long pages = 0;
            double read = 0;
            double returned = 0;
            for (Map.Entry<?, ?> e : byPattern.entrySet()) {
                Map<String, Object> m = (Map<String, Object>) e.getValue();
                md.append(row(e.getKey(), m.get("pages"), fmtNum(m.get("requestsPerPage")), fmtNum(m.get("itemsReturnedPerPage")),
                        m.get("itemsReadPerItemReturned") == null ? "–" : fmtNum(m.get("itemsReadPerItemReturned"))));
                double p = ((Number) m.get("pages")).doubleValue();
                double perPage = ((Number) m.get("itemsReturnedPerPage")).doubleValue();
                pages += (long) p;
                returned += p * perPage;
                read += m.get("itemsReadPerItemReturned") == null ? 0 : p * perPage * ((Number) m.get("itemsReadPerItemReturned")).doubleValue();
            }
            md.append("\nOver the whole mix: ").append(String.format("%.2f", read / returned))
                    .append(" items read per item returned (target ≤ 2 at S = 8 and page 25).");
            if (run1000.get("consumer") instanceof Map<?, ?> consumer) {
                md.append(" The stream consumer in the same run: ").append(consumer.get("records")).append(" records in ")
                        .append(consumer.get("batches")).append(" batches, ").append(consumer.get("transactions")).append(" transactions.");
            }
            md.append("\n\n");
        }
        Map<String, Map<String, Object>> perCall = (Map<String, Map<String, Object>>) run1000.get("perCall");
        md.append("Units per call (R = 1,000 run; computed from the model — the command benchmark measures them on DynamoDB Local):\n\n");
        md.append("| call | calls | write units table / gsi_1 / gsi_2 | item-copy writes table / gsi_1 / gsi_2 | read units table / gsi_1 / gsi_2 | stored bytes table / gsi_1 / gsi_2 |\n");
        md.append("|---|---:|---|---|---|---|\n");
        perCall.forEach((label, c) -> md.append(row(label, c.get("calls"), triple(c.get("writeUnits")), triple(c.get("writes")),
                triple(c.get("readUnits")), triple(c.get("storedBytes")))));

        md.append("\nRead units per page on DynamoDB Local (the query API's `stats.consumedCapacity`, ReturnConsumedCapacity TOTAL; real data, ")
                .append("limit ").append(((Map<String, Object>) heat.get("workload")).get("pageSize"))
                .append(") against the value computed from the item sizes:\n\n");
        md.append("| pattern | target | items | bytes | computed RCU | DynamoDB Local RCU | equal |\n|---|---|---:|---:|---:|---:|---|\n");
        ((Map<String, Map<String, Object>>) heat.get("readUnitsPerPage")).forEach((p, m) -> md.append(row(p, m.get("target"), m.get("items"),
                m.get("bytes"), fmtNum(m.get("computedRcu")), fmtNum(m.get("measuredRcu")), yes((Boolean) m.get("match")))));

        Map<String, Object> storage = (Map<String, Object>) r.get("storage");
        md.append("\nStorage per source row (real data; size rule: ").append(storage.get("rule")).append("). Computed total ")
                .append(storage.get("computedItems")).append(" items, ").append(storage.get("computedBytes"))
                .append(" bytes; DynamoDB Local's DescribeTable after the seeder: ").append(storage.get("dynamoDbLocalItemCount"))
                .append(" items (the seeder adds its seed record), TableSizeBytes ").append(storage.get("dynamoDbLocalTableSizeBytes")).append(".\n\n");
        md.append("| entity | rows | items per row | bytes per row (table) | bytes per item | gsi_1 entries / bytes per row | gsi_2 entries / bytes per row |\n");
        md.append("|---|---:|---:|---:|---:|---|---|\n");
        ((Map<String, Map<String, Object>>) storage.get("entities")).forEach((t, m) -> md.append(row(t, m.get("rows"), m.get("itemsPerRow"),
                m.get("bytesPerRow"), m.get("bytesPerItem"), m.get("gsi_1EntriesPerRow") + " / " + m.get("gsi_1BytesPerRow"),
                m.get("gsi_2EntriesPerRow") + " / " + m.get("gsi_2BytesPerRow"))));
        BeforeAfter.append(md, r);

        Map<String, Object> cost = (Map<String, Object>) r.get("cost");
        md.append("\nMonthly on-demand cost of the workload at steady state (placeOrder R/s, shipOrder 0.95 R/s, 10 R reads/s; units per call "
                + "from the simulation at that R; storage = the k=100 starting data plus one month of orders, billed for the month after). Prices: ")
                .append(cost.get("prices")).append(". Lambda: 1,024 MB arm64, query ").append(cost.get("queryLambdaMs"))
                .append(" ms, command ").append(cost.get("commandLambdaMs")).append(" ms (").append(cost.get("durationsNote")).append(").\n\n");
        md.append("| R | part | write req. units (M) | read req. units (M) | GB after a month | writes $ | reads $ | storage $ | total $ |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String key : List.of("r100", "r1000")) {
            Map<String, Object> c = (Map<String, Object>) cost.get(key);
            String rate = fmtNum(c.get("ordersPerSecond"));
            ((Map<String, Map<String, Object>>) c.get("dynamodb")).forEach((t, m) -> md.append(row(rate, "DynamoDB " + t,
                    money(m.get("writeRequestUnitsMillions")), money(m.get("readRequestUnitsMillions")), money(m.get("storedGbAfterOneMonth")),
                    money(m.get("writeUsd")), money(m.get("readUsd")), money(m.get("storageUsd")), money(m.get("totalUsd")))));
            ((Map<String, Map<String, Object>>) c.get("lambda")).forEach((t, m) -> md.append(row(rate, "Lambda " + t + " ("
                    + money(m.get("invocationsMillions")) + " M invocations, " + m.get("gbSeconds") + " GB-s)", "", "", "",
                    "", "", "", money(m.get("totalUsd")))));
            md.append(row(rate, "**total**", "", "", "", "", "", "", "**" + money(c.get("totalUsd")) + "**"));
        }
    }

    public static List<String[]> targets(Map<String, Object> r) {
        Map<String, Object> heat = (Map<String, Object>) r.get("partitionHeat");
        double w = ((Number) heat.get("maxWcuPerKey")).doubleValue();
        double rd = ((Number) heat.get("maxRcuPerKey")).doubleValue();
        boolean ok = w <= Units.WCU_LIMIT && rd <= Units.RCU_LIMIT;
        String figure = "max " + fmtNum(w) + " WCU/s and " + fmtNum(rd) + " RCU/s on one key at R=1,000; largest R within: "
                + heat.get("maxOrdersPerSecondWithinLimits") + " orders/s";
        Map<String, Map<String, Object>> pages = (Map<String, Map<String, Object>>) heat.get("readUnitsPerPage");
        List<String> off = pages.entrySet().stream().filter(e -> !Boolean.TRUE.equals(e.getValue().get("match"))).map(Map.Entry::getKey).toList();
        List<String[]> targets = new java.util.ArrayList<>(List.of(
                new String[] {"no partition key value over 500 WCU/s or 1,500 RCU/s at R = 1,000 orders/s (table and every index)", figure, yes(ok)},
                new String[] {"computed read units per page = DynamoDB Local's ConsumedCapacity", off.isEmpty() ? "all " + pages.size() + " patterns equal"
                        : "differ: " + String.join(", ", off), yes(off.isEmpty())}));
        if (r.get("commands") instanceof Map<?, ?> commands && commands.get("throughput") instanceof List<?> throughput) {
            // Issue #22: with a product's stock in shards, 8 clients ordering one product must rarely meet on one item.
            throughput.stream().map(t -> (Map<String, Object>) t).filter(t -> String.valueOf(t.get("workload")).startsWith("contended"))
                    .findFirst().ifPresent(t -> targets.add(new String[] {
                            "contended placeOrder (8 clients, one product, section 6): ≤ 1.5 attempts per order (3.15 with the stock on the product)",
                            fmtNum(t.get("meanAttempts")) + " attempts per order (max " + t.get("maxAttempts") + ")",
                            yes(((Number) t.get("meanAttempts")).doubleValue() <= 1.5)}));
        }
        String[] beforeAfter = BeforeAfter.target(r);
        if (beforeAfter != null) {
            targets.add(beforeAfter);
        }
        return targets;
    }

    private static String probes(List<Map<String, Object>> probes) {
        if (probes.isEmpty()) {
            return "none";
        }
        StringBuilder s = new StringBuilder();
        for (Map<String, Object> p : probes) {
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(p.get("ordersPerSecond")).append(Boolean.TRUE.equals(p.get("withinLimits")) ? " ✓" : " ✗");
        }
        return s.toString();
    }

    private static String triple(Object o) {
        Map<String, Object> m = (Map<String, Object>) o;
        return fmtNum(m.getOrDefault("table", 0)) + " / " + fmtNum(m.getOrDefault("gsi_1", 0)) + " / " + fmtNum(m.getOrDefault("gsi_2", 0));
    }

    static String money(Object o) {
        return String.format("%,.2f", ((Number) o).doubleValue());
    }

    static String fmtNum(Object o) {
        double v = ((Number) o).doubleValue();
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format("%,d", (long) v);
        }
        return String.format("%,.2f", v);
    }

    private static String yes(Boolean b) {
        return Boolean.TRUE.equals(b) ? "yes" : "**no**";
    }

    private static String row(Object... cells) {
        StringBuilder s = new StringBuilder("|");
        for (Object c : cells) {
            s.append(' ').append(c).append(" |");
        }
        return s.append('\n').toString();
    }
}
