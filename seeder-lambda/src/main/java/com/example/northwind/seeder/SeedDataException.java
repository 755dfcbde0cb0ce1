package com.example.northwind.seeder;

/**
 * The data cannot be seeded as it is: a malformed CSV row, a missing file, a dangling reference.
 * The message is meant for a person reading a CloudFormation event, so it names the file and line
 * ({@code orders.csv:17: orderDate "1996-02-30" is not a valid date}) and carries no stack trace.
 */
public final class SeedDataException extends RuntimeException {
    public SeedDataException(String message) {
        super(message, null, false, false);
    }

    /** A problem in one record: {@code <file>:<line>: <reason>}. */
    public static SeedDataException at(String file, int line, String reason) {
        return new SeedDataException(file + ":" + line + ": " + reason);
    }
}
