package com.example.northwind.lambda;

import com.example.northwind.model.AccessPatterns;
import com.example.northwind.model.CommandDefinitions;
import com.example.northwind.schema.HttpApiContract;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one place where the query and command functions understand API Gateway's HTTP API (Lambda proxy integration,
 * payload format 2.0) beside their direct-invoke payload. It recognises an HTTP API event, turns it into the request
 * the function takes directly ({@code GET /patterns/employee?employeeId=2} → {@code {"pattern": "employee", "params":
 * {"employeeId": "2"}}}), lets the function answer it exactly as a direct call, and wraps the answer as
 * {@code {statusCode, headers, body}} with the status its error type gets ({@link HttpApiContract#status}). A direct
 * call never comes here ({@link #isHttpApiEvent}), so its bytes stay what they were.
 *
 * <p>What the HTTP API adds: 404 for a pattern or command the model does not define (a route of its own, not a
 * malformed request), 413 for a body over {@link HttpApiContract#MAX_BODY_BYTES}, query-string text for the
 * parameters (a numeric id or a date is text in the direct API too; {@code limit} is made a number when it is one),
 * the JSON body as the command's params and the {@code Idempotency-Key} header as its idempotency key. A function
 * failure is not answered here: the handler throws, API Gateway answers 500, and Lambda's Errors metric counts it.
 */
public final class HttpApiAdapter {
    /** A function's answer to a request in its direct-invoke shape (a refused request is answered, not thrown). */
    public interface Function {
        Map<String, Object> answer(Map<?, ?> request);
    }

    /** The two routes, and which function each reaches. */
    public enum Route { QUERY, COMMAND }

    /** How far {@link #isHttpApiEvent} looks: an event's version, routeKey and requestContext come before its body. */
    static final int SNIFF_BYTES = 128 * 1024;
    /** The top-level fields of the direct API's requests: an input that has one is no event. */
    private static final Set<String> DIRECT_FIELDS = Set.of("pattern", "params", "limit", "nextToken", "command", "idempotencyKey");
    private static final JsonFactory SNIFFER = JsonFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build())
            .build();
    /** An event is Lambda's payload: a few KB of request context, and a body up to the payload limit. */
    private static final JsonRequestReader EVENT_READER = new JsonRequestReader(16, JsonRequestReader.MAX_REQUEST_BYTES,
            "expected an API Gateway HTTP API event (payload format 2.0)", "event");
    /** Params nest params → lines → line: the direct request's limit (8) less the request level. */
    private static final JsonRequestReader BODY_READER = new JsonRequestReader(7, 16 * 1024,
            "send the command's params as a JSON object such as {\"orderId\": 11077}", "body");
    private static final JSON WRITER = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,30}");

    private HttpApiAdapter() {
    }

    /**
     * The Lambda input, able to go back to its start after {@link #isHttpApiEvent} has looked at it. The direct path
     * then reads it exactly as before: nothing is read into memory up front.
     */
    public static InputStream rewindable(InputStream input) {
        return input.markSupported() ? input : new BufferedInputStream(input, 8192);
    }

    /**
     * Whether a Lambda input (from {@link #rewindable}) is an HTTP API event: a JSON object with {@code "version":
     * "2.0"}, a {@code routeKey} and a {@code requestContext} object. Only the top level of the first
     * {@value #SNIFF_BYTES} bytes is looked at, values skipped unread, and the answer is "no" at the first field a
     * direct request has ({@code pattern}, {@code command}, …: no event has them). A direct request — hostile ones
     * too — thus costs a few hundred bytes of look-ahead and is then read and refused exactly as before; the input is
     * rewound either way.
     */
    public static boolean isHttpApiEvent(InputStream input) throws IOException {
        input.mark(SNIFF_BYTES + 1);
        try (JsonParser parser = SNIFFER.createParser(new BoundedView(input, SNIFF_BYTES))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            boolean version = false;
            boolean routeKey = false;
            boolean context = false;
            while (!(version && routeKey && context) && parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                if (DIRECT_FIELDS.contains(field)) {
                    return false;
                }
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "version" -> version = value == JsonToken.VALUE_STRING && "2.0".equals(parser.getText());
                    case "routeKey" -> routeKey = value == JsonToken.VALUE_STRING;
                    case "requestContext" -> context = value == JsonToken.START_OBJECT;
                    default -> {
                        // skipped below
                    }
                }
                parser.skipChildren();
            }
            return version && routeKey && context;
        } catch (IOException | RuntimeException e) {
            return false; // not JSON, too deep or too long to be an event: the direct path says what is wrong
        } finally {
            input.reset();
        }
    }

    /** The HTTP response (payload format 2.0) to an event of this route, answered by {@code function}. */
    public static byte[] answer(byte[] event, Route route, Function function) throws IOException {
        Map<String, Object> answer;
        try {
            answer = answer(EVENT_READER.readObject(new ByteArrayInputStream(event)), route, function);
        } catch (BadRequest e) {
            answer = error(HttpApiContract.VALIDATION_ERROR, e.getMessage());
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", status(answer));
        response.put("headers", Map.of("content-type", "application/json"));
        response.put("body", WRITER.asString(answer));
        response.put("isBase64Encoded", false);
        return WRITER.asBytes(response);
    }

    private static Map<String, Object> answer(Map<?, ?> event, Route route, Function function) {
        String name = text(map(event.get("pathParameters")).get(
                route == Route.QUERY ? HttpApiContract.PATTERN_PARAMETER : HttpApiContract.COMMAND_PARAMETER));
        byte[] body = body(event);
        if (body.length > HttpApiContract.MAX_BODY_BYTES) {
            return payloadTooLarge();
        }
        if (route == Route.QUERY) {
            if (name == null || AccessPatterns.byName(name).isEmpty()) {
                return error(HttpApiContract.NOT_FOUND, KnownNames.unknownPattern(String.valueOf(name)));
            }
            return function.answer(queryRequest(name, map(event.get("queryStringParameters"))));
        }
        if (name == null || CommandDefinitions.byName(name).isEmpty()) {
            return error(HttpApiContract.NOT_FOUND, KnownNames.unknownCommand(String.valueOf(name)));
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("command", name);
        request.put("params", BODY_READER.readObject(new ByteArrayInputStream(body)));
        String key = header(map(event.get("headers")), HttpApiContract.IDEMPOTENCY_KEY_HEADER);
        if (key != null) {
            request.put("idempotencyKey", key);
        }
        return function.answer(request);
    }

    /**
     * The query's direct request: every query-string parameter is a pattern parameter, as text, except {@code limit}
     * (a number when it is written as one: the direct API takes only a number) and {@code nextToken}.
     */
    private static Map<String, Object> queryRequest(String pattern, Map<?, ?> query) {
        Map<String, Object> params = new LinkedHashMap<>();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("pattern", pattern);
        request.put("params", params);
        query.forEach((key, value) -> {
            String name = String.valueOf(key);
            if (name.equals(HttpApiContract.LIMIT)) {
                String text = String.valueOf(value);
                request.put("limit", WHOLE_NUMBER.matcher(text).matches() ? new BigInteger(text) : text);
            } else if (name.equals(HttpApiContract.NEXT_TOKEN)) {
                request.put("nextToken", value);
            } else {
                params.put(name, value);
            }
        });
        return request;
    }

    /** The request body as sent: API Gateway base64-encodes what it does not treat as text. */
    private static byte[] body(Map<?, ?> event) {
        String body = text(event.get("body"));
        if (body == null) {
            return new byte[0];
        }
        if (Boolean.TRUE.equals(event.get("isBase64Encoded"))) {
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new BadRequest("body is marked base64 but is not valid base64");
            }
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** The answer to a body over the limit; local-run's server gives the same before reading all of it. */
    public static Map<String, Object> payloadTooLarge() {
        return error(HttpApiContract.PAYLOAD_TOO_LARGE, "body must be at most " + HttpApiContract.MAX_BODY_BYTES
                + " bytes; a command's params fit in far less");
    }

    /** 200 for an answer, the error type's status for a refusal. */
    public static int status(Map<String, Object> answer) {
        return answer.get("error") instanceof Map<?, ?> error ? HttpApiContract.status(String.valueOf(error.get("type"))) : 200;
    }

    private static Map<String, Object> error(String type, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type);
        error.put("message", message);
        return Map.of("error", error);
    }

    /** A header by name, whatever its case (API Gateway lowercases them in payload format 2.0). */
    private static String header(Map<?, ?> headers, String name) {
        for (Map.Entry<?, ?> e : headers.entrySet()) {
            if (String.valueOf(e.getKey()).toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return text(e.getValue());
            }
        }
        return null;
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> map ? map : Map.of();
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }

    /** The first {@code limit} bytes of a stream, then end of input; closing it leaves the stream open. */
    private static final class BoundedView extends FilterInputStream {
        private int remaining;

        BoundedView(InputStream in, int limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            remaining -= b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(buffer, offset, Math.min(length, remaining));
            remaining -= Math.max(n, 0);
            return n;
        }

        @Override
        public void close() {
            // the handler goes on reading the stream
        }
    }
}
