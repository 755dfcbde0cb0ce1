package com.example.northwind.benchmark.heat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Capacity units per second per partition key value, on the table and on every index, for writes and reads; and
 * what each labelled call (a command, a read pattern) consumed per target, and how it changed stored bytes.
 *
 * <p>Units are added at a simulated time; a second's sums are closed when time moves past it. Per key, the peak
 * second is kept for keys that reach {@link #TRACK_FRACTION} of the limit in some second (below that a key cannot be
 * among the hottest that matter); each target's hottest key is always kept.
 */
public final class Heat {
    public enum Kind { WRITE, READ }

    /** Keys whose busiest second stays under this fraction of the limit are not kept one by one. */
    public static final double TRACK_FRACTION = 0.1;

    /** One target and kind: this second's units per key, and the peaks so far. */
    private static final class Meter {
        final String target;
        final Kind kind;
        final double limit;
        HashMap<String, double[]> second = new HashMap<>();
        final HashMap<String, Double> peaks = new HashMap<>();
        double maxPeak;
        String maxKey;
        double total;

        Meter(String target, Kind kind) {
            this.target = target;
            this.kind = kind;
            this.limit = kind == Kind.WRITE ? Units.WCU_LIMIT : Units.RCU_LIMIT;
        }

        void close() {
            for (Map.Entry<String, double[]> e : second.entrySet()) {
                double v = e.getValue()[0];
                if (v > maxPeak) {
                    maxPeak = v;
                    maxKey = e.getKey();
                }
                if (v >= TRACK_FRACTION * limit) {
                    peaks.merge(e.getKey(), v, Math::max);
                }
            }
            second = new HashMap<>();
        }
    }

    /** What one kind of call consumed in total: calls, units per target, stored bytes per target. */
    public static final class Call {
        long calls;
        final Map<String, Double> writeUnits = new TreeMap<>();
        final Map<String, Double> readUnits = new TreeMap<>();
        final Map<String, Long> storedBytes = new TreeMap<>();
        final Map<String, Long> writes = new TreeMap<>();

        public long calls() {
            return calls;
        }

        public Map<String, Double> writeUnits() {
            return writeUnits;
        }

        public Map<String, Double> readUnits() {
            return readUnits;
        }

        public Map<String, Long> storedBytes() {
            return storedBytes;
        }

        /** Item-copy writes per target (a put or a delete of a table item or an index entry). */
        public Map<String, Long> writes() {
            return writes;
        }
    }

    private final Map<String, Meter> meters = new LinkedHashMap<>();
    private final Map<String, Call> calls = new TreeMap<>();
    private long currentSecond = -1;
    private long seconds;
    private Call call;
    private boolean counting = true;

    /** Moves simulated time to this second, closing the seconds before it. */
    public void at(long second) {
        if (second != currentSecond) {
            if (currentSecond >= 0) {
                meters.values().forEach(Meter::close);
                seconds += second - currentSecond;
            }
            currentSecond = second;
        }
    }

    /** Closes the last second. */
    public void finish() {
        if (currentSecond >= 0) {
            meters.values().forEach(Meter::close);
            seconds++;
            currentSecond = -1;
        }
    }

    /** Units consumed from here on belong to this kind of call (one more call of it). */
    public void begin(String label) {
        call = calls.computeIfAbsent(label, k -> new Call());
        call.calls++;
    }

    /** Whether units are counted (off while the table is loaded before the run). */
    public void counting(boolean on) {
        counting = on;
    }

    public boolean counting() {
        return counting;
    }

    public void add(String target, Kind kind, String key, double units) {
        if (!counting) {
            return;
        }
        Meter m = meters.computeIfAbsent(target + "/" + kind, k -> new Meter(target, kind));
        m.second.computeIfAbsent(key, k -> new double[1])[0] += units;
        m.total += units;
        if (call != null) {
            (kind == Kind.WRITE ? call.writeUnits : call.readUnits).merge(target, units, Double::sum);
            if (kind == Kind.WRITE) {
                call.writes.merge(target, 1L, Long::sum);
            }
        }
    }

    public void stored(String target, long deltaBytes) {
        if (counting && call != null) {
            call.storedBytes.merge(target, deltaBytes, Long::sum);
        }
    }

    public long seconds() {
        return seconds;
    }

    public Map<String, Call> calls() {
        return calls;
    }

    /** A key's busiest second. */
    public record Hot(String target, Kind kind, String key, double unitsPerSecond, double limit) {
        public double ofLimit() {
            return unitsPerSecond / limit;
        }

        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", target);
            m.put("kind", kind == Kind.WRITE ? "WCU" : "RCU");
            m.put("key", key);
            m.put("peakUnitsPerSecond", Math.round(unitsPerSecond * 10) / 10.0);
            m.put("limit", limit);
            return m;
        }
    }

    /** The busiest second of the hottest key of each target and kind (null when nothing was counted). */
    public Hot max(Kind kind) {
        Hot best = null;
        for (Meter m : meters.values()) {
            if (m.kind == kind && m.maxKey != null && (best == null || m.maxPeak > best.unitsPerSecond())) {
                best = new Hot(m.target, kind, m.maxKey, m.maxPeak, m.limit);
            }
        }
        return best;
    }

    /** The n hottest keys over every target and kind, by their busiest second as a share of the limit. */
    public List<Hot> hottest(int n) {
        List<Hot> all = new ArrayList<>();
        for (Meter m : meters.values()) {
            m.peaks.forEach((key, v) -> all.add(new Hot(m.target, m.kind, key, v, m.limit)));
            if (m.maxKey != null && !m.peaks.containsKey(m.maxKey)) {
                all.add(new Hot(m.target, m.kind, m.maxKey, m.maxPeak, m.limit));
            }
        }
        all.sort((a, b) -> Double.compare(b.ofLimit(), a.ofLimit()));
        return all.subList(0, Math.min(n, all.size()));
    }

    /** Average units per second per target and kind over the simulated seconds. */
    public Map<String, Double> averagePerSecond() {
        Map<String, Double> out = new TreeMap<>();
        for (Meter m : meters.values()) {
            out.put(m.target + " " + (m.kind == Kind.WRITE ? "WCU" : "RCU"), seconds == 0 ? 0 : m.total / seconds);
        }
        return out;
    }
}
