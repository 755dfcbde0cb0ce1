package com.example.northwind.local;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** What one invocation produced: the handler's output bytes, or the error body Lambda would report. */
record InvocationOutcome(byte[] body, boolean failed) {
    static InvocationOutcome success(byte[] output) {
        return new InvocationOutcome(output, false);
    }

    /** Lambda's body for a handler that threw: {@code {"errorMessage","errorType"}}. */
    static InvocationOutcome failure(Throwable e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorMessage", e.getMessage() == null ? e.toString() : e.getMessage());
        body.put("errorType", e.getClass().getName());
        return new InvocationOutcome(json(body), true);
    }

    /** Lambda's body for a call that overran the function's timeout. */
    static InvocationOutcome timedOut(String requestId, long timeoutMillis) {
        return new InvocationOutcome(json(Map.of("errorMessage",
                String.format(java.util.Locale.ROOT, "%s Task timed out after %.2f seconds", requestId, timeoutMillis / 1000.0))), true);
    }

    private static byte[] json(Map<String, Object> body) {
        try {
            return JSON.std.asBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
