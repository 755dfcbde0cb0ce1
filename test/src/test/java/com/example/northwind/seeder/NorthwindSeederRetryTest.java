package com.example.northwind.seeder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.testsupport.LocalDynamo;
import com.example.northwind.testsupport.NorthwindCsv;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Partial failures injected with SDK interceptors in front of DynamoDB Local. */
class NorthwindSeederRetryTest {
    static LocalDynamo local;

    /** Tiny delays: the retry logic runs for real, only faster. */
    static final SeedOptions FAST = SeedOptions.builder()
            .baseBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(20)).build();

    @BeforeAll
    static void start() {
        local = LocalDynamo.start();
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    /** Drops a third of each BatchWriteItem request before it is sent and reports those items as unprocessed. */
    static final class DropAThird implements ExecutionInterceptor {
        static final ExecutionAttribute<Map<String, List<WriteRequest>>> DROPPED = new ExecutionAttribute<>("dropped");
        final AtomicInteger droppedItems = new AtomicInteger();

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            if (!(context.request() instanceof BatchWriteItemRequest request)) {
                return context.request();
            }
            Map<String, List<WriteRequest>> kept = new HashMap<>();
            Map<String, List<WriteRequest>> dropped = new HashMap<>();
            request.requestItems().forEach((table, writes) -> {
                int drop = writes.size() / 3;
                kept.put(table, new ArrayList<>(writes.subList(0, writes.size() - drop)));
                if (drop > 0) {
                    dropped.put(table, new ArrayList<>(writes.subList(writes.size() - drop, writes.size())));
                    droppedItems.addAndGet(drop);
                }
            });
            attributes.putAttribute(DROPPED, dropped);
            return request.toBuilder().requestItems(kept).build();
        }

        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            Map<String, List<WriteRequest>> dropped = attributes.getAttribute(DROPPED);
            if (!(context.response() instanceof BatchWriteItemResponse response) || dropped == null || dropped.isEmpty()) {
                return context.response();
            }
            Map<String, List<WriteRequest>> unprocessed = new HashMap<>(response.unprocessedItems());
            dropped.forEach((table, writes) -> unprocessed.merge(table, writes, (a, b) -> {
                List<WriteRequest> all = new ArrayList<>(a);
                all.addAll(b);
                return all;
            }));
            return response.toBuilder().unprocessedItems(unprocessed).build();
        }
    }

    /** Fails BatchWriteItem with a throttling error before it reaches DynamoDB, {@code times} times. */
    static final class Throttle implements ExecutionInterceptor {
        final AtomicInteger remaining;
        final AtomicInteger thrown = new AtomicInteger();

        Throttle(int times) {
            remaining = new AtomicInteger(times);
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof BatchWriteItemRequest && remaining.getAndDecrement() > 0) {
                thrown.incrementAndGet();
                throw ProvisionedThroughputExceededException.builder()
                        .message("injected: throughput exceeded").statusCode(400).build();
            }
        }
    }

    @Test
    void seed_resubmitsUnprocessedItems_untilAllAreWritten() {
        // GIVEN a client whose BatchWriteItem calls leave a third of their items unprocessed
        String table = local.createTable();
        DropAThird interceptor = new DropAThird();
        DynamoDbClient flaky = local.client(interceptor);
        // WHEN seeding
        SeedResult result = new NorthwindSeeder(flaky, table, FAST).seed(NorthwindCsv.dir());
        // THEN every item still ends up in the table, through resubmitted batches
        assertTrue(interceptor.droppedItems.get() > 0, "the interceptor must have dropped items");
        assertTrue(result.retriedBatches() > 0, "retriedBatches " + result.retriedBatches());
        assertEquals(ExpectedItems.of(NorthwindCsv.dir()), ExpectedItems.scan(local.dynamo(), table));
    }

    @Test
    void seed_retriesThrottledCalls_andCompletes() {
        // GIVEN a client whose first 10 BatchWriteItem calls are throttled
        String table = local.createTable();
        Throttle throttle = new Throttle(10);
        // WHEN seeding
        SeedResult result = new NorthwindSeeder(local.client(throttle), table, FAST).seed(NorthwindCsv.dir());
        // THEN the throttled calls were retried and the table is complete
        assertEquals(10, throttle.thrown.get());
        assertTrue(result.retriedBatches() >= 10, "retriedBatches " + result.retriedBatches());
        assertEquals(ExpectedItems.count(NorthwindCsv.dir()), ExpectedItems.scan(local.dynamo(), table).size());
    }

    @Test
    void fails_whenThrottlingNeverClears_withinTheTimeBudget() {
        // GIVEN a client that is always throttled and a 2 s budget with real sleeps
        String table = local.createTable();
        SeedOptions options = SeedOptions.builder().timeBudget(Duration.ofSeconds(2))
                .baseBackoff(Duration.ofMillis(20)).maxBackoff(Duration.ofMillis(300))
                .maxAttempts(Integer.MAX_VALUE).build();
        NorthwindSeeder seeder = new NorthwindSeeder(local.client(new Throttle(Integer.MAX_VALUE)), table, options);
        long start = System.nanoTime();
        // WHEN seeding
        SeedFailedException e = assertThrows(SeedFailedException.class, () -> seeder.seed(NorthwindCsv.dir()));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        // THEN it fails clearly, naming the budget, progress and the last error, soon after the budget ran out
        assertTrue(e.getMessage().startsWith("seeding did not finish within 2 s: 0 of "), e.getMessage());
        assertTrue(e.getMessage().contains("items written; last error: ProvisionedThroughputExceededException"),
                e.getMessage());
        assertTrue(elapsedMs >= 1900 && elapsedMs < 10_000, "elapsed " + elapsedMs + " ms");
    }

    @Test
    void fails_whenTheTableDoesNotExist_withoutRetrying() {
        // GIVEN no table of that name WHEN seeding THEN it fails at once, naming the table and DynamoDB's error
        NorthwindSeeder seeder = new NorthwindSeeder(local.dynamo(), "no-such-table", FAST);
        SeedFailedException e = assertThrows(SeedFailedException.class, () -> seeder.seed(NorthwindCsv.dir()));
        assertTrue(e.getMessage().contains("no-such-table") && e.getMessage().contains("ResourceNotFoundException"),
                e.getMessage());
    }
}
