package com.example.northwind.seeder;

/**
 * The deadline of one invocation's work. Every call and every retry delay checks it, so work that cannot finish
 * stops with a message saying how far it got, well before the Lambda timeout would kill it silently. A seed stops
 * at its checkpoint and continues in the next invocation ({@link NorthwindSeeder#seedStep}); a one-shot
 * {@link NorthwindSeeder#seed} fails with that message.
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

    boolean spent() {
        return remainingMillis() <= 0;
    }

    /**
     * Throws a {@link SeedFailedException} whose {@link SeedFailedException#budgetSpent()} is true when the budget is
     * spent; {@code progress} reads like "1234 of 5333 items written".
     */
    void check(String progress, String lastError) {
        if (spent()) {
            throw new SeedFailedException(spentMessage(progress, lastError), true);
        }
    }

    String spentMessage(String progress, String lastError) {
        return "seeding did not finish within " + describe() + ": " + progress
                + "; last error: " + (lastError == null ? "none" : lastError);
    }

    String describe() {
        long millis = options.timeBudget().toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
    }
}
