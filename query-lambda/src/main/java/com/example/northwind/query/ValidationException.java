package com.example.northwind.query;

/**
 * Bad input from the caller. The handler answers it as a ValidationError instead of throwing, so the
 * message must say what is wrong and what is allowed, in the caller's vocabulary (never key attribute names).
 */
final class ValidationException extends RuntimeException {
    ValidationException(String message) {
        // No stack trace: it is never logged or shown, and filling it in costs time on every bad request.
        super(message, null, false, false);
    }

    /** A value as it appears in messages: quoted when a string, shortened so a huge input cannot bloat the answer. */
    static String show(Object value) {
        if (value == null) {
            return "null";
        }
        String text = String.valueOf(value);
        if (text.length() > 40) {
            text = text.substring(0, 40) + "...";
        }
        return value instanceof String ? "\"" + text + "\"" : text;
    }
}
