package com.example.northwind.seeder;

/**
 * Writing to the table did not complete: the time budget ran out, retries were exhausted, or DynamoDB
 * refused a request. The message says how far the seed got and what the last error was.
 */
public final class SeedFailedException extends RuntimeException {
    private final boolean budgetSpent;

    public SeedFailedException(String message) {
        this(message, false);
    }

    SeedFailedException(String message, boolean budgetSpent) {
        super(message, null, false, false);
        this.budgetSpent = budgetSpent;
    }

    /** The time budget ran out (rather than DynamoDB refusing): a resumable seed stops at its checkpoint instead. */
    public boolean budgetSpent() {
        return budgetSpent;
    }
}
