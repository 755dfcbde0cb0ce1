package com.example.northwind.command;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter, for retries after contention or unprocessed keys. */
final class Backoff {
    private static final long BASE_MILLIS = 5;
    private static final long CAP_MILLIS = 200;

    private Backoff() {
    }

    static void sleep(int attempt) {
        long ceiling = Math.min(CAP_MILLIS, BASE_MILLIS << Math.min(attempt, 10));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}
