package com.example.northwind.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Samples used heap every few milliseconds on a daemon thread and keeps the maximum. Used heap includes
 * garbage not yet collected, so the peak is an upper bound of what the work needed, bounded by -Xmx.
 */
final class HeapSampler implements AutoCloseable {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peak;

    HeapSampler() {
        peak = memory.getHeapMemoryUsage().getUsed();
        thread = new Thread(() -> {
            while (running) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    long peakBytes() {
        return peak;
    }

    /** Used heap after a full GC: what stays live. */
    static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
