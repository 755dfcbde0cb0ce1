package com.example.northwind.local;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;

/**
 * A request as the functions read it: JSON with its nulls kept — a command's {@code null} clears a field, and
 * jackson-jr's default writer would silently drop it.
 */
public final class Payloads {
    private static final JSON WRITER = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);

    private Payloads() {
    }

    public static byte[] bytes(Object request) {
        try {
            return WRITER.asBytes(request);
        } catch (IOException e) {
            throw new IllegalStateException("the request could not be written as JSON: " + e.getMessage(), e);
        }
    }
}
