package com.example.northwind.seeder;

/**
 * Writing to the table did not complete: the time budget ran out, retries were exhausted, or DynamoDB
 * refused a request. The message says how far the seed got and what the last error was.
 */
public final class SeedFailedException extends RuntimeException {
    public SeedFailedException(String message) {
        super(message, null, false, false);
    }
}
