package com.example.northwind.infra;

import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.kms.IKey;

/**
 * Properties of {@link NorthwindStreamConsumer}: the function's table, code and logs, the failure queue's key, and the
 * event source mapping's settings. Why the defaults are what they are: docs/derived-data.md, "Deployment and settings".
 *
 * @param function              the table (with a stream), the consumer's code and its log settings (required)
 * @param failureQueueKey       KMS key of the failure queue. @default none: SQS-managed encryption (SSE-SQS)
 * @param batchSize             records per invocation, 1–1,000. @default {@link #DEFAULT_BATCH_SIZE}
 * @param maxBatchingWindow     how long Lambda gathers records before invoking, 0–300 s.
 *                              @default {@link #DEFAULT_MAX_BATCHING_WINDOW_SECONDS} s
 * @param retryAttempts         retries of a failing batch before it goes to the failure queue, 0–10,000 (bounded:
 *                              never -1). @default {@link #DEFAULT_RETRY_ATTEMPTS}
 * @param maxRecordAge          age after which a record goes to the failure queue unprocessed, 60 s–24 h (the
 *                              stream's retention; bounded: never -1). @default {@link #DEFAULT_MAX_RECORD_AGE_HOURS} h
 * @param parallelizationFactor concurrent batches per shard, 1–10. @default {@link #DEFAULT_PARALLELIZATION_FACTOR}
 */
public record NorthwindStreamConsumerProps(NorthwindFunctionProps function, IKey failureQueueKey, Integer batchSize,
                                           Duration maxBatchingWindow, Integer retryAttempts, Duration maxRecordAge,
                                           Integer parallelizationFactor) {
    /** Coalescing: one batch's changes become one write per derived item (docs/derived-data.md). */
    public static final int DEFAULT_BATCH_SIZE = 500;
    /** At most this much lag added while a batch fills (docs/derived-data.md). */
    public static final int DEFAULT_MAX_BATCHING_WINDOW_SECONDS = 1;
    /** Bisecting isolates a poison record without spending these (splits are not retries). */
    public static final int DEFAULT_RETRY_ATTEMPTS = 10;
    /** Leaves 18 of the stream's 24 hours to replay a discarded batch from the failure queue's record. */
    public static final int DEFAULT_MAX_RECORD_AGE_HOURS = 6;
    /** Per-item order is all Lambda keeps; more than one batch per shard races on the hot aggregates. */
    public static final int DEFAULT_PARALLELIZATION_FACTOR = 1;
    /** DynamoDB Streams keeps records 24 hours: an age beyond that never applies. */
    static final Duration STREAM_RETENTION = Duration.hours(24);

    public NorthwindStreamConsumerProps {
        Objects.requireNonNull(function, "function is required");
        batchSize = batchSize != null ? batchSize : DEFAULT_BATCH_SIZE;
        maxBatchingWindow = maxBatchingWindow != null ? maxBatchingWindow : Duration.seconds(DEFAULT_MAX_BATCHING_WINDOW_SECONDS);
        retryAttempts = retryAttempts != null ? retryAttempts : DEFAULT_RETRY_ATTEMPTS;
        maxRecordAge = maxRecordAge != null ? maxRecordAge : Duration.hours(DEFAULT_MAX_RECORD_AGE_HOURS);
        parallelizationFactor = parallelizationFactor != null ? parallelizationFactor : DEFAULT_PARALLELIZATION_FACTOR;
        within("batchSize", batchSize, 1, 1_000);
        within("maxBatchingWindow (seconds)", maxBatchingWindow.toSeconds().intValue(), 0, 300);
        within("retryAttempts", retryAttempts, 0, 10_000);
        within("maxRecordAge (seconds)", maxRecordAge.toSeconds().intValue(), 60, STREAM_RETENTION.toSeconds().intValue());
        within("parallelizationFactor", parallelizationFactor, 1, 10);
    }

    /** The required properties; the rest default. */
    public static NorthwindStreamConsumerProps of(NorthwindFunctionProps function) {
        return new NorthwindStreamConsumerProps(function, null, null, null, null, null, null);
    }

    /** The same, with the failure queue under {@code key} (null: SSE-SQS). */
    public NorthwindStreamConsumerProps withFailureQueueKey(IKey key) {
        return new NorthwindStreamConsumerProps(function, key, batchSize, maxBatchingWindow, retryAttempts, maxRecordAge,
                parallelizationFactor);
    }

    private static void within(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("NorthwindStreamConsumerProps." + name + " must be between " + min
                    + " and " + max + ", got " + value);
        }
    }
}
