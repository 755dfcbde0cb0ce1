package com.example.northwind.seeder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Run in a child JVM by {@link SeedMemoryTest}: seeds a data folder through the real seeder into a DynamoDB client
 * that accepts every write and keeps nothing (an empty table that is never seeded), so the heap holds only what the
 * seeder itself holds. Prints {@code OK <items>}; an OutOfMemoryError ends the JVM with a non-zero exit code.
 */
public final class SeedMemoryProbe {
    private SeedMemoryProbe() {
    }

    public static void main(String[] args) {
        AtomicInteger written = new AtomicInteger();
        DynamoDbClient discarding = new DynamoDbClient() {
            @Override
            public String serviceName() {
                return "dynamodb";
            }

            @Override
            public void close() {
            }

            @Override
            public GetItemResponse getItem(GetItemRequest request) {
                return GetItemResponse.builder().build();
            }

            @Override
            public ScanResponse scan(ScanRequest request) {
                return ScanResponse.builder().items(java.util.List.of()).build();
            }

            @Override
            public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
                request.requestItems().values().forEach(w -> written.addAndGet(w.size()));
                return BatchWriteItemResponse.builder().unprocessedItems(Map.of()).build();
            }
        };
        SeedOptions options = SeedOptions.defaults().toBuilder().timeBudget(Duration.ofMinutes(5))
                .checkpointInterval(Duration.ofMinutes(5)).build();
        SeedResult result = new NorthwindSeeder(discarding, "memory-probe", options).seed(Path.of(args[0]));
        System.out.println("OK " + result.totalItems() + " " + written.get());
    }
}
