package com.example.northwind.command;

/**
 * A command that is answered with an error instead of being carried out; nothing has been written. The type is
 * one of the three the API promises, and the message says what and why in the caller's vocabulary (no key
 * strings, no class names).
 */
final class CommandError extends RuntimeException {
    enum Type {
        /** The request itself is wrong, decided without reading the table. */
        ValidationError,
        /** Something the command refers to does not exist. */
        NotFound,
        /** The current state of the data forbids the command. */
        Conflict
    }

    private final Type type;

    CommandError(Type type, String message) {
        super(message, null, false, false);
        this.type = type;
    }

    static CommandError validation(String message) {
        return new CommandError(Type.ValidationError, message);
    }

    static CommandError notFound(String message) {
        return new CommandError(Type.NotFound, message);
    }

    static CommandError conflict(String message) {
        return new CommandError(Type.Conflict, message);
    }

    Type type() {
        return type;
    }
}
