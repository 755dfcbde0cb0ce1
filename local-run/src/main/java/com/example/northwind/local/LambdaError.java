package com.example.northwind.local;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error the local Lambda API answers in Lambda's own shape: the status, {@code x-amzn-ErrorType} naming the
 * exception (the SDKs map it to their exception classes), and a JSON body {@code {"Type":"User","message":…}}.
 * Every error of the endpoint goes through here, from a malformed request line to a throttled call, so no client
 * ever sees an HTML page or a Java exception name.
 */
final class LambdaError extends Exception {
    private final int status;
    private final String type;
    private final Map<String, Object> extra;

    LambdaError(int status, String type, String message) {
        this(status, type, message, Map.of());
    }

    LambdaError(int status, String type, String message, Map<String, Object> extra) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.extra = extra;
    }

    static LambdaError notFound(String message) {
        return new LambdaError(404, "ResourceNotFoundException", message);
    }

    /** Lambda's throttling answer; {@code reason} is one of its documented Reason values. */
    static LambdaError throttled(String reason) {
        return new LambdaError(429, "TooManyRequestsException", "Rate Exceeded.", Map.of("Reason", reason));
    }

    /** The wording of Lambda's request validation ("1 validation error detected: Value … at '…' failed …"). */
    static LambdaError validation(String field, String value, String constraint) {
        return new LambdaError(400, "ValidationException", "1 validation error detected: Value '" + value + "' at '"
                + field + "' failed to satisfy constraint: " + constraint);
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    HttpResponse toResponse() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Type", "User");
        body.put("message", getMessage());
        body.putAll(extra);
        try {
            return new HttpResponse(status, Map.of("x-amzn-ErrorType", type, "Content-Type", "application/json"),
                    JSON.std.asBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
