package com.example.northwind.local;

import com.example.northwind.schema.FunctionContract;
import com.example.northwind.seeder.SeedOptions;
import com.example.northwind.seeder.SeederHandler;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs the real seeder handler in-process with the Create event of the template, printing a progress line
 * every second (items accepted by DynamoDB, elapsed) while it works and the item counts when it is done.
 */
public final class SeedRunner {
    private final DynamoDbClient dynamo;
    private final WriteCounter counter;
    private final PrintStream console;

    /**
     * @param dynamo  a client that has {@code counter} among its interceptors
     * @param counter counts the items written through {@code dynamo}
     */
    public SeedRunner(DynamoDbClient dynamo, WriteCounter counter, PrintStream console) {
        this.dynamo = dynamo;
        this.counter = counter;
        this.console = console;
    }

    /** @return the handler's response Data (TotalItems, Items&lt;Type&gt;, DeletedItems, DataChecksum) */
    @SuppressWarnings("unchecked")
    public Map<String, Object> seed(Map<String, Object> createEvent, String tableName, Path dataDir) {
        SeederHandler handler = new SeederHandler(dynamo, tableName, dataDir, SeedOptions.defaults());
        long start = System.nanoTime();
        long before = counter.written();
        CompletableFuture<Map<String, Object>> seeding =
                CompletableFuture.supplyAsync(() -> handler.handleRequest(createEvent, null));
        Map<String, Object> response;
        while (true) {
            try {
                response = seeding.get(1, TimeUnit.SECONDS);
                break;
            } catch (TimeoutException e) {
                console.printf("  seeding %s: %,d items written, %.0f s%n", tableName, counter.written() - before, seconds(start));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Seeding was interrupted.");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw new IllegalStateException("Seeding table " + tableName + " failed: " + cause.getMessage(), cause);
            }
        }
        Map<String, Object> data = (Map<String, Object>) response.getOrDefault("Data", Map.of());
        console.printf("Seeded %s in %.1f s: %s items%s%n", tableName, seconds(start), data.get(FunctionContract.DATA_TOTAL_ITEMS),
                itemsByType(data));
        return data;
    }

    private static String itemsByType(Map<String, Object> data) {
        StringBuilder line = new StringBuilder();
        data.forEach((key, value) -> {
            if (key.startsWith(FunctionContract.DATA_ITEMS_PREFIX)) {
                line.append(line.length() == 0 ? " (" : ", ").append(key.substring(FunctionContract.DATA_ITEMS_PREFIX.length()))
                        .append(' ').append(value);
            }
        });
        // Data values are strings (as CloudFormation reads them).
        Object deleted = data.get(FunctionContract.DATA_DELETED_ITEMS);
        if (deleted != null && !"0".equals(deleted.toString())) {
            line.append(line.length() == 0 ? " (" : "; ").append(deleted).append(" stale items deleted");
        }
        return line.length() == 0 ? "" : line.append(')').toString();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
