package com.example.northwind.benchmark.heat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The figures of the item model before the last migration beside today's: the previous model's code is gone once
 * a migration replaced it, so its figures were kept as measured ({@code benchmark/baseline/item-model-<version>.json},
 * copied from the benchmark-results.json of its last run) and this compares the current run with them.
 */
@SuppressWarnings("unchecked")
final class BeforeAfter {
    static final Path BASELINE = Path.of("benchmark", "baseline", "item-model-84ab5398fe721b55.json");
    private static final String HEADER = "| figure | before (item model %s) | after (item model %s) | lower |\n|---|---:|---:|---|\n";

    private BeforeAfter() {
    }

    /** The section, or nothing when the baseline file is not beside the results (a run from elsewhere). */
    static void append(StringBuilder md, Map<String, Object> results) {
        if (!Files.isRegularFile(BASELINE)) {
            return;
        }
        Map<String, Object> before = read(BASELINE);
        Map<String, Object> heat = (Map<String, Object>) results.get("partitionHeat");
        Map<String, Object> storage = (Map<String, Object>) results.get("storage");
        md.append("\nBefore and after migration `6-stock-shards` (").append(before.get("why")).append("):\n\n");
        md.append(String.format(HEADER, before.get("itemModelVersion"), com.example.northwind.model.ModelVersion.current()));
        Map<String, Object> heatBefore = (Map<String, Object>) before.get("partitionHeat");
        Object rBefore = heatBefore.get("maxOrdersPerSecondWithinLimits");
        Object rAfter = heat.get("maxOrdersPerSecondWithinLimits");
        md.append(row("largest R within the limits (orders/s; higher is better)", rBefore, rAfter,
                num(rAfter) > num(rBefore) ? "higher" : num(rAfter) == num(rBefore) ? "same" : "**no**"));
        List<Map<String, Object>> runsBefore = (List<Map<String, Object>>) heatBefore.get("runs");
        List<Map<String, Object>> runsAfter = (List<Map<String, Object>>) heat.get("runs");
        for (int i = 0; i < Math.min(runsBefore.size(), runsAfter.size()); i++) {
            Map<String, Object> b = runsBefore.get(i);
            Map<String, Object> a = runsAfter.get(i);
            md.append(row("max WCU/s on one key at R = " + HeatReport.fmtNum(a.get("ordersPerSecond")),
                    HeatReport.fmtNum(b.get("maxWcuPerKey")) + " (`" + b.get("maxWcuKey") + "`)",
                    HeatReport.fmtNum(a.get("maxWcuPerKey")) + " (`" + a.get("maxWcuKey") + "`)",
                    lower(a.get("maxWcuPerKey"), b.get("maxWcuPerKey"))));
        }
        if (runsBefore.size() > 1 && runsAfter.size() > 1) {
            md.append(row("hottest key of a product at R = 1,000 (WCU/s; `PRODUCT#…`, its `CATEGORY#…`/`SUPPLIER#…` entries, `STOCK#…`)",
                    hottestProductKey(runsBefore.get(1)), hottestProductKey(runsAfter.get(1)), "–"));
        }
        Map<String, Object> callBefore = (Map<String, Object>) heatBefore.get("placeOrderPerCallAtR1000");
        if (callBefore == null || before.get("storage") == null) {
            md.append("\nThe baseline holds the simulation's per-key figures only; placeOrder units and storage per row of the "
                    + "previous model were not measured (see the target below).\n");
            return;
        }
        Map<String, Object> callAfter = (Map<String, Object>) ((Map<String, Object>) runsAfter.get(1).get("perCall")).get("placeOrder");
        for (String target : List.of("table", "gsi_1", "gsi_2")) {
            Object b = ((Map<String, Object>) callBefore.get("writeUnits")).getOrDefault(target, 0);
            Object a = ((Map<String, Object>) callAfter.get("writeUnits")).getOrDefault(target, 0);
            md.append(row("placeOrder write units per call, " + target + " (simulation, R = 1,000)", HeatReport.fmtNum(b),
                    HeatReport.fmtNum(a), lower(a, b)));
        }
        double wcuBefore = total((Map<String, Object>) callBefore.get("writeUnits"));
        double wcuAfter = total((Map<String, Object>) callAfter.get("writeUnits"));
        Map<String, Object> measuredBefore = (Map<String, Object>) before.get("commandsPlaceOrder");
        Map<String, Object> commands = (Map<String, Object>) results.get("commands");
        if (measuredBefore != null && commands != null) {
            Map<String, Map<String, Object>> after = (Map<String, Map<String, Object>>) commands.get("commands");
            for (String c : List.of("placeOrder1", "placeOrder5")) {
                Object b = measuredBefore.get(c);
                Object a = after.get(c) == null ? null : after.get(c).get("expectedWcu");
                md.append(row("placeOrder with " + (c.endsWith("1") ? "1 line" : "5 lines")
                                + ": write units priced from what it sent (DynamoDB Local, section 6)",
                        HeatReport.fmtNum(b), HeatReport.fmtNum(a), lower(a, b)));
            }
        }
        md.append(row("**placeOrder write units per call, all targets**", HeatReport.fmtNum(wcuBefore), HeatReport.fmtNum(wcuAfter),
                lower(wcuAfter, wcuBefore)));
        if (measuredBefore != null && commands != null) {
            Map<String, Map<String, Object>> after = (Map<String, Map<String, Object>>) commands.get("commands");
            for (String c : List.of("placeOrder1", "placeOrder5")) {
                Object b = measuredBefore.get(c + "Rcu");
                Object a = after.get(c) == null ? null : after.get(c).get("expectedRcu");
                if (b != null && a != null) {
                    md.append(row("placeOrder with " + (c.endsWith("1") ? "1 line" : "5 lines")
                            + ": read units (its strongly consistent BatchGetItem; section 6)", HeatReport.fmtNum(b),
                            HeatReport.fmtNum(a), lower(a, b)));
                }
            }
            Object contendedBefore = contendedAttempts((List<Map<String, Object>>) before.get("contended"));
            Object contendedAfter = contendedAttempts((List<Map<String, Object>>) commands.get("throughput"));
            if (contendedBefore != null && contendedAfter != null) {
                md.append(row("attempts per placeOrder, 8 clients ordering one product (section 6, contended)",
                        HeatReport.fmtNum(contendedBefore), HeatReport.fmtNum(contendedAfter), lower(contendedAfter, contendedBefore)));
            }
        }
        Object productBefore = heatBefore.get("productReadUnitsPerPage") == null ? null
                : ((Map<String, Object>) heatBefore.get("productReadUnitsPerPage")).get("measuredRcu");
        Map<String, Object> productAfter = heat.get("readUnitsPerPage") == null ? null
                : (Map<String, Object>) ((Map<String, Object>) heat.get("readUnitsPerPage")).get("product");
        if (productBefore != null && productAfter != null) {
            md.append(row("`product` read units (DynamoDB Local)", HeatReport.fmtNum(productBefore),
                    HeatReport.fmtNum(productAfter.get("measuredRcu")), lower(productAfter.get("measuredRcu"), productBefore)));
        }
        Map<String, Object> costBefore = (Map<String, Object>) before.get("cost");
        Map<String, Object> costAfter = (Map<String, Object>) results.get("cost");
        if (costBefore != null && costAfter != null) {
            for (String rate : List.of("r100", "r1000")) {
                Map<String, Object> b = (Map<String, Object>) costBefore.get(rate);
                Map<String, Object> a = (Map<String, Object>) costAfter.get(rate);
                if (b != null && a != null) {
                    md.append(row("monthly cost at R = " + HeatReport.fmtNum(a.get("ordersPerSecond")) + " (USD, the table below)",
                            HeatReport.fmtNum(b.get("totalUsd")), HeatReport.fmtNum(a.get("totalUsd")), lower(a.get("totalUsd"), b.get("totalUsd"))));
                }
            }
        }
        double bytesBefore = bytesPerRow((Map<String, Map<String, Object>>) ((Map<String, Object>) before.get("storage")).get("entities"));
        double bytesAfter = bytesPerRow((Map<String, Map<String, Object>>) storage.get("entities"));
        md.append(row("**bytes stored per Northwind row** (table + index entries, all entities)", HeatReport.fmtNum(round(bytesBefore)),
                HeatReport.fmtNum(round(bytesAfter)), lower(bytesAfter, bytesBefore)));
        md.append(row("table bytes per row (DynamoDB Local's item size rule, all entities)",
                HeatReport.fmtNum(round(tableBytesPerRow((Map<String, Map<String, Object>>) ((Map<String, Object>) before.get("storage")).get("entities")))),
                HeatReport.fmtNum(round(tableBytesPerRow((Map<String, Map<String, Object>>) storage.get("entities")))),
                lower(tableBytesPerRow((Map<String, Map<String, Object>>) storage.get("entities")),
                        tableBytesPerRow((Map<String, Map<String, Object>>) ((Map<String, Object>) before.get("storage")).get("entities")))));
    }

    /**
     * Issue #22's figure against the previous model: the largest rate within the limits (the stock shards are there
     * to raise it), with bytes per row and placeOrder's write units beside it.
     */
    static String[] target(Map<String, Object> results) {
        if (!Files.isRegularFile(BASELINE)) {
            return null;
        }
        Map<String, Object> before = read(BASELINE);
        Map<String, Object> heat = (Map<String, Object>) results.get("partitionHeat");
        Map<String, Object> heatBefore = (Map<String, Object>) before.get("partitionHeat");
        if (heatBefore.get("placeOrderPerCallAtR1000") == null || before.get("storage") == null) {
            return new String[] {"largest R within the limits above the previous item model's",
                    "not measured: the baseline lacks the figures", "**no**"};
        }
        double wcuBefore = total((Map<String, Object>) ((Map<String, Object>) heatBefore.get("placeOrderPerCallAtR1000")).get("writeUnits"));
        List<Map<String, Object>> runsAfter = (List<Map<String, Object>>) heat.get("runs");
        double wcuAfter = total((Map<String, Object>) ((Map<String, Map<String, Object>>) runsAfter.get(1).get("perCall")).get("placeOrder")
                .get("writeUnits"));
        double bytesBefore = bytesPerRow((Map<String, Map<String, Object>>) ((Map<String, Object>) before.get("storage")).get("entities"));
        double bytesAfter = bytesPerRow((Map<String, Map<String, Object>>) ((Map<String, Object>) results.get("storage")).get("entities"));
        double rBefore = num(heatBefore.get("maxOrdersPerSecondWithinLimits"));
        double rAfter = num(heat.get("maxOrdersPerSecondWithinLimits"));
        return new String[] {"largest R within the limits above the previous item model's (item model "
                + before.get("itemModelVersion") + ")",
                HeatReport.fmtNum(rBefore) + " → " + HeatReport.fmtNum(rAfter) + " orders/s (placeOrder "
                        + HeatReport.fmtNum(wcuBefore) + " → " + HeatReport.fmtNum(wcuAfter) + " write units in the simulation; "
                        + HeatReport.fmtNum(round(bytesBefore)) + " → " + HeatReport.fmtNum(round(bytesAfter)) + " bytes per row)",
                rAfter > rBefore ? "yes" : "**no**"};
    }

    /** The hottest key of a product's items among a run's hottest keys, or "below" the last of them when none is. */
    private static String hottestProductKey(Map<String, Object> run) {
        List<Map<String, Object>> hottest = (List<Map<String, Object>>) run.get("hottestKeys");
        double last = Double.MAX_VALUE;
        for (Map<String, Object> h : hottest) {
            if (!"WCU".equals(h.get("kind"))) {
                continue;
            }
            String key = String.valueOf(h.get("key"));
            double peak = num(h.get("peakUnitsPerSecond"));
            last = Math.min(last, peak);
            if (key.startsWith("PRODUCT#") || key.startsWith("STOCK#") || key.startsWith("CATEGORY#")
                    || (key.startsWith("SUPPLIER#") && "gsi_2".equals(h.get("target")))) {
                return HeatReport.fmtNum(peak) + " (`" + h.get("target") + " " + key + "`)";
            }
        }
        // None of the run's hottest keys is a product's write key: it is below the busiest write key of the run.
        double bound = Math.min(last, num(run.get("maxWcuPerKey")));
        return "below " + HeatReport.fmtNum(bound) + " (no product write key among the " + hottest.size() + " hottest keys)";
    }

    /** The mean attempts of the contended placeOrder row (8 clients, one product), if the list has it. */
    private static Object contendedAttempts(List<Map<String, Object>> throughput) {
        if (throughput == null) {
            return null;
        }
        return throughput.stream().filter(t -> String.valueOf(t.get("workload")).startsWith("contended"))
                .map(t -> t.get("meanAttempts")).findFirst().orElse(null);
    }

    /** Table plus index bytes of every entity, per source row of all entities. */
    private static double bytesPerRow(Map<String, Map<String, Object>> entities) {
        double bytes = 0;
        double rows = 0;
        for (Map<String, Object> e : entities.values()) {
            double n = num(e.get("rows"));
            rows += n;
            bytes += n * (num(e.get("bytesPerRow")) + num(e.get("gsi_1BytesPerRow")) + num(e.get("gsi_2BytesPerRow")));
        }
        return bytes / rows;
    }

    private static double tableBytesPerRow(Map<String, Map<String, Object>> entities) {
        double bytes = 0;
        double rows = 0;
        for (Map<String, Object> e : entities.values()) {
            rows += num(e.get("rows"));
            bytes += num(e.get("rows")) * num(e.get("bytesPerRow"));
        }
        return bytes / rows;
    }

    private static double total(Map<String, Object> units) {
        return units.values().stream().mapToDouble(BeforeAfter::num).sum();
    }

    private static double num(Object o) {
        return o == null ? 0 : ((Number) o).doubleValue();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String lower(Object after, Object before) {
        return num(after) < num(before) ? "yes" : num(after) == num(before) ? "same" : "**no**";
    }

    private static String row(String figure, Object before, Object after, String lower) {
        return "| " + figure + " | " + before + " | " + after + " | " + lower + " |\n";
    }

    private static Map<String, Object> read(Path file) {
        try {
            return com.fasterxml.jackson.jr.ob.JSON.std.mapFrom(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
