package com.example.northwind.command;

import java.util.Map;

/**
 * One command of the write side: it reads what it needs (a few counted requests), decides — answering NotFound or
 * Conflict by throwing {@link CommandError} — and adds every write to the transaction. It returns the result the
 * caller gets once the transaction commits. It may run more than once for one request when a condition on what it
 * read fails ({@link Store.Stale}); it must then read again, never reuse what it read before.
 */
interface Command {
    Map<String, Object> prepare(CommandRequest request, CommandContext context, Transaction tx);
}
