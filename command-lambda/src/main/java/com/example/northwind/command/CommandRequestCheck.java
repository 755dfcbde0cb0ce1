package com.example.northwind.command;

import java.io.ByteArrayInputStream;
import java.util.Optional;

/**
 * The command function's own request validation, for a client that checks a request before sending it (the local
 * command line checks its input before it starts anything): the ValidationError message this function would answer,
 * decided without reading the table (NotFound and Conflict need the data, so only the function itself decides them).
 */
public final class CommandRequestCheck {
    private CommandRequestCheck() {
    }

    /** @return the message of the ValidationError the command function answers to {@code request}; empty when valid */
    public static Optional<String> validationError(byte[] request) {
        try {
            new CommandParser().parse(new ByteArrayInputStream(request));
            return Optional.empty();
        } catch (CommandError e) {
            return Optional.of(e.getMessage());
        }
    }
}
