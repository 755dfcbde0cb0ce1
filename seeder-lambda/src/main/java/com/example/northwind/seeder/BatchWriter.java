package com.example.northwind.seeder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Sends write requests with BatchWriteItem, 25 per call and at most {@code concurrency} calls in flight.
 * Unprocessed items and throttled calls are resubmitted after an exponential backoff with full jitter
 * (random(0, min(cap, base * 2^attempt))), so parallel writers spread out instead of retrying in lockstep.
 * Any other error, too many attempts or the end of the time budget stops all writers.
 */
final class BatchWriter {
    /** The BatchWriteItem limit. */
    static final int BATCH_SIZE = 25;

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final SeedOptions options;
    private final TimeBudget budget;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    BatchWriter(DynamoDbClient dynamo, String tableName, SeedOptions options, TimeBudget budget) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.options = options;
        this.budget = budget;
    }

    int calls() {
        return calls.get();
    }

    int retried() {
        return retried.get();
    }

    /**
     * Writes every request or throws {@link SeedFailedException}.
     *
     * @param progress describes how far the phase got from the number of requests done, for error messages
     */
    void write(List<WriteRequest> requests, IntFunction<String> progress) {
        if (requests.isEmpty()) {
            return;
        }
        AtomicInteger done = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(options.concurrency(), r -> {
            Thread t = new Thread(r, "batch-writer");
            t.setDaemon(true); // never keep a Lambda or a test JVM alive
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int from = 0; from < requests.size(); from += BATCH_SIZE) {
                List<WriteRequest> batch = requests.subList(from, Math.min(requests.size(), from + BATCH_SIZE));
                futures.add(pool.submit(() -> writeBatch(batch, done, stop, progress)));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    stop.set(true);
                    futures.forEach(f -> f.cancel(false));
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new SeedFailedException("BatchWriteItem failed: " + cause);
                } catch (CancellationException e) {
                    // cancelled after another batch failed; that failure is being reported
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.set(true);
            throw new SeedFailedException("seeding was interrupted: " + progress.apply(done.get()));
        } finally {
            pool.shutdownNow();
        }
    }

    private void writeBatch(List<WriteRequest> batch, AtomicInteger done, AtomicBoolean stop,
                            IntFunction<String> progress) {
        List<WriteRequest> pending = batch;
        for (int attempt = 1; ; attempt++) {
            if (stop.get()) {
                return;
            }
            budget.check(progress.apply(done.get()), lastError.get());
            try {
                calls.incrementAndGet();
                List<WriteRequest> toSend = pending;
                BatchWriteItemResponse response =
                        dynamo.batchWriteItem(b -> b.requestItems(Map.of(tableName, toSend)));
                List<WriteRequest> unprocessed = response.hasUnprocessedItems()
                        ? response.unprocessedItems().getOrDefault(tableName, List.of()) : List.of();
                done.addAndGet(pending.size() - unprocessed.size());
                if (unprocessed.isEmpty()) {
                    return;
                }
                lastError.set(unprocessed.size() + " of " + pending.size() + " items unprocessed");
                pending = unprocessed;
            } catch (AwsServiceException | SdkClientException e) {
                if (!isRetryable(e)) {
                    stop.set(true);
                    throw new SeedFailedException("BatchWriteItem on table " + tableName + " failed: "
                            + message(e) + " (" + progress.apply(done.get()) + ")");
                }
                lastError.set(message(e));
            }
            if (attempt >= options.maxAttempts()) {
                stop.set(true);
                throw new SeedFailedException("seeding gave up after " + attempt + " attempts of one batch: "
                        + progress.apply(done.get()) + "; last error: " + lastError.get());
            }
            retried.incrementAndGet();
            long delay = Math.min(options.backoffMillis(attempt), Math.max(0, budget.remainingMillis()));
            try {
                options.sleeper().sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // the pool is shutting down because another batch failed
            }
        }
    }

    /** Throttling, 5xx and network errors clear up by themselves; anything else (validation, access) does not. */
    static boolean isRetryable(Exception e) {
        if (e instanceof SdkClientException) {
            // A dropped connection or a timeout is worth another try; a missing credential is not.
            return e.getCause() instanceof java.io.IOException;
        }
        if (e instanceof AwsServiceException service) {
            if (service.isThrottlingException() || service.statusCode() >= 500) {
                return true;
            }
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            return "ProvisionedThroughputExceededException".equals(code)
                    || "RequestLimitExceeded".equals(code)
                    || "ThrottlingException".equals(code)
                    || "InternalServerError".equals(code)
                    || e instanceof software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException
                    || e instanceof software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException
                    || e instanceof software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
        }
        return false;
    }

    static String message(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
