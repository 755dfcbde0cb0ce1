package com.example.northwind.seeder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
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
 * Any other error, too many attempts or the end of the time budget stops all writers. Requests are taken as a
 * stream ({@link Sink}) with a bounded number of batches in flight, so the seeder never holds them all.
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

    /** The last retryable error or unprocessed-items note seen, for messages (null: none). */
    String lastError() {
        return lastError.get();
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
        try (Sink sink = open(progress)) {
            requests.forEach(sink::add);
            sink.finish();
        }
    }

    /**
     * Writes a few requests (at most one batch) on the calling thread, retrying as every batch is retried, within the
     * budget; throws {@link SeedFailedException} otherwise. For the seed's bookkeeping (its checkpoint, its record).
     */
    void writeNow(List<WriteRequest> requests, IntFunction<String> progress) {
        if (requests.size() > BATCH_SIZE) {
            throw new IllegalArgumentException(requests.size() + " requests are more than one batch");
        }
        writeBatch(requests, new AtomicInteger(), new AtomicBoolean(), progress, budget);
    }

    /**
     * One attempt at a few requests (at most one batch), whatever the budget says: the checkpoint a seed leaves when
     * its budget has run out (one bounded call past the deadline). False when DynamoDB did not take them all or
     * failed; the previous checkpoint then stands, which costs only repeated (idempotent) writes.
     */
    boolean tryOnce(List<WriteRequest> requests) {
        try {
            calls.incrementAndGet();
            BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(Map.of(tableName, requests)));
            return !response.hasUnprocessedItems() || response.unprocessedItems().getOrDefault(tableName, List.of()).isEmpty();
        } catch (RuntimeException e) {
            lastError.set(message(e));
            return false;
        }
    }

    /** A sink that writes requests in batches as they are added; {@link Sink#finish()} waits for the last. */
    Sink open(IntFunction<String> progress) {
        return new Sink(progress);
    }

    /**
     * Writes requests as they come, 25 per BatchWriteItem, {@code concurrency} calls in flight. At most
     * 2 × {@code concurrency} batches are ever handed over and not yet written: {@link #add} blocks until one is
     * done, so memory does not grow with the number of requests. The first failure stops every writer and is
     * thrown by the next {@link #add} or by {@link #finish}.
     *
     * <p>Batches complete out of order; {@link #watermark()} is the number of requests, counted from the first one
     * added, of which every one is written (a prefix of the stream): what a checkpoint may record.
     */
    final class Sink implements AutoCloseable {
        private final IntFunction<String> progress;
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        private final int permits = 2 * options.concurrency();
        private final Semaphore slots = new Semaphore(permits);
        private final ExecutorService pool = Executors.newFixedThreadPool(options.concurrency(), r -> {
            Thread t = new Thread(r, "batch-writer");
            t.setDaemon(true); // never keep a Lambda or a test JVM alive
            return t;
        });
        private List<WriteRequest> batch = new ArrayList<>(BATCH_SIZE);
        /** Batches handed over so far (the next one's number). */
        private int submitted;
        /** Written batches after the first one not yet written: number → size (guarded by this). */
        private final Map<Integer, Integer> writtenAhead = new java.util.HashMap<>();
        private int firstUnwritten;
        private long watermark;

        private Sink(IntFunction<String> progress) {
            this.progress = progress;
        }

        /** Requests written so far. */
        int done() {
            return done.get();
        }

        /** Requests from the first one added of which every one is written. */
        synchronized long watermark() {
            return watermark;
        }

        private synchronized void written(int number, int size) {
            writtenAhead.put(number, size);
            Integer next;
            while ((next = writtenAhead.remove(firstUnwritten)) != null) {
                watermark += next;
                firstUnwritten++;
            }
        }

        void add(WriteRequest request) {
            batch.add(request);
            if (batch.size() == BATCH_SIZE) {
                submit();
            }
        }

        /** Writes what is left and waits until every request is written, or throws the first failure. */
        void finish() {
            if (!batch.isEmpty()) {
                submit();
            }
            acquire(permits); // every slot back: every batch is done
            slots.release(permits);
            throwIfFailed();
        }

        /**
         * After a failure or the end of the budget: stops handing out attempts and waits for the calls in flight to
         * end (each bounded by the client's call timeout), so {@link #watermark()} is final and no writer outlives
         * the invocation. Never throws.
         */
        void drain() {
            stop.set(true);
            pool.shutdown();
            try {
                if (!pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    pool.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pool.shutdownNow();
            }
        }

        private void submit() {
            List<WriteRequest> toWrite = batch;
            batch = new ArrayList<>(BATCH_SIZE);
            acquire(1);
            throwIfFailed();
            int number = submitted++;
            pool.execute(() -> {
                try {
                    if (writeBatch(toWrite, done, stop, progress, budget)) {
                        written(number, toWrite.size());
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                    stop.set(true);
                } catch (Throwable e) {
                    failure.compareAndSet(null, new SeedFailedException("BatchWriteItem failed: " + e));
                    stop.set(true);
                } finally {
                    slots.release();
                }
            });
        }

        private void acquire(int n) {
            try {
                slots.acquire(n);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop.set(true);
                throw new SeedFailedException("seeding was interrupted: " + progress.apply(done.get()));
            }
        }

        private void throwIfFailed() {
            RuntimeException e = failure.get();
            if (e != null) {
                stop.set(true);
                throw e;
            }
        }

        /** Stops the writers (interrupting retry delays); after {@link #finish()} or {@link #drain()} there are none left. */
        @Override
        public void close() {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    /** Writes one batch until every request is processed: true when written, false when stopped (another failed). */
    private boolean writeBatch(List<WriteRequest> batch, AtomicInteger done, AtomicBoolean stop,
                               IntFunction<String> progress, TimeBudget budget) {
        List<WriteRequest> pending = batch;
        for (int attempt = 1; ; attempt++) {
            if (stop.get()) {
                return false;
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
                    return true;
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
                return false; // the pool is shutting down because another batch failed
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
