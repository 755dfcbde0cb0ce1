package com.example.northwind.benchmark;

import com.example.northwind.seeder.NorthwindSeeder;
import com.example.northwind.seeder.SeedOptions;
import com.example.northwind.seeder.SeedResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Seeds a fresh table with the real seeder code path and measures it. */
final class SeedingBenchmark {
    private final DynamoDbClient dynamo;
    private final long serverPid;

    SeedingBenchmark(DynamoDbClient dynamo, long serverPid) {
        this.dynamo = dynamo;
        this.serverPid = serverPid;
    }

    /** CPU time of a process so far, in seconds (to show which side of the HTTP connection is the bottleneck). */
    static double cpuSeconds(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** Seeds {@code dataDir} into a new table {@code table}; returns the figures (the table stays). */
    Map<String, Object> run(String label, Path dataDir, String table, SeedOptions options) {
        Dynamo.createTable(dynamo, table);
        long baseline = HeapSampler.usedAfterGc();
        SeedResult result;
        long wallNanos;
        long peak;
        double cpuServer;
        double cpuClient;
        try (HeapSampler sampler = new HeapSampler()) {
            cpuServer = cpuSeconds(serverPid);
            cpuClient = cpuSeconds(ProcessHandle.current().pid());
            long start = System.nanoTime();
            result = new NorthwindSeeder(dynamo, table, options).seed(dataDir);
            wallNanos = System.nanoTime() - start;
            peak = sampler.peakBytes();
            cpuServer = cpuSeconds(serverPid) - cpuServer;
            cpuClient = cpuSeconds(ProcessHandle.current().pid()) - cpuClient;
        }
        double seconds = wallNanos / 1e9;
        // The order-id counter rides along with the items; the seed's progress item is put in a call of its own before
        // them, the seed record and the progress item's removal in one each after them (no checkpoint in between: the
        // benchmark's checkpoint interval is its budget).
        int lowerBound = (result.totalItems() + 1 + 24) / 25 + 3;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", label);
        m.put("concurrency", options.concurrency());
        m.put("items", result.totalItems());
        // The seeder's own "written" log line times the BatchWriteItem phase alone (the rest: parse, map, and the
        // keys-only Scan that looks for stale items to delete).
        double writeSeconds = QuietStdout.lastLogNumber("written", "elapsedMs") / 1000;
        m.put("writePhaseSeconds", Stats.round(writeSeconds, 2));
        m.put("writePhaseItemsPerSecond", Stats.round(result.totalItems() / writeSeconds, 0));
        m.put("elapsedSeconds", Stats.round(seconds, 2));
        m.put("itemsPerSecond", Stats.round(result.totalItems() / seconds, 0));
        m.put("batchWriteCalls", result.batchWriteCalls());
        m.put("batchWriteLowerBound", lowerBound);
        m.put("retriedBatches", result.retriedBatches());
        m.put("deletedItems", result.deletedItems());
        m.put("heapBeforeMiB", Stats.round(baseline / 1048576.0, 1));
        m.put("peakHeapMiB", Stats.round(peak / 1048576.0, 1));
        m.put("dynamoDbLocalCpuSeconds", Stats.round(cpuServer, 1));
        m.put("seederJvmCpuSeconds", Stats.round(cpuClient, 1));
        m.put("itemsByType", result.itemsByType());
        System.out.printf("  seed %-10s concurrency=%d items=%d %.1fs (writes %.1fs) %.0f items/s calls=%d (lower bound %d) retries=%d peak heap %.0f MiB, cpu server %.1fs client %.1fs%n",
                label, options.concurrency(), result.totalItems(), seconds, writeSeconds, result.totalItems() / seconds,
                result.batchWriteCalls(), lowerBound, result.retriedBatches(), peak / 1048576.0, cpuServer, cpuClient);
        return m;
    }

    static SeedOptions concurrent() {
        return SeedOptions.defaults().toBuilder().timeBudget(Duration.ofMinutes(30)).checkpointInterval(Duration.ofMinutes(30))
                .build();
    }

    static SeedOptions naive() {
        return SeedOptions.naive().toBuilder().timeBudget(Duration.ofMinutes(30)).checkpointInterval(Duration.ofMinutes(30))
                .build();
    }
}
