package com.example.northwind.seeder;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * How the seeder writes: calls in flight, retry backoff, attempts and the time budget. The sleeper, the
 * clock and the random source are injectable so tests of retries and budgets run in milliseconds.
 *
 * @param concurrency  BatchWriteItem calls in flight at once (1 = the naive, sequential seeder)
 * @param baseBackoff  first retry delay ceiling; attempt n waits random(0, min(maxBackoff, base * 2^n))
 * @param maxBackoff   cap of one retry delay
 * @param timeBudget   the work of one invocation: a seed that needs longer stops at its checkpoint, and the next
 *                     invocation continues there ({@link NorthwindSeeder#seedStep}); a one-shot
 *                     {@link NorthwindSeeder#seed} fails with a clear message. Keep it below the Lambda timeout so
 *                     the stop is an answer, not a timeout
 * @param maxAttempts  attempts per batch (first call included) before the seed fails
 * @param maxDeleteShare the largest share of the items a table holds that a seed may delete as stale (0.10 =
 *                     10 %); a seed that would delete more is refused before any write, since a truncated
 *                     file looks exactly like data whose rows were removed
 * @param allowMassDelete deletes above {@code maxDeleteShare} are intended (the AllowMassDelete property,
 *                     {@code --allow-mass-delete} locally)
 * @param mode         what to do with a table that was seeded before ({@link SeedMode}; default ONCE)
 * @param checkpointInterval how often a seed records how far it got while it writes (zero: after every batch); a
 *                     seed killed outright (no chance to record where it stopped) repeats at most this much work
 */
public record SeedOptions(int concurrency, Duration baseBackoff, Duration maxBackoff, Duration timeBudget,
                          int maxAttempts, Sleeper sleeper, LongSupplier clockMillis, DoubleSupplier random,
                          double maxDeleteShare, boolean allowMassDelete, SeedMode mode,
                          Duration checkpointInterval) {

    /** Blocks the calling thread; injectable so tests need not wait. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    public static final int DEFAULT_CONCURRENCY = 4;
    public static final Duration DEFAULT_TIME_BUDGET = Duration.ofSeconds(240);
    public static final double DEFAULT_MAX_DELETE_SHARE = 0.10;
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(5);

    public SeedOptions {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(baseBackoff, "baseBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(timeBudget, "timeBudget");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(clockMillis, "clockMillis");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(mode, "mode");
        if (!(maxDeleteShare >= 0 && maxDeleteShare <= 1)) {
            throw new IllegalArgumentException("maxDeleteShare must be from 0 to 1, was " + maxDeleteShare);
        }
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        if (checkpointInterval.isNegative()) {
            throw new IllegalArgumentException("checkpointInterval must not be negative, was " + checkpointInterval);
        }
        if (timeBudget.isNegative() || timeBudget.isZero()) {
            throw new IllegalArgumentException("timeBudget must be positive, was " + timeBudget);
        }
    }

    public static SeedOptions defaults() {
        return builder().build();
    }

    /** One call at a time: the baseline the benchmark compares the concurrent seeder with. */
    public static SeedOptions naive() {
        return builder().concurrency(1).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().concurrency(concurrency).baseBackoff(baseBackoff).maxBackoff(maxBackoff)
                .timeBudget(timeBudget).maxAttempts(maxAttempts).sleeper(sleeper).clockMillis(clockMillis)
                .random(random).maxDeleteShare(maxDeleteShare).allowMassDelete(allowMassDelete).mode(mode)
                .checkpointInterval(checkpointInterval);
    }

    /** The full-jitter delay before retry number {@code attempt} (1 = first retry). */
    public long backoffMillis(int attempt) {
        long base = baseBackoff.toMillis();
        long ceiling = maxBackoff.toMillis();
        // base * 2^attempt, without overflow for large attempt numbers
        long exponential = attempt >= 30 ? ceiling : Math.min(ceiling, base * (1L << attempt));
        return (long) (random.getAsDouble() * exponential);
    }

    public static final class Builder {
        private int concurrency = DEFAULT_CONCURRENCY;
        private Duration baseBackoff = Duration.ofMillis(50);
        private Duration maxBackoff = Duration.ofSeconds(5);
        private Duration timeBudget = DEFAULT_TIME_BUDGET;
        private int maxAttempts = 20;
        private Sleeper sleeper = Thread::sleep;
        private LongSupplier clockMillis = System::currentTimeMillis;
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private double maxDeleteShare = DEFAULT_MAX_DELETE_SHARE;
        private boolean allowMassDelete;
        private SeedMode mode = SeedMode.ONCE;
        private Duration checkpointInterval = DEFAULT_CHECKPOINT_INTERVAL;

        public Builder checkpointInterval(Duration value) {
            checkpointInterval = value;
            return this;
        }

        public Builder mode(SeedMode value) {
            mode = value;
            return this;
        }

        public Builder maxDeleteShare(double value) {
            maxDeleteShare = value;
            return this;
        }

        public Builder allowMassDelete(boolean value) {
            allowMassDelete = value;
            return this;
        }

        public Builder concurrency(int value) {
            concurrency = value;
            return this;
        }

        public Builder baseBackoff(Duration value) {
            baseBackoff = value;
            return this;
        }

        public Builder maxBackoff(Duration value) {
            maxBackoff = value;
            return this;
        }

        public Builder timeBudget(Duration value) {
            timeBudget = value;
            return this;
        }

        public Builder maxAttempts(int value) {
            maxAttempts = value;
            return this;
        }

        public Builder sleeper(Sleeper value) {
            sleeper = value;
            return this;
        }

        public Builder clockMillis(LongSupplier value) {
            clockMillis = value;
            return this;
        }

        public Builder random(DoubleSupplier value) {
            random = value;
            return this;
        }

        public SeedOptions build() {
            return new SeedOptions(concurrency, baseBackoff, maxBackoff, timeBudget, maxAttempts, sleeper,
                    clockMillis, random, maxDeleteShare, allowMassDelete, mode, checkpointInterval);
        }
    }
}
