package com.example.northwind.local;

import com.example.northwind.schema.FunctionContract;
import com.example.northwind.seeder.SeedOptions;
import com.example.northwind.seeder.SeederHandler;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Runs the real seeder handler in-process as the CDK Provider framework runs it on deploy (its isComplete mode):
 * onEvent with the template's event, then isComplete polled until it answers {@code IsComplete: true}, first for
 * the seed resource (seed, or a migration's expand phase), then for the migration's contract resource. So a table
 * made by an older version ({@code --db-path DIR}) is migrated on start, and a seed longer than one invocation's
 * budget (or one a stopped run left half-written) continues poll by poll from its checkpoint, as on deploy.
 *
 * <p>While a handler call works, a progress line every second (items accepted by DynamoDB, elapsed); after each
 * unfinished poll, a line with the poll's {@value FunctionContract#RESPONSE_PROGRESS}; at the end the item counts.
 * Between polls only a short pause: the deployed waiter's 30 s interval is idle time, not work. The answers are
 * checked as the framework checks them, so what fails on deploy fails here, with the phase and the poll named.
 */
public final class SeedRunner {
    /** Pause between polls (the Provider framework waits {@value FunctionContract#SEED_QUERY_INTERVAL_SECONDS} s). */
    static final Duration DEFAULT_POLL_PAUSE = Duration.ofMillis(100);
    /** As long as the Provider framework waits on deploy. */
    static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofSeconds(FunctionContract.SEED_TOTAL_TIMEOUT_SECONDS);

    /** One handler of the custom resource, invoked with an event as Lambda would invoke it. */
    @FunctionalInterface
    public interface Step {
        Map<String, Object> invoke(Map<String, Object> event);
    }

    /** The two handlers of an asynchronous custom resource: onEvent, then isComplete until complete. */
    public record AsyncHandler(Step onEvent, Step isComplete) {
        /** The seeder's {@code handleRequest} and {@code isComplete}, as the deployed functions run them. */
        public static AsyncHandler of(SeederHandler handler) {
            return new AsyncHandler(event -> handler.handleRequest(event, null), event -> handler.isComplete(event, null));
        }
    }

    private final DynamoDbClient dynamo;
    private final WriteCounter counter;
    private final PrintStream console;
    private final Duration pollPause;
    private final Duration totalTimeout;

    /**
     * @param dynamo  a client that has {@code counter} among its interceptors
     * @param counter counts the items written through {@code dynamo}
     */
    public SeedRunner(DynamoDbClient dynamo, WriteCounter counter, PrintStream console) {
        this(dynamo, counter, console, DEFAULT_POLL_PAUSE, DEFAULT_TOTAL_TIMEOUT);
    }

    /** With the pause between polls and the total timeout of one phase (tests shorten them). */
    public SeedRunner(DynamoDbClient dynamo, WriteCounter counter, PrintStream console, Duration pollPause,
                      Duration totalTimeout) {
        this.dynamo = dynamo;
        this.counter = counter;
        this.console = console;
        this.pollPause = pollPause;
        this.totalTimeout = totalTimeout;
    }

    /**
     * The seed (or expand) phase with {@code seedEvent}, then the contract phase with {@code contractEvent}, each
     * through the real {@link SeederHandler}.
     *
     * @return the seed resource's Data (TotalItems, Items&lt;Type&gt;, DeletedItems, DataChecksum), onEvent's and the
     *         last isComplete's merged as the Provider framework merges them
     */
    public Map<String, Object> seed(Map<String, Object> seedEvent, Map<String, Object> contractEvent, String tableName,
                                    Path dataDir) {
        AsyncHandler handler = AsyncHandler.of(new SeederHandler(dynamo, tableName, dataDir, SeedOptions.defaults()));
        long start = System.nanoTime();
        Map<String, Object> data = run(handler, seedEvent, "seeding " + tableName);
        if ("true".equals(String.valueOf(data.get(FunctionContract.DATA_SKIPPED)))) {
            // The seed runs once: a seeded table belongs to the application, and a restart must not read as data loss.
            console.printf("Table %s was seeded before: it holds %,d items, kept as they are (nothing written).%n",
                    tableName, itemCount(tableName));
        } else if (data.get(FunctionContract.DATA_TOTAL_ITEMS) == null) {
            // A migration's expand phase (a table made by an older item model): what it reports.
            console.printf("Expand phase on %s done in %.1f s: %s%n", tableName, seconds(start), strings(data));
        } else {
            console.printf("Seeded %s in %.1f s: %,d items written%s%n", tableName, seconds(start),
                    Long.parseLong(String.valueOf(data.get(FunctionContract.DATA_TOTAL_ITEMS))),
                    itemsByType(data, RowCounts.of(dataDir)));
        }
        if (contractEvent != null) {
            long contractStart = System.nanoTime();
            Map<String, Object> contracted = run(handler, contractEvent, "contract phase on " + tableName);
            // A contract phase with nothing to remove answers only Complete: say nothing then.
            contracted.remove(FunctionContract.DATA_COMPLETE);
            if (!contracted.isEmpty()) {
                console.printf("Contract phase on %s done in %.1f s: %s%n", tableName, seconds(contractStart),
                        strings(contracted));
            }
        }
        return data;
    }

    /**
     * Runs one asynchronous custom resource to completion: onEvent, then isComplete with the event the framework
     * builds (the CloudFormation event plus onEvent's answer and PhysicalResourceId) until {@code IsComplete} is true.
     *
     * @param what names the phase in progress lines and errors ("seeding t", "contract phase on t")
     * @return onEvent's Data with the completing isComplete's Data over it
     * @throws IllegalStateException when a handler throws or answers what the framework would refuse, or the phase
     *                               does not complete within the total timeout; the message names phase and poll
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> run(AsyncHandler handler, Map<String, Object> event, String what) {
        long start = System.nanoTime();
        long writtenBefore = counter.written();
        Map<String, Object> onEvent = call(() -> handler.onEvent().invoke(event), what, "onEvent", start);
        if (onEvent == null) {
            onEvent = Map.of();
        }
        Map<String, Object> pollEvent = new LinkedHashMap<>(event);
        pollEvent.putAll(onEvent);
        Object physicalId = onEvent.get("PhysicalResourceId");
        pollEvent.put("PhysicalResourceId", physicalId != null ? physicalId
                : "Create".equals(event.get("RequestType")) ? event.get("RequestId") : event.get("PhysicalResourceId"));
        Map<String, Object> data = new LinkedHashMap<>(dataOf(onEvent, what, "onEvent"));
        pollEvent.put(FunctionContract.RESPONSE_DATA, new LinkedHashMap<>(data));

        for (int poll = 1; ; poll++) {
            if (System.nanoTime() - start > totalTimeout.toNanos()) {
                throw new IllegalStateException(what + " did not complete within " + totalTimeout.toSeconds() + " s ("
                        + (poll - 1) + " isComplete polls): Operation timed out, as the Provider framework reports it");
            }
            String step = "isComplete poll " + poll;
            Map<String, Object> answer = call(() -> handler.isComplete().invoke(new LinkedHashMap<>(pollEvent)), what, step, start);
            Object complete = answer == null ? null : answer.get(FunctionContract.RESPONSE_IS_COMPLETE);
            if (!(complete instanceof Boolean)) {
                throw new IllegalStateException(what + " failed in " + step + ": the answer has no boolean "
                        + FunctionContract.RESPONSE_IS_COMPLETE + " (" + answer + ")");
            }
            Map<String, Object> answerData = dataOf(answer, what, step);
            if ((Boolean) complete) {
                data.putAll(answerData);
                return data;
            }
            if (!answerData.isEmpty()) {
                throw new IllegalStateException(what + " failed in " + step + ": it answered IsComplete false with Data "
                        + answerData + ", which the Provider framework refuses (\"Data\" is not allowed if \"IsComplete\""
                        + " is \"False\"); report progress under " + FunctionContract.RESPONSE_PROGRESS);
            }
            Object progress = answer.get(FunctionContract.RESPONSE_PROGRESS);
            console.printf("  %s: poll %d not complete%s, %,d items written, %.0f s%n", what, poll,
                    progress instanceof Map<?, ?> p && !p.isEmpty() ? ": " + strings((Map<String, Object>) p) : "",
                    counter.written() - writtenBefore, seconds(start));
            pause();
        }
    }

    /** Runs a handler call, printing a progress line every second while it works. */
    private Map<String, Object> call(Supplier<Map<String, Object>> invocation, String what, String step, long start) {
        long before = counter.written();
        CompletableFuture<Map<String, Object>> running = CompletableFuture.supplyAsync(invocation);
        while (true) {
            try {
                return running.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                console.printf("  %s (%s): %,d items written, %.0f s%n", what, step, counter.written() - before, seconds(start));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.cancel(true);
                throw new IllegalStateException(what + " was interrupted.");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw new IllegalStateException(what + " failed in " + step + ": " + cause.getMessage(), cause);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dataOf(Map<String, Object> answer, String what, String step) {
        Object data = answer.get(FunctionContract.RESPONSE_DATA);
        if (data == null) {
            return Map.of();
        }
        if (!(data instanceof Map<?, ?>)) {
            throw new IllegalStateException(what + " failed in " + step + ": its Data is not an object (" + data + ")");
        }
        return (Map<String, Object>) data;
    }

    private void pause() {
        try {
            Thread.sleep(pollPause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Seeding was interrupted.");
        }
    }

    private static String strings(Map<String, Object> values) {
        StringBuilder line = new StringBuilder();
        values.forEach((key, value) -> line.append(line.length() == 0 ? "" : ", ").append(key).append(' ').append(value));
        return line.toString();
    }

    /**
     * {@code " from 2,155 rows: Customer: 91 rows → 273 items, …"}: per entity the data's rows and the items they
     * became (an entity's row is several items: its entity item, edges, views), and the stale items deleted.
     */
    static String itemsByType(Map<String, Object> data, Map<String, Long> rows) {
        StringBuilder line = new StringBuilder();
        data.forEach((key, value) -> {
            if (key.startsWith(FunctionContract.DATA_ITEMS_PREFIX)) {
                String type = key.substring(FunctionContract.DATA_ITEMS_PREFIX.length());
                Long count = rows.get(type);
                line.append(line.length() == 0 ? "" : ", ").append(type).append(": ")
                        .append(count == null ? "" : String.format("%,d %s → ", count, count == 1 ? "row" : "rows"))
                        .append(String.format("%,d %s", Long.parseLong(value.toString()),
                                "1".equals(value.toString()) ? "item" : "items"));
            }
        });
        // Data values are strings (as CloudFormation reads them).
        Object deleted = data.get(FunctionContract.DATA_DELETED_ITEMS);
        if (deleted != null && !"0".equals(deleted.toString())) {
            line.append(line.length() == 0 ? "" : "; ").append(deleted).append(" stale items deleted");
        }
        long total = rows.values().stream().mapToLong(Long::longValue).sum();
        return line.length() == 0 ? "" : (total > 0 ? String.format(" from %,d rows", total) : "") + " (" + line + ")";
    }

    /** Every item the table holds now (bookkeeping items included): a count-only Scan, page by page. */
    private long itemCount(String tableName) {
        long count = 0;
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> start = null;
        do {
            ScanResponse page = dynamo.scan(ScanRequest.builder().tableName(tableName).select(Select.COUNT)
                    .exclusiveStartKey(start).build());
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
