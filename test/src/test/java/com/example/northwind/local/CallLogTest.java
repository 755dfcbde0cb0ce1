package com.example.northwind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class CallLogTest {
    private static final LocalTime AT = LocalTime.of(10, 31, 5);

    @Test
    void line_saysFunctionPatternOrCommandOutcomeAndTime() {
        // GIVEN answered calls, refused ones and a function error WHEN each is logged THEN one readable line each
        assertEquals("10:31:05 query employee: 1 item (12 ms)", line(null, "query",
                "{\"pattern\":\"employee\"}", "{\"items\":[{}],\"nextToken\":null}", false, 12));
        assertEquals("10:31:05 query recentOrders (explorer): 5 items, more pages (3 ms)", line("explorer", "query",
                "{\"pattern\":\"recentOrders\"}", "{\"items\":[{},{},{},{},{}],\"nextToken\":\"abc\"}", false, 3));
        assertEquals("10:31:05 command placeOrder: ok, order 11078 (45 ms)", line(null, "command",
                "{\"command\":\"placeOrder\"}", "{\"command\":\"placeOrder\",\"result\":{\"order\":{\"orderID\":11078}}}", false, 45));
        assertEquals("10:31:05 command shipOrder: ok (replayed: written before) (4 ms)", line(null, "command",
                "{\"command\":\"shipOrder\"}", "{\"command\":\"shipOrder\",\"result\":{},\"stats\":{\"replayed\":true}}", false, 4));
        assertEquals("10:31:05 command shipOrder: NotFound: order 1 does not exist (7 ms)", line(null, "command",
                "{\"command\":\"shipOrder\"}", "{\"error\":{\"type\":\"NotFound\",\"message\":\"order 1 does not exist\"}}", false, 7));
        assertEquals("10:31:05 query: function error: java.lang.IllegalStateException: boom (1 ms)", line(null, "query",
                "not json", "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\"}", true, 1));
        // AND a long message is shortened
        String message = "x".repeat(500);
        String logged = line(null, "query", "{\"pattern\":\"p\"}", "{\"error\":{\"type\":\"ValidationError\",\"message\":\""
                + message + "\"}}", false, 1);
        assertEquals("10:31:05 query p: ValidationError: " + "x".repeat(CallLog.MAX_MESSAGE - 1) + "… (1 ms)", logged);
    }

    private static String line(String via, String function, String request, String answer, boolean failed, long ms) {
        return CallLog.line(new CallLog.Call(via, function, request.getBytes(StandardCharsets.UTF_8),
                answer.getBytes(StandardCharsets.UTF_8), failed, false, ms), AT);
    }
}
