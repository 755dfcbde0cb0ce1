package com.example.northwind.benchmark;

import com.example.northwind.seeder.NorthwindSeeder;
import com.example.northwind.seeder.SeedResult;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One seed in a JVM of its own, for the seeder's memory figure (started by {@link SeedMemoryBenchmark} with the heap
 * of a 1,024 MB Lambda and the serial collector). Arguments: DynamoDB endpoint, table, data folder.
 *
 * <p>Peak live heap: every {@value #SAMPLE_MILLIS} ms a sampler thread forces a full collection
 * ({@code System.gc()}, a full stop-the-world collection under the serial collector) and reads the heap in use right
 * after it, which is then what is reachable (plus what the writer threads allocated in between); the figure is
 * the largest such sample. Alongside, every collection's own "heap in use after GC" (forced or not, from the GC
 * notifications) gives the largest heap-after-GC. Prints one line
 * {@code RESULT items peakLiveBytes maxAfterAnyGcBytes fullGcSamples elapsedMillis}.
 */
public final class SeedMemoryMain {
    static final int SAMPLE_MILLIS = 250;

    private SeedMemoryMain() {
    }

    public static void main(String[] args) throws Exception {
        AtomicLong afterAnyGc = new AtomicLong();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                            .filter(e -> isHeapPool(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
                    afterAnyGc.accumulateAndGet(used, Math::max);
                }
            }, null, null);
        }
        AtomicLong peakLive = new AtomicLong();
        AtomicLong samples = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.gc();
                MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                peakLive.accumulateAndGet(heap.getUsed(), Math::max);
                samples.incrementAndGet();
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "live-heap-sampler");
        sampler.setDaemon(true);
        long start = System.nanoTime();
        SeedResult result;
        try (DynamoDbClient dynamo = Dynamo.client(URI.create(args[0]))) {
            sampler.start();
            result = new NorthwindSeeder(dynamo, args[1], SeedingBenchmark.concurrent()).seed(Path.of(args[2]));
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        sampler.interrupt();
        sampler.join();
        System.out.println("RESULT " + result.totalItems() + " " + peakLive.get() + " " + afterAnyGc.get() + " "
                + samples.get() + " " + elapsed);
    }

    private static boolean isHeapPool(String pool) {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .anyMatch(p -> p.getName().equals(pool) && p.getType() == java.lang.management.MemoryType.HEAP);
    }
}
