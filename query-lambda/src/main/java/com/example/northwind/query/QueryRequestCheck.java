package com.example.northwind.query;

import java.util.Optional;

/**
 * The query function's own request validation, for a client that checks a request before sending it (the local
 * command line checks its input before it starts anything): the ValidationError message this function would answer,
 * decided without DynamoDB. Only the nextToken's type is checked here: whether a token is genuine needs the key of
 * the function that will run it.
 */
public final class QueryRequestCheck {
    private QueryRequestCheck() {
    }

    /** @return the message of the ValidationError the query function answers to {@code request}; empty when valid */
    public static Optional<String> validationError(byte[] request) {
        try {
            new RequestParser().parse(request);
            return Optional.empty();
        } catch (ValidationException e) {
            return Optional.of(e.getMessage());
        }
    }
}
