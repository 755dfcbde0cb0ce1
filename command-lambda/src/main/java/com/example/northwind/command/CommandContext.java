package com.example.northwind.command;

import java.time.Clock;
import java.time.LocalDate;

/** What a command runs with: the store for this request, the clock (for "today"), and its order id once taken. */
final class CommandContext {
    private final Store store;
    private final Clock clock;
    private final OrderIdBlocks orderIds;
    private Long orderId;

    CommandContext(Store store, Clock clock, OrderIdBlocks orderIds) {
        this.store = store;
        this.clock = clock;
        this.orderIds = orderIds;
    }

    Store store() {
        return store;
    }

    /** Today in UTC, as YYYY-MM-DD. */
    String today() {
        return LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC)).toString();
    }

    /** The new order's id: taken from the environment's leased block on first use, kept across the request's retries. */
    long orderId() {
        if (orderId == null) {
            orderId = store.nextOrderId(orderIds);
        }
        return orderId;
    }
}
