package com.example.northwind.seeder;

/**
 * The deadline of one seed. Every call and every retry delay checks it, so a seed that cannot finish fails
 * with a message saying how far it got, well before the Lambda timeout would kill it silently.
 */
final class TimeBudget {
    private final SeedOptions options;
    private final long deadlineMillis;

    TimeBudget(SeedOptions options, long startMillis) {
        this.options = options;
        this.deadlineMillis = startMillis + options.timeBudget().toMillis();
    }

    long remainingMillis() {
        return deadlineMillis - options.clockMillis().getAsLong();
    }

    /** Throws when the budget is spent; {@code progress} reads like "1234 of 5333 items written". */
    void check(String progress, String lastError) {
        if (remainingMillis() <= 0) {
            throw new SeedFailedException("seeding did not finish within " + describe() + ": " + progress
                    + "; last error: " + (lastError == null ? "none" : lastError));
        }
    }

    String describe() {
        long millis = options.timeBudget().toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
    }
}
