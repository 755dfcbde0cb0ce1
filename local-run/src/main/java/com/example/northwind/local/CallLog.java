package com.example.northwind.local;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The served stack's console line per call, whoever made it (the Lambda API, the design explorer): when, which
 * function, which pattern or command, the outcome as the caller saw it (items returned, ok, the error's type and
 * message, a function error) and how long it took — e.g. {@code 10:31:05 query employee: 1 item (12 ms)}. The
 * handlers' own JSON lines come on top with {@code --verbose}.
 */
public final class CallLog implements Consumer<CallLog.Call> {
    /** Longest error message shown in full; the rest is elided (the caller has the whole answer). */
    static final int MAX_MESSAGE = 160;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /**
     * One finished call.
     *
     * @param via           where it came from, or null for the Lambda API (the explorer says "explorer")
     * @param function      the function's short name ({@code query}, {@code command})
     * @param request       the payload as sent
     * @param answer        the function's answer, or Lambda's error body when {@code functionError}
     * @param functionError the handler threw or timed out (Lambda's {@code X-Amz-Function-Error})
     * @param asynchronous  an {@code Event} invocation: nobody waits for its answer
     */
    public record Call(String via, String function, byte[] request, byte[] answer, boolean functionError,
                       boolean asynchronous, long elapsedMs) {
    }

    private final PrintStream console;

    public CallLog(PrintStream console) {
        this.console = console;
    }

    @Override
    public void accept(Call call) {
        console.println(line(call, LocalTime.now()));
    }

    /** {@code 10:31:05 query employee: 1 item (12 ms)}. */
    static String line(Call call, LocalTime time) {
        Map<?, ?> request = object(call.request());
        Object name = request.get("pattern") != null ? request.get("pattern") : request.get("command");
        StringBuilder line = new StringBuilder(TIME.format(time)).append(' ').append(call.function());
        if (name != null) {
            line.append(' ').append(shorten(String.valueOf(name), 60));
        }
        if (call.via() != null || call.asynchronous()) {
            line.append(" (").append(call.asynchronous() ? "Event invocation" : call.via()).append(')');
        }
        line.append(": ").append(outcome(call));
        return line.append(" (").append(call.elapsedMs()).append(" ms)").toString();
    }

    private static String outcome(Call call) {
        Map<?, ?> answer = object(call.answer());
        if (call.functionError()) {
            Object type = answer.get("errorType");
            Object text = answer.get("errorMessage") != null ? answer.get("errorMessage") : answer.get("message");
            return "function error: " + (type == null ? "" : type + ": ") + message(text);
        }
        if (answer.get("error") instanceof Map<?, ?> error) {
            return error.get("type") + ": " + message(error.get("message"));
        }
        if (answer.get("items") instanceof List<?> items) {
            return items.size() + (items.size() == 1 ? " item" : " items") + (answer.get("nextToken") != null ? ", more pages" : "");
        }
        if (answer.get("result") != null || answer.get("command") != null) {
            String order = answer.get("result") instanceof Map<?, ?> result && result.get("order") instanceof Map<?, ?> o
                    && o.get("orderID") != null ? ", order " + o.get("orderID") : "";
            boolean replayed = answer.get("stats") instanceof Map<?, ?> stats && Boolean.TRUE.equals(stats.get("replayed"));
            return "ok" + order + (replayed ? " (replayed: written before)" : "");
        }
        if (answer.get("message") != null) {
            return "refused: " + message(answer.get("message")); // API Gateway's own answer (the HTTP API)
        }
        return "answered";
    }

    private static String message(Object message) {
        return shorten(String.valueOf(message), MAX_MESSAGE);
    }

    private static String shorten(String text, int max) {
        String flat = text.replace('\n', ' ');
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }

    /** The bytes as a JSON object, or empty when they are none (a malformed request is still a call to log). */
    private static Map<?, ?> object(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return Map.of();
        }
        try {
            return JSON.std.anyFrom(bytes) instanceof Map<?, ?> map ? map : Map.of();
        } catch (IOException e) {
            return Map.of();
        }
    }
}
