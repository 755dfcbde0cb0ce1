package com.example.northwind.benchmark.heat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Monthly on-demand cost of the simulated workload at steady state: per-call units from a simulation, multiplied by
 * steady-state call rates (placeOrder R/s, shipOrder shippedShare × R/s, reads per order × R/s) over a 730-hour month;
 * storage after one month of orders; the command and query Lambdas at 1,024 MB arm64 with the given durations.
 */
public final class Cost {
    /** us-east-1 on-demand prices (DynamoDB Standard table class; Lambda arm64, first tier), free tiers ignored. */
    public static final double WRITE_PER_MILLION = 0.625;
    public static final double READ_PER_MILLION = 0.125;
    public static final double STORAGE_PER_GB_MONTH = 0.25;
    public static final double LAMBDA_PER_MILLION_REQUESTS = 0.20;
    public static final double LAMBDA_PER_GB_SECOND_ARM = 0.0000133334;
    public static final double LAMBDA_MEMORY_GB = 1.0;
    public static final double SECONDS_PER_MONTH = 730 * 3600.0;
    public static final double BYTES_PER_GB = 1024.0 * 1024 * 1024;
    public static final String PRICES = "us-east-1 list prices as published since 2024-11-01 (on-demand throughput cut by "
            + "50 %), looked up 2026-11-24: DynamoDB on-demand $0.625 per million write request units, $0.125 per million "
            + "read request units, Standard storage $0.25 per GB-month; Lambda $0.20 per million requests, arm64 "
            + "$0.0000133334 per GB-second (first 7.5 billion GB-s); free tiers ignored; GB = 2^30 bytes; month = 730 h";

    private Cost() {
    }

    /** Stored bytes per target of a table's items (with the 100-byte overhead per item and per index entry). */
    public static Map<String, Long> storedBytes(List<Map<String, AttributeValue>> items) {
        Map<String, Long> out = new TreeMap<>();
        for (Map<String, AttributeValue> item : items) {
            for (WriteCost.Write w : WriteCost.of(null, item, false, 1)) {
                out.merge(w.target(), w.storedDelta(), Long::sum);
            }
        }
        return out;
    }

    /**
     * @param perCall       HeatRuns.perCall of a simulation
     * @param readsPerOrder the read mix (pattern → reads per order)
     * @param commandMs     the command Lambda's duration per invocation (placeOrder, shipOrder)
     * @param queryMs       the query Lambda's duration per invocation
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> monthly(double r, double shippedShare, Map<String, Object> perCall,
                                              Map<String, Integer> readsPerOrder, Map<String, Long> baseStored,
                                              Map<String, Double> commandMs, double queryMs) {
        Map<String, Double> rates = new LinkedHashMap<>();
        rates.put("placeOrder", r);
        rates.put("shipOrder", shippedShare * r);
        readsPerOrder.forEach((p, n) -> rates.put("read:" + p, r * n));
        Map<String, Double> wru = new TreeMap<>();
        Map<String, Double> rru = new TreeMap<>();
        Map<String, Double> grow = new TreeMap<>();
        rates.forEach((label, rate) -> {
            Map<String, Object> c = (Map<String, Object>) perCall.get(label);
            if (c == null) {
                throw new IllegalStateException("the simulation made no " + label + " call to price");
            }
            ((Map<String, Number>) c.get("writeUnits")).forEach((t, u) -> wru.merge(t, u.doubleValue() * rate * SECONDS_PER_MONTH, Double::sum));
            ((Map<String, Number>) c.get("readUnits")).forEach((t, u) -> rru.merge(t, u.doubleValue() * rate * SECONDS_PER_MONTH, Double::sum));
            ((Map<String, Number>) c.get("storedBytes")).forEach((t, b) -> grow.merge(t, b.doubleValue() * rate * SECONDS_PER_MONTH, Double::sum));
        });
        Map<String, Object> targets = new LinkedHashMap<>();
        double total = 0;
        java.util.Set<String> names = new java.util.TreeSet<>(wru.keySet());
        names.addAll(rru.keySet());
        names.addAll(baseStored.keySet());
        for (String t : names) {
            double w = wru.getOrDefault(t, 0.0);
            double rd = rru.getOrDefault(t, 0.0);
            double gb = (baseStored.getOrDefault(t, 0L) + grow.getOrDefault(t, 0.0)) / BYTES_PER_GB;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("writeRequestUnitsMillions", round2(w / 1e6));
            m.put("readRequestUnitsMillions", round2(rd / 1e6));
            m.put("storedGbAfterOneMonth", round2(gb));
            m.put("writeUsd", round2(w / 1e6 * WRITE_PER_MILLION));
            m.put("readUsd", round2(rd / 1e6 * READ_PER_MILLION));
            m.put("storageUsd", round2(gb * STORAGE_PER_GB_MONTH));
            double sum = w / 1e6 * WRITE_PER_MILLION + rd / 1e6 * READ_PER_MILLION + gb * STORAGE_PER_GB_MONTH;
            m.put("totalUsd", round2(sum));
            total += sum;
            targets.put(t, m);
        }
        Map<String, Object> lambdas = new LinkedHashMap<>();
        double commandInvocations = 0;
        double commandGbs = 0;
        for (String c : List.of("placeOrder", "shipOrder")) {
            double n = rates.get(c) * SECONDS_PER_MONTH;
            commandInvocations += n;
            commandGbs += n * commandMs.get(c) / 1000 * LAMBDA_MEMORY_GB;
        }
        double queryInvocations = readsPerOrder.values().stream().mapToInt(Integer::intValue).sum() * r * SECONDS_PER_MONTH;
        double queryGbs = queryInvocations * queryMs / 1000 * LAMBDA_MEMORY_GB;
        lambdas.put("command", lambda(commandInvocations, commandGbs));
        lambdas.put("query", lambda(queryInvocations, queryGbs));
        for (Object l : lambdas.values()) {
            total += ((Number) ((Map<String, Object>) l).get("totalUsd")).doubleValue();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ordersPerSecond", r);
        out.put("callsPerSecond", rates);
        out.put("dynamodb", targets);
        out.put("lambda", lambdas);
        out.put("totalUsd", round2(total));
        return out;
    }

    private static Map<String, Object> lambda(double invocations, double gbSeconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("invocationsMillions", round2(invocations / 1e6));
        m.put("gbSeconds", Math.round(gbSeconds));
        m.put("requestsUsd", round2(invocations / 1e6 * LAMBDA_PER_MILLION_REQUESTS));
        m.put("durationUsd", round2(gbSeconds * LAMBDA_PER_GB_SECOND_ARM));
        m.put("totalUsd", round2(invocations / 1e6 * LAMBDA_PER_MILLION_REQUESTS + gbSeconds * LAMBDA_PER_GB_SECOND_ARM));
        return m;
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
