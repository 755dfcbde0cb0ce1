package com.example.northwind.lambda;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a Lambda's JSON request object from its input stream, bounded: at most {@link #MAX_REQUEST_BYTES},
 * nesting and string length capped while reading, so a hostile request (megabytes of nested arrays) costs what
 * reading its first few kilobytes costs. Every problem is a {@link BadRequest} saying what is wrong and how a
 * request looks ({@code shape}); numbers with a fraction are read as BigDecimal, duplicate fields are refused.
 */
public final class JsonRequestReader {
    /** Lambda's limit for a synchronous invocation's payload: nothing larger can be a real request. */
    public static final int MAX_REQUEST_BYTES = 6 * 1024 * 1024;

    private final int maxDepth;
    private final int maxString;
    private final String shape;
    private final String noun;
    private final JsonFactory factory;
    private final JSON json = JSON.std.with(JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS, JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS);

    /**
     * @param maxDepth  deeper nesting than any valid request has
     * @param maxString longer than any valid string value
     * @param shape     "send a JSON object such as …", appended to every message
     */
    public JsonRequestReader(int maxDepth, int maxString, String shape) {
        this(maxDepth, maxString, shape, "request");
    }

    /**
     * @param noun what the messages call the JSON read: "request" for a Lambda's payload, "body" for an HTTP
     *             request's body
     */
    public JsonRequestReader(int maxDepth, int maxString, String shape, String noun) {
        this.maxDepth = maxDepth;
        this.maxString = maxString;
        this.shape = shape;
        this.noun = noun;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth)
                        .maxStringLength(maxString)
                        .maxDocumentLength(MAX_REQUEST_BYTES)
                        .build())
                .build();
    }

    /** The request object; a BadRequest when it is empty, too large, too deep, not JSON or not an object. */
    public Map<?, ?> readObject(InputStream input) {
        Object value = read(new BoundedInput(input));
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        String got = value instanceof List<?> ? "an array" : value instanceof String ? "a string"
                : value instanceof Number ? "a number" : value instanceof Boolean ? "a boolean" : "null";
        throw new BadRequest(noun + " must be a JSON object, got " + got + "; " + shape);
    }

    private Object read(BoundedInput input) {
        try (JsonParser parser = factory.createParser(input)) {
            if (parser.nextToken() == null) {
                throw new BadRequest(noun + " is empty; " + shape);
            }
            Object value = json.anyFrom(parser);
            if (parser.nextToken() != null) {
                throw new BadRequest(noun + " has content after the JSON value; " + shape);
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
            String what = noun + (original != null && original.contains("uplicate") ? " repeats a field" : " is not valid JSON");
            throw new BadRequest(what + where + "; " + shape);
        } catch (IOException e) {
            throw new BadRequest(noun + " could not be read as JSON; " + shape);
        }
    }

    private BadRequest tooLarge(IOException e) {
        String reason = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (e instanceof TooLarge || reason.contains("document length")) {
            return new BadRequest(noun + " is larger than " + MAX_REQUEST_BYTES
                    + " bytes (Lambda's limit for a synchronous invocation); " + shape);
        }
        if (reason.contains("nesting")) {
            return new BadRequest(noun + " nests deeper than " + maxDepth + " levels; " + shape);
        }
        return new BadRequest(noun + " holds a string longer than " + maxString + " characters; " + shape);
    }

    /**
     * The bytes of a Lambda's input, at most {@link #MAX_REQUEST_BYTES} + 1 of them: enough to tell a payload that
     * is too large ({@link #readObject} refuses it as it would the stream), never more, whatever the stream holds.
     */
    public static byte[] readLimited(InputStream input) throws IOException {
        return input.readNBytes(MAX_REQUEST_BYTES + 1);
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
}
