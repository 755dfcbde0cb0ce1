package com.example.northwind.lambda;

/**
 * A request that cannot be a valid one, described in the caller's vocabulary. Each Lambda answers it as its own
 * {@code ValidationError}; it never carries a stack trace (none is shown or logged, and filling one costs time).
 */
public final class BadRequest extends RuntimeException {
    public BadRequest(String message) {
        super(message, null, false, false);
    }
}
