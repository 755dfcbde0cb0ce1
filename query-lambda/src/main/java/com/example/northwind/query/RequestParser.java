package com.example.northwind.query;

import com.example.northwind.lambda.BadRequest;
import com.example.northwind.lambda.JsonRequestReader;
import com.example.northwind.lambda.KnownNames;
import com.example.northwind.model.ParamLimits;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Turns the raw request bytes into a {@link QueryRequest}, or a ValidationException saying what is wrong. */
final class RequestParser {
    static final int DEFAULT_LIMIT = ParamLimits.DEFAULT_LIMIT;
    static final int MAX_LIMIT = ParamLimits.MAX_LIMIT;
    private static final Set<String> FIELDS = Set.of("pattern", "params", "limit", "nextToken");
    private static final String SHAPE =
            "send a JSON object such as {\"pattern\": \"employee\", \"params\": {\"employeeId\": 5}}";

    /** Lambda's limit for a synchronous invocation's payload: nothing larger can be a real request. */
    static final int MAX_REQUEST_BYTES = JsonRequestReader.MAX_REQUEST_BYTES;
    /** A request nests two levels (request, params); anything deeper is refused while it is read. */
    static final int MAX_DEPTH = 8;
    /** Longer than any valid value (params: 200 characters, nextToken: 4,096), refused while it is read. */
    static final int MAX_STRING = 16 * 1024;

    /**
     * Size and depth are checked by the reader as it reads, so a hostile request (megabytes of nested arrays)
     * costs what reading its first few kilobytes costs: nothing past the limit is read, built or described.
     */
    private final JsonRequestReader reader = new JsonRequestReader(MAX_DEPTH, MAX_STRING, SHAPE);

    QueryRequest parse(byte[] bytes) {
        return parse(new ByteArrayInputStream(bytes));
    }

    /** Reads the request from {@code input}, never more than {@link #MAX_REQUEST_BYTES} of it. */
    QueryRequest parse(InputStream input) {
        Map<?, ?> request;
        try {
            request = reader.readObject(input);
        } catch (BadRequest e) {
            throw new ValidationException(e.getMessage());
        }
        return parse(request);
    }

    /** Validates a request already read as a JSON object (the HTTP API's, built by HttpApiAdapter). */
    QueryRequest parse(Map<?, ?> request) {
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

    private static AccessPattern pattern(Object raw) {
        if (raw == null) {
            throw new ValidationException("missing field pattern; known patterns: " + AccessPattern.knownNames());
        }
        if (!(raw instanceof String name)) {
            throw new ValidationException("pattern must be a string, got " + ValidationException.show(raw)
                    + "; known patterns: " + AccessPattern.knownNames());
        }
        return AccessPattern.byName(name).orElseThrow(() -> new ValidationException(KnownNames.unknownPattern(name)));
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
