package com.example.northwind.command;

/**
 * What it means when one action of a transaction fails its condition: an answer for the caller (NotFound or
 * Conflict, with its message); {@link #STALE} — something the command read has changed since, so it runs again
 * from its reads; or {@link #REPLAY} — its idempotency key was just remembered by a concurrent identical request.
 */
record Failure(Kind kind, CommandError error) {
    enum Kind { ANSWER, STALE, REPLAY }

    static final Failure STALE = new Failure(Kind.STALE, null);
    static final Failure REPLAY = new Failure(Kind.REPLAY, null);

    static Failure notFound(String message) {
        return new Failure(Kind.ANSWER, CommandError.notFound(message));
    }

    static Failure conflict(String message) {
        return new Failure(Kind.ANSWER, CommandError.conflict(message));
    }
}
