package com.example.northwind.query;

import com.example.northwind.lambda.Excerpt;


/**
 * Bad input from the caller. The handler answers it as a ValidationError instead of throwing, so the
 * message must say what is wrong and what is allowed, in the caller's vocabulary (never key attribute names).
 */
final class ValidationException extends RuntimeException {
    /** Characters of a value shown in a message; the rest is replaced by "...". */
    static final int EXCERPT = Excerpt.LENGTH;

    ValidationException(String message) {
        // No stack trace: it is never logged or shown, and filling it in costs time on every bad request.
        super(message, null, false, false);
    }

    /** A value as it appears in messages (bounded by the excerpt, whatever the value's size or depth). */
    static String show(Object value) {
        return Excerpt.show(value);
    }
}
