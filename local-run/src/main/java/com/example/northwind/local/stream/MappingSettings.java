package com.example.northwind.local.stream;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The settings of one event source mapping, as the synthesized template's {@code AWS::Lambda::EventSourceMapping}
 * states them (Lambda's defaults where it states none), and as the local mapping applies them.
 *
 * @param batchSize               records per invocation (BatchSize, default 100)
 * @param maxBatchingWindow       how long records are gathered before an invocation (MaximumBatchingWindowInSeconds, 0)
 * @param filterPatterns          FilterCriteria.Filters[].Pattern (none: every record invokes)
 * @param reportBatchItemFailures FunctionResponseTypes holds ReportBatchItemFailures
 * @param bisectOnError           BisectBatchOnFunctionError
 * @param maxRetryAttempts        MaximumRetryAttempts, -1 for infinite (Lambda's default)
 * @param maxRecordAge            MaximumRecordAgeInSeconds, null for infinite (-1, Lambda's default)
 * @param parallelizationFactor   ParallelizationFactor (the local mapping runs one batch per shard at a time)
 * @param startingPosition        TRIM_HORIZON or LATEST
 * @param failureDestination      a DestinationConfig.OnFailure is configured
 * @param enabled                 Enabled (default true)
 */
public record MappingSettings(int batchSize, Duration maxBatchingWindow, List<String> filterPatterns,
                              boolean reportBatchItemFailures, boolean bisectOnError, int maxRetryAttempts,
                              Duration maxRecordAge, int parallelizationFactor, String startingPosition,
                              boolean failureDestination, boolean enabled) {
    public static final String TRIM_HORIZON = "TRIM_HORIZON";
    public static final String LATEST = "LATEST";

    public MappingSettings {
        Objects.requireNonNull(maxBatchingWindow, "maxBatchingWindow");
        filterPatterns = List.copyOf(filterPatterns);
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("BatchSize must be between 1 and 10000, got " + batchSize);
        }
        if (maxBatchingWindow.isNegative() || maxBatchingWindow.compareTo(Duration.ofSeconds(300)) > 0) {
            throw new IllegalArgumentException("MaximumBatchingWindowInSeconds must be between 0 and 300, got "
                    + maxBatchingWindow.toSeconds());
        }
        if (maxRetryAttempts < -1 || maxRetryAttempts > 10_000) {
            throw new IllegalArgumentException("MaximumRetryAttempts must be -1 or between 0 and 10000, got " + maxRetryAttempts);
        }
        if (!TRIM_HORIZON.equals(startingPosition) && !LATEST.equals(startingPosition)) {
            throw new IllegalArgumentException("StartingPosition must be TRIM_HORIZON or LATEST for a DynamoDB stream, got "
                    + startingPosition);
        }
    }

    /** Lambda's defaults for a DynamoDB stream mapping from TRIM_HORIZON without filters or destination. */
    public static MappingSettings lambdaDefaults() {
        return new MappingSettings(100, Duration.ZERO, List.of(), false, false, -1, null, 1, TRIM_HORIZON, false, true);
    }

    public MappingSettings withBatchSize(int size) {
        return new MappingSettings(size, maxBatchingWindow, filterPatterns, reportBatchItemFailures, bisectOnError,
                maxRetryAttempts, maxRecordAge, parallelizationFactor, startingPosition, failureDestination, enabled);
    }

    public MappingSettings withMaxBatchingWindow(Duration window) {
        return new MappingSettings(batchSize, window, filterPatterns, reportBatchItemFailures, bisectOnError,
                maxRetryAttempts, maxRecordAge, parallelizationFactor, startingPosition, failureDestination, enabled);
    }

    public MappingSettings withFilterPatterns(List<String> patterns) {
        return new MappingSettings(batchSize, maxBatchingWindow, patterns, reportBatchItemFailures, bisectOnError,
                maxRetryAttempts, maxRecordAge, parallelizationFactor, startingPosition, failureDestination, enabled);
    }

    public MappingSettings withErrorHandling(boolean reportItemFailures, boolean bisect, int retries, Duration maxAge) {
        return new MappingSettings(batchSize, maxBatchingWindow, filterPatterns, reportItemFailures, bisect, retries,
                maxAge, parallelizationFactor, startingPosition, failureDestination, enabled);
    }

    public MappingSettings withFailureDestination(boolean configured) {
        return new MappingSettings(batchSize, maxBatchingWindow, filterPatterns, reportBatchItemFailures, bisectOnError,
                maxRetryAttempts, maxRecordAge, parallelizationFactor, startingPosition, configured, enabled);
    }

    public MappingSettings withStartingPosition(String position) {
        return new MappingSettings(batchSize, maxBatchingWindow, filterPatterns, reportBatchItemFailures, bisectOnError,
                maxRetryAttempts, maxRecordAge, parallelizationFactor, position, failureDestination, enabled);
    }

    /** One line for the console: what the local mapping applies. */
    public String describe() {
        return "batch " + batchSize + ", window " + maxBatchingWindow.toMillis() / 1000.0 + " s, "
                + filterPatterns.size() + " filter pattern(s), "
                + (reportBatchItemFailures ? "batchItemFailures, " : "") + (bisectOnError ? "bisect, " : "")
                + "retries " + (maxRetryAttempts < 0 ? "unbounded" : maxRetryAttempts) + ", max age "
                + (maxRecordAge == null ? "unbounded" : maxRecordAge.toSeconds() + " s") + ", from " + startingPosition;
    }
}
