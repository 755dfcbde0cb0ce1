package com.example.northwind.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Turns the raw request bytes into a {@link QueryRequest}, or a ValidationException saying what is wrong. */
final class RequestParser {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final Set<String> FIELDS = Set.of("pattern", "params", "limit", "nextToken");
    private static final String SHAPE =
            "send a JSON object such as {\"pattern\": \"employee\", \"params\": {\"employeeId\": 5}}";

    /** Lambda's limit for a synchronous invocation's payload: nothing larger can be a real request. */
    static final int MAX_REQUEST_BYTES = 6 * 1024 * 1024;
    /** A request nests two levels (request, params); anything deeper is refused while it is read. */
    static final int MAX_DEPTH = 8;
    /** Longer than any valid value (params: 200 characters, nextToken: 4,096), refused while it is read. */
    static final int MAX_STRING = 16 * 1024;

    /**
     * Size and depth are checked by the parser as it reads, so a hostile request (megabytes of nested arrays)
     * costs what reading its first few kilobytes costs: nothing past the limit is read, built or described.
     */
    private final JsonFactory factory = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING)
                    .maxDocumentLength(MAX_REQUEST_BYTES)
                    .build())
            .build();
    private final JSON json = JSON.std.with(JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS, JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS);

    QueryRequest parse(byte[] bytes) {
        return parse(new ByteArrayInputStream(bytes));
    }

    /** Reads the request from {@code input}, never more than {@link #MAX_REQUEST_BYTES} of it. */
    QueryRequest parse(InputStream input) {
        Map<?, ?> request = asObject(readJson(new BoundedInput(input)));
        for (Object key : request.keySet()) {
            if (!FIELDS.contains(key)) {
                throw new ValidationException("unexpected field " + ValidationException.show(key)
                        + "; a request has pattern, params?, limit?, nextToken?");
            }
        }
        AccessPattern pattern = pattern(request.get("pattern"));
        Map<String, String> params = params(pattern, request.get("params"));
        int limit = limit(request.get("limit"));
        Object token = request.get("nextToken");
        if (token != null && !(token instanceof String)) {
            throw new ValidationException("nextToken must be a string from a previous answer (or null), got "
                    + ValidationException.show(token));
        }
        return new QueryRequest(pattern, params, limit, (String) token);
    }

    private Object readJson(BoundedInput input) {
        try (JsonParser parser = factory.createParser(input)) {
            if (parser.nextToken() == null) {
                throw new ValidationException("request is empty; " + SHAPE);
            }
            Object value = json.anyFrom(parser);
            if (parser.nextToken() != null) {
                throw new ValidationException("request has content after the JSON value; " + SHAPE);
            }
            return value;
        } catch (TooLarge | StreamConstraintsException e) {
            throw tooLarge(e);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof TooLarge || e.getCause() instanceof StreamConstraintsException) {
                throw tooLarge((IOException) e.getCause());
            }
            // Position only: the parser's own wording can quote internals, the position is what helps a caller.
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String original = e.getOriginalMessage();
            String what = original != null && original.contains("uplicate") ? "request repeats a field" : "request is not valid JSON";
            throw new ValidationException(what + where + "; " + SHAPE);
        } catch (IOException e) {
            throw new ValidationException("request could not be read as JSON; " + SHAPE);
        }
    }

    private static ValidationException tooLarge(IOException e) {
        String reason = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (e instanceof TooLarge || reason.contains("document length")) {
            return new ValidationException("request is larger than " + MAX_REQUEST_BYTES
                    + " bytes (Lambda's limit for a synchronous invocation); " + SHAPE);
        }
        if (reason.contains("nesting")) {
            return new ValidationException("request nests deeper than " + MAX_DEPTH + " levels; " + SHAPE);
        }
        return new ValidationException("request holds a string longer than " + MAX_STRING + " characters; " + SHAPE);
    }

    /** Thrown by {@link BoundedInput} when the request goes past {@link #MAX_REQUEST_BYTES}. */
    private static final class TooLarge extends IOException {
        TooLarge() {
            super("request larger than " + MAX_REQUEST_BYTES + " bytes", null);
        }
    }

    /**
     * Hands the parser at most {@link #MAX_REQUEST_BYTES}, then fails: the parser's own document-length check
     * counts only what it parsed, this bounds what is read (a stream handler's input has no length up front).
     */
    private static final class BoundedInput extends FilterInputStream {
        private long remaining = MAX_REQUEST_BYTES + 1L;

        BoundedInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                throw new TooLarge();
            }
            int n = super.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
                if (remaining <= 0) {
                    throw new TooLarge();
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return read(new byte[(int) Math.min(n, 8192)], 0, (int) Math.min(n, 8192));
        }
    }

    private static Map<?, ?> asObject(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        String got = value instanceof List<?> ? "an array" : value instanceof String ? "a string"
                : value instanceof Number ? "a number" : value instanceof Boolean ? "a boolean" : "null";
        throw new ValidationException("request must be a JSON object, got " + got + "; " + SHAPE);
    }

    private static AccessPattern pattern(Object raw) {
        if (raw == null) {
            throw new ValidationException("missing field pattern; known patterns: " + AccessPattern.knownNames());
        }
        if (!(raw instanceof String name)) {
            throw new ValidationException("pattern must be a string, got " + ValidationException.show(raw)
                    + "; known patterns: " + AccessPattern.knownNames());
        }
        return AccessPattern.byName(name).orElseThrow(() -> new ValidationException("unknown pattern '"
                + ValidationException.show(name).replace("\"", "") + "'; known patterns: " + AccessPattern.knownNames()));
    }

    /** Checks names (no missing, no extra) and types; answers the normalised values in a sorted map. */
    private static Map<String, String> params(AccessPattern pattern, Object raw) {
        Map<?, ?> given;
        if (raw == null) {
            given = Map.of();
        } else if (raw instanceof Map<?, ?> map) {
            given = map;
        } else {
            throw new ValidationException("params must be a JSON object, got " + ValidationException.show(raw)
                    + "; pattern " + pattern.patternName() + " takes " + pattern.signature());
        }
        Map<String, Param> known = new LinkedHashMap<>();
        pattern.params().forEach(p -> known.put(p.name(), p));
        for (Object name : given.keySet()) {
            if (!known.containsKey(name)) {
                throw new ValidationException("unexpected parameter params." + ValidationException.show(name).replace("\"", "")
                        + "; pattern " + pattern.patternName() + " takes " + pattern.signature());
            }
        }
        Map<String, String> values = new TreeMap<>();
        for (Param param : pattern.params()) {
            Object value = given.get(param.name());
            if (value == null) {
                if (param.required()) {
                    throw new ValidationException("missing parameter params." + param.name() + "; pattern "
                            + pattern.patternName() + " takes " + pattern.signature());
                }
                continue; // an explicit null means "not given" for an optional parameter
            }
            values.put(param.name(), param.type().normalise("params." + param.name(), value));
        }
        String from = values.get("from");
        String to = values.get("to");
        if (from != null && to != null && from.compareTo(to) > 0) {
            throw new ValidationException("params.from (" + from + ") must not be after params.to (" + to + ")");
        }
        return values;
    }

    private static int limit(Object raw) {
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        if (raw instanceof Integer || raw instanceof Long || raw instanceof BigInteger) {
            BigInteger value = new BigInteger(raw.toString());
            if (value.compareTo(BigInteger.ONE) >= 0 && value.compareTo(BigInteger.valueOf(MAX_LIMIT)) <= 0) {
                return value.intValue();
            }
        }
        throw new ValidationException("limit must be an integer from 1 to " + MAX_LIMIT + ", got " + ValidationException.show(raw));
    }
}
