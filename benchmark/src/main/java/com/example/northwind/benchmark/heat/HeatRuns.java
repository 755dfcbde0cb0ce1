package com.example.northwind.benchmark.heat;

import com.example.northwind.seeder.ItemMapper;
import com.example.northwind.seeder.NorthwindDataSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Simulation runs and the search for the largest rate within the limits, as JSON-ready maps. */
public final class HeatRuns {
    private HeatRuns() {
    }

    /** The seeder's items for a data folder (the table before the run). */
    public static List<Map<String, AttributeValue>> seedItems(Path dataDir) {
        NorthwindDataSet data = NorthwindDataSet.load(dataDir);
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        for (com.example.northwind.seeder.CsvFileSpec spec : com.example.northwind.seeder.NorthwindFiles.ALL) {
            for (com.example.northwind.seeder.Row row : data.rows(spec.fileName())) {
                out.addAll(ItemMapper.rowItems(spec.entity(), ItemMapper.fact(data, spec.entity(), row)));
            }
        }
        return out;
    }

    public static HeatSimulation simulate(HeatSimulation.Workload w, List<Map<String, AttributeValue>> seed) {
        Logs.quiet();
        long t = System.nanoTime();
        HeatSimulation sim = new HeatSimulation(w, seed).run();
        System.out.printf("  R=%s/s over %d s: %d orders, %d shipped, %d reads, %d refused; max WCU/key/s %s, max RCU/key/s %s (%.1f s)%n",
                fmt(w.ordersPerSecond()), w.seconds(), sim.ordersPlaced(), sim.ordersShipped(), sim.reads(), sim.failures(),
                describe(sim.heat().max(Heat.Kind.WRITE)), describe(sim.heat().max(Heat.Kind.READ)), (System.nanoTime() - t) / 1e9);
        if (sim.failures() > 0) {
            System.out.println("    first refusal: " + sim.firstFailure());
        }
        return sim;
    }

    static String describe(Heat.Hot h) {
        return h == null ? "-" : Math.round(h.unitsPerSecond()) + " (" + h.target() + " " + h.key() + ")";
    }

    static String fmt(double r) {
        return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }

    public static boolean withinLimits(Heat heat) {
        Heat.Hot w = heat.max(Heat.Kind.WRITE);
        Heat.Hot r = heat.max(Heat.Kind.READ);
        return (w == null || w.unitsPerSecond() <= Units.WCU_LIMIT) && (r == null || r.unitsPerSecond() <= Units.RCU_LIMIT);
    }

    /** A run as the results show it. */
    public static Map<String, Object> summary(HeatSimulation sim, int hottest) {
        Heat heat = sim.heat();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ordersPerSecond", sim.workload().ordersPerSecond());
        m.put("simulatedSeconds", sim.workload().seconds());
        m.put("ordersPlaced", sim.ordersPlaced());
        m.put("ordersShipped", sim.ordersShipped());
        m.put("reads", sim.reads());
        m.put("refused", sim.failures());
        m.put("readsByPattern", sim.readStats());
        m.put("consumer", Map.of("records", sim.consumer().records(), "batches", sim.consumer().batches(),
                "transactions", sim.consumer().transactions()));
        Heat.Hot w = heat.max(Heat.Kind.WRITE);
        Heat.Hot r = heat.max(Heat.Kind.READ);
        m.put("maxWcuPerKey", w == null ? 0 : round1(w.unitsPerSecond()));
        m.put("maxWcuKey", w == null ? null : w.target() + " " + w.key());
        m.put("maxRcuPerKey", r == null ? 0 : round1(r.unitsPerSecond()));
        m.put("maxRcuKey", r == null ? null : r.target() + " " + r.key());
        m.put("withinLimits", withinLimits(heat));
        m.put("hottestKeys", heat.hottest(hottest).stream().map(Heat.Hot::toJson).toList());
        Map<String, Object> avg = new TreeMap<>();
        heat.averagePerSecond().forEach((k, v) -> avg.put(k, round1(v)));
        m.put("averageUnitsPerSecond", avg);
        m.put("perCall", perCall(heat));
        m.put("inexactReads", sim.dynamo().state().inexactReads());
        m.put("unknownOldItems", sim.dynamo().unknownOldItems());
        m.put("conditionViolations", sim.dynamo().conditionViolations());
        return m;
    }

    /** Per kind of call: calls, and per call the write units, read units, item-copy writes and stored bytes per target. */
    public static Map<String, Object> perCall(Heat heat) {
        Map<String, Object> out = new TreeMap<>();
        heat.calls().forEach((label, c) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("calls", c.calls());
            m.put("writeUnits", perCallOf(c.writeUnits(), c.calls()));
            m.put("readUnits", perCallOf(c.readUnits(), c.calls()));
            m.put("writes", perCallOf(c.writes(), c.calls()));
            m.put("storedBytes", perCallOf(c.storedBytes(), c.calls()));
            out.put(label, m);
        });
        return out;
    }

    private static Map<String, Object> perCallOf(Map<String, ? extends Number> totals, long calls) {
        Map<String, Object> out = new TreeMap<>();
        totals.forEach((target, v) -> out.put(target, Math.round(v.doubleValue() / calls * 1000) / 1000.0));
        return out;
    }

    /**
     * The largest rate in [1, hi] that {@code ok} accepts, to about 2 %: starts at {@code estimate}, then bisects.
     * Assumes ok is (near enough) monotone: heat grows with the rate.
     */
    public static int search(int estimate, int hi, IntPredicate ok, List<Map<String, Object>> probes) {
        int lo = 0;
        int probe = Math.max(1, Math.min(estimate, hi - 1));
        while (hi - lo > Math.max(1, lo / 50)) {
            boolean accepted = ok.test(probe);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("ordersPerSecond", probe);
            p.put("withinLimits", accepted);
            probes.add(p);
            if (accepted) {
                lo = probe;
            } else {
                hi = probe;
            }
            probe = (lo + hi) / 2;
        }
        return lo;
    }

    static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
