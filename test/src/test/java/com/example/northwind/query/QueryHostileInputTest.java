package com.example.northwind.query;

import static com.example.northwind.query.QueryValidationTest.assertHandlerStillWorks;
import static com.example.northwind.query.QueryValidationTest.assertNoRequestSent;
import static com.example.northwind.query.QueryValidationTest.assertValidationError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests built to be expensive (megabytes, deep nesting) cost about what a small bad request costs: size and
 * depth are checked while the request is read, and a bad value is described from an excerpt only. Times are
 * compared as ratios against a small bad request measured the same way, after warm-up, never as absolute bounds.
 */
class QueryHostileInputTest {
    /** What a request at Lambda's limit can hold: a 998-deep array around a 6 MB string (6.29 MB in all). */
    private static final int DEPTH = 998;
    private static final String SIX_MB = "x".repeat(6_000_000);
    private static final double MAX_RATIO = 20;

    static SeededQueryTable table;

    @BeforeAll
    static void seed() {
        table = SeededQueryTable.get();
        QueryValidationTest.table = table; // its helpers are shared
    }

    @Test
    void deepArrayAroundAHugeString_inParams_isAnsweredAsQuicklyAsASmallBadRequest() {
        byte[] hostile = utf8("{\"pattern\":\"customer\",\"params\":{\"customerId\":" + nested(DEPTH, SIX_MB) + "}}");
        assertAnsweredQuickly(hostile, "request nests deeper than " + RequestParser.MAX_DEPTH + " levels");
    }

    @Test
    void deepArrayAroundAHugeString_inLimit_isAnsweredAsQuicklyAsASmallBadRequest() {
        byte[] hostile = utf8("{\"pattern\":\"openOrders\",\"limit\":" + nested(DEPTH, SIX_MB) + "}");
        assertAnsweredQuickly(hostile, "request nests deeper than " + RequestParser.MAX_DEPTH + " levels");
    }

    @Test
    void hugeString_inLimit_isAnsweredAsQuicklyAsASmallBadRequest() {
        byte[] hostile = utf8("{\"pattern\":\"openOrders\",\"limit\":\"" + SIX_MB + "\"}");
        assertAnsweredQuickly(hostile, "request holds a string longer than " + RequestParser.MAX_STRING + " characters");
    }

    @Test
    void requestOverLambdasPayloadLimit_isRejectedWithoutReadingItAll() throws IOException {
        // GIVEN a request that never ends: whitespace, forever (a handler that read it all would never answer)
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return ' ';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                Arrays.fill(buffer, offset, offset + length, (byte) ' ');
                return length;
            }
        };
        // WHEN it is sent THEN it is answered with a ValidationError naming Lambda's 6 MB limit
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        table.requests.take();
        table.handler.handleRequest(endless, out, null);
        assertValidationError(SeededQueryTable.JSON_READER.mapFrom(out.toByteArray()),
                "request is larger than " + RequestParser.MAX_REQUEST_BYTES + " bytes");
        assertNoRequestSent();
        assertHandlerStillWorks();
    }

    @Test
    void aRequestOfExactlyTheLimit_isStillRead() {
        // GIVEN a valid request padded with whitespace to exactly 6 MB
        String request = "{\"pattern\":\"employee\",\"params\":{\"employeeId\":1}}";
        byte[] padded = utf8(" ".repeat(RequestParser.MAX_REQUEST_BYTES - request.length()) + request);
        assertEquals(RequestParser.MAX_REQUEST_BYTES, padded.length);
        // WHEN sent THEN it is answered normally
        Map<String, Object> answer = SeededQueryTable.invoke(table.handler, padded);
        assertEquals(null, answer.get("error"), () -> "rejected: " + answer);
        assertEquals(1, ((List<?>) answer.get("items")).size());
    }

    @Test
    void validationMessage_describesAHugeDeepValue_fromAnExcerpt() {
        // GIVEN values that would be megabytes of text: a deep array around a huge string, a wide list, a map
        Object nesting = SIX_MB;
        for (int i = 0; i < DEPTH; i++) {
            nesting = List.of(nesting);
        }
        Object deep = nesting;
        List<Object> wide = new ArrayList<>(Arrays.asList(new Object[1_000_000]));
        Map<String, Object> map = Map.of(SIX_MB, wide);
        Object small = List.of(1);
        // WHEN each is shown in a message THEN the text is an excerpt (at most 40 characters plus "...")
        for (Object value : List.of(deep, wide, map)) {
            String shown = ValidationException.show(value);
            assertTrue(shown.length() <= ValidationException.EXCERPT + 3, shown);
            assertTrue(shown.endsWith("..."), shown);
        }
        assertEquals("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[...", ValidationException.show(deep));
        assertEquals("\"1997-02-30\"", ValidationException.show("1997-02-30"));
        assertEquals("{\"a\": [1, true, null]}", ValidationException.show(Map.of("a", Arrays.asList(1, true, null))));
        // AND describing them costs about what describing a small value costs
        double ratio = ratio(() -> ValidationException.show(deep), () -> ValidationException.show(small), 2_000);
        assertTrue(ratio <= MAX_RATIO, () -> "showing the deep value took " + ratio + "x a small one");
    }

    // ---- helpers ----

    /** The hostile request is answered with a ValidationError, without DynamoDB, in ≤ 20× a small bad request. */
    private static void assertAnsweredQuickly(byte[] hostile, String expectedText) {
        byte[] small = utf8("{\"pattern\":\"openOrders\",\"limit\":0}");
        table.requests.take();
        assertValidationError(SeededQueryTable.invoke(table.handler, hostile), expectedText);
        assertNoRequestSent();
        double ratio = ratio(() -> SeededQueryTable.invoke(table.handler, hostile),
                () -> SeededQueryTable.invoke(table.handler, small), 30);
        System.out.printf("hostile request of %,d bytes: %.1fx a small bad request%n", hostile.length, ratio);
        assertTrue(ratio <= MAX_RATIO, () -> "the hostile request took " + ratio + "x a small bad request");
        assertHandlerStillWorks();
    }

    /** Median time of {@code big} over median time of {@code small}, each run {@code runs} times after warm-up. */
    private static double ratio(Supplier<?> big, Supplier<?> small, int runs) {
        for (int i = 0; i < runs; i++) { // warm-up: JIT both paths before measuring
            big.get();
            small.get();
        }
        long[] bigTimes = new long[runs];
        long[] smallTimes = new long[runs];
        for (int i = 0; i < runs; i++) { // interleaved, so a busy moment of the machine hits both alike
            bigTimes[i] = time(big);
            smallTimes[i] = time(small);
        }
        return (double) median(bigTimes) / Math.max(1, median(smallTimes));
    }

    private static long time(Supplier<?> work) {
        long start = System.nanoTime();
        work.get();
        return System.nanoTime() - start;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String nested(int depth, String inner) {
        return "[".repeat(depth) + "\"" + inner + "\"" + "]".repeat(depth);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
