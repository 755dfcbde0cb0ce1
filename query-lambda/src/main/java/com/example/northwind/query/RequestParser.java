package com.example.northwind.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
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

    private final JsonFactory factory = new JsonFactory();
    private final JSON json = JSON.std.with(JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS, JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS);

    QueryRequest parse(byte[] bytes) {
        Map<?, ?> request = asObject(readJson(bytes));
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

    private Object readJson(byte[] bytes) {
        try (JsonParser parser = factory.createParser(bytes)) {
            if (parser.nextToken() == null) {
                throw new ValidationException("request is empty; " + SHAPE);
            }
            Object value = json.anyFrom(parser);
            if (parser.nextToken() != null) {
                throw new ValidationException("request has content after the JSON value; " + SHAPE);
            }
            return value;
        } catch (JsonProcessingException e) {
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
