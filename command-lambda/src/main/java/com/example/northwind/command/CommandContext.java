package com.example.northwind.command;

import java.time.Clock;
import java.time.LocalDate;

/** What a command runs with: the store for this request, the clock (for "today"), and its order id once taken. */
final class CommandContext {
    private final Store store;
    private final Clock clock;
    private Long orderId;

    CommandContext(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    Store store() {
        return store;
    }

    /** Today in UTC, as YYYY-MM-DD. */
    String today() {
        return LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC)).toString();
    }

    /** The new order's id: taken from the counter on first use, kept across the request's retries. */
    long orderId() {
        if (orderId == null) {
            orderId = store.nextOrderId();
        }
        return orderId;
    }
}
