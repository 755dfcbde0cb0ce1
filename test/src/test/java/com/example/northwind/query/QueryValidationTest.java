package com.example.northwind.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Bad input is answered with a ValidationError that names what is wrong, and the handler keeps working. */
class QueryValidationTest {
    static SeededQueryTable table;

    @BeforeAll
    static void seed() {
        table = SeededQueryTable.get();
    }

    /** (request, a text the message must contain — the field it names). */
    static Stream<Arguments> badRequests() {
        String longName = "x".repeat(201);
        return Stream.of(
                // not a JSON object
                Arguments.of("", "request"),
                Arguments.of("   ", "request"),
                Arguments.of("{", "request"),
                Arguments.of("{\"pattern\": employee}", "request"),
                Arguments.of("[]", "request must be a JSON object, got an array"),
                Arguments.of("[{\"pattern\":\"employee\"}]", "request must be a JSON object"),
                Arguments.of("\"employee\"", "request must be a JSON object, got a string"),
                Arguments.of("42", "request must be a JSON object"),
                Arguments.of("null", "request must be a JSON object"),
                Arguments.of("{\"pattern\":\"openOrders\"} {}", "request"),
                Arguments.of("{\"pattern\":\"openOrders\",\"pattern\":\"recentOrders\"}", "request repeats a field"),
                Arguments.of("{\"pattern\":\"openOrders\",\"sort\":\"asc\"}", "sort"),
                // pattern
                Arguments.of("{}", "pattern"),
                Arguments.of("{\"pattern\":\"foo\"}", "unknown pattern 'foo'; known patterns: employee, directReports"),
                Arguments.of("{\"pattern\":7}", "pattern must be a string"),
                Arguments.of("{\"pattern\":null}", "pattern"),
                // params: missing, extra, ill-typed
                Arguments.of("{\"pattern\":\"employee\"}", "missing parameter params.employeeId"),
                Arguments.of("{\"pattern\":\"employee\",\"params\":{}}", "params.employeeId"),
                Arguments.of("{\"pattern\":\"employee\",\"params\":[5]}", "params must be a JSON object"),
                Arguments.of("{\"pattern\":\"employee\",\"params\":{\"employeeId\":5,\"x\":1}}", "unexpected parameter params.x; pattern employee takes employeeId"),
                Arguments.of("{\"pattern\":\"customerOrders\",\"params\":{\"customerId\":\"ALFKI\",\"x\":1}}", "pattern customerOrders takes customerId, from?, to?"),
                Arguments.of("{\"pattern\":\"openOrders\",\"params\":{\"employeeId\":5}}", "unexpected parameter params.employeeId; pattern openOrders takes no parameters"),
                Arguments.of("{\"pattern\":\"employee\",\"params\":{\"employeeId\":\"abc\"}}", "params.employeeId must be a non-negative integer"),
                Arguments.of("{\"pattern\":\"employee\",\"params\":{\"employeeId\":-1}}", "params.employeeId"),
                Arguments.of("{\"pattern\":\"employee\",\"params\":{\"employeeId\":1.5}}", "params.employeeId"),
                Arguments.of("{\"pattern\":\"employee\",\"params\":{\"employeeId\":true}}", "params.employeeId"),
                Arguments.of("{\"pattern\":\"employee\",\"params\":{\"employeeId\":{}}}", "params.employeeId"),
                Arguments.of("{\"pattern\":\"employee\",\"params\":{\"employeeId\":\" 5\"}}", "params.employeeId"),
                Arguments.of("{\"pattern\":\"employee\",\"params\":{\"employeeId\":99999999999}}", "params.employeeId"),
                Arguments.of("{\"pattern\":\"product\",\"params\":{\"productId\":\"1e3\"}}", "params.productId"),
                Arguments.of("{\"pattern\":\"customer\",\"params\":{\"customerId\":123}}", "params.customerId must be a non-empty string"),
                Arguments.of("{\"pattern\":\"customer\",\"params\":{\"customerId\":\"\"}}", "params.customerId"),
                Arguments.of("{\"pattern\":\"territoryEmployees\",\"params\":{\"territoryId\":1581}}", "params.territoryId"),
                Arguments.of("{\"pattern\":\"suppliersByCountry\",\"params\":{\"region\":\"LA\"}}", "missing parameter params.country"),
                // dates
                Arguments.of("{\"pattern\":\"customerOrders\",\"params\":{\"customerId\":\"ALFKI\",\"from\":\"1997-02-30\"}}", "params.from must be a date YYYY-MM-DD, got \"1997-02-30\""),
                Arguments.of("{\"pattern\":\"customerOrders\",\"params\":{\"customerId\":\"ALFKI\",\"to\":\"1997-13-01\"}}", "params.to"),
                Arguments.of("{\"pattern\":\"employeeOrders\",\"params\":{\"employeeId\":5,\"from\":\"97-01-01\"}}", "params.from"),
                Arguments.of("{\"pattern\":\"employeeOrders\",\"params\":{\"employeeId\":5,\"from\":19970101}}", "params.from"),
                Arguments.of("{\"pattern\":\"employeeOrders\",\"params\":{\"employeeId\":5,\"from\":\"1997-01-01T00:00\"}}", "params.from"),
                Arguments.of("{\"pattern\":\"customerOrders\",\"params\":{\"customerId\":\"ALFKI\",\"from\":\"1998-01-02\",\"to\":\"1998-01-01\"}}", "params.from (1998-01-02) must not be after params.to"),
                // over-long strings
                Arguments.of("{\"pattern\":\"customersByContactName\",\"params\":{\"contactName\":\"" + longName + "\"}}", "params.contactName must be a non-empty string of at most 200 characters"),
                Arguments.of("{\"pattern\":\"customersByLocation\",\"params\":{\"country\":\"USA\",\"city\":\"" + longName + "\"}}", "params.city"),
                // limit
                Arguments.of("{\"pattern\":\"openOrders\",\"limit\":0}", "limit must be an integer from 1 to 1000, got 0"),
                Arguments.of("{\"pattern\":\"openOrders\",\"limit\":1001}", "limit"),
                Arguments.of("{\"pattern\":\"openOrders\",\"limit\":-5}", "limit"),
                Arguments.of("{\"pattern\":\"openOrders\",\"limit\":2.5}", "limit"),
                Arguments.of("{\"pattern\":\"openOrders\",\"limit\":\"10\"}", "limit"),
                // malformed nextToken
                Arguments.of("{\"pattern\":\"openOrders\",\"nextToken\":\"!!!not base64!!!\"}", "nextToken is not valid for this request"),
                Arguments.of("{\"pattern\":\"openOrders\",\"nextToken\":\"\"}", "nextToken"),
                Arguments.of("{\"pattern\":\"openOrders\",\"nextToken\":42}", "nextToken must be a string"),
                Arguments.of("{\"pattern\":\"openOrders\",\"nextToken\":\"" + b64("not json") + "\"}", "nextToken"),
                Arguments.of("{\"pattern\":\"openOrders\",\"nextToken\":\"" + b64("[1,2]") + "\"}", "nextToken"),
                Arguments.of("{\"pattern\":\"openOrders\",\"nextToken\":\"" + "A".repeat(5000) + "\"}", "nextToken"),
                Arguments.of("{\"pattern\":\"employee\",\"params\":{\"employeeId\":1},\"nextToken\":\"" + b64("{}") + "\"}", "nextToken"));
    }

    @ParameterizedTest(name = "#{index} {0}")
    @MethodSource("badRequests")
    void rejects_badInput_withValidationErrorNamingTheField(String request, String expectedText) {
        // GIVEN a bad request WHEN the handler is invoked
        table.requests.take();
        Map<String, Object> answer = table.invoke(request);
        // THEN it answers (does not throw) a ValidationError naming what is wrong, without calling DynamoDB
        assertValidationError(answer, expectedText);
        assertNoRequestSent();
        // AND it still answers a good request afterwards
        assertHandlerStillWorks();
    }

    @Test
    void rejects_nextTokenOfAnotherPattern() {
        // GIVEN a real token from recentOrders
        String token = firstToken("recentOrders", null);
        // WHEN it is used to continue openOrders THEN it is rejected
        assertValidationError(table.invoke(SeededQueryTable.request("openOrders", null, 2, token)), "nextToken");
        // AND it still continues the query it came from
        assertNull(table.invoke(SeededQueryTable.request("recentOrders", null, 2, token)).get("error"));
    }

    @Test
    void rejects_nextTokenOfOtherParams() {
        // GIVEN a real token from customerOrders for SAVEA
        String token = firstToken("customerOrders", QueryCase.params("customerId", "SAVEA"));
        // WHEN it is presented with other params (another customer, or an added date bound) THEN it is rejected
        assertValidationError(table.invoke(SeededQueryTable.request("customerOrders",
                QueryCase.params("customerId", "ERNSH"), 2, token)), "nextToken");
        assertValidationError(table.invoke(SeededQueryTable.request("customerOrders",
                QueryCase.params("customerId", "SAVEA", "from", "1997-01-01"), 2, token)), "nextToken");
        assertHandlerStillWorks();
    }

    @Test
    void rejects_hugeDecimalId_quickly() {
        // GIVEN an id written as a short decimal whose value has twenty million digits
        String request = "{\"pattern\":\"employee\",\"params\":{\"employeeId\":1e20000000}}";
        // WHEN the handler is invoked THEN it answers a ValidationError at once (no big-integer conversion first)
        table.requests.take();
        Map<String, Object> answer = assertTimeout(Duration.ofSeconds(2), () -> table.invoke(request));
        assertValidationError(answer, "params.employeeId must be a non-negative integer up to 9999999999");
        assertNoRequestSent();
        // AND whole numbers written as decimals are still ids (5.0 and 5E0 are employee 5), 0E+20000000 is 0
        for (String five : List.of("5.0", "5E0", "0.5E1")) {
            Map<String, Object> found = table.invoke("{\"pattern\":\"employee\",\"params\":{\"employeeId\":" + five + "}}");
            assertNull(found.get("error"), five);
            assertEquals(1, ((List<?>) found.get("items")).size(), five);
        }
        Map<String, Object> zero = assertTimeout(Duration.ofSeconds(2), () ->
                table.invoke("{\"pattern\":\"employee\",\"params\":{\"employeeId\":0E+20000000}}"));
        assertEquals(List.of(), zero.get("items"));
    }

    /** Params each within 200 characters whose combined key value is over DynamoDB's 1,024-byte limit. */
    static Stream<Arguments> paramsTooLongForOneKey() {
        String euros = "\u20ac".repeat(200); // 3 bytes each in UTF-8: 600 bytes
        String hashes = "#".repeat(200); // escaped to "\\#": 400 bytes
        return Stream.of(
                Arguments.of("customersByLocation", QueryCase.params("country", euros, "region", euros)),
                Arguments.of("customersByLocation", QueryCase.params("country", euros, "region", euros, "city", euros)),
                Arguments.of("customersByLocation", QueryCase.params("country", hashes, "region", hashes, "city", hashes)),
                Arguments.of("customersByLocation", QueryCase.params("country", euros, "city", euros)),
                Arguments.of("suppliersByCountry", QueryCase.params("country", euros, "region", euros)),
                // one past the boundary: 600 + '#' + 423 = 1024 fits (see accepts_paramsThatFillOneKeyExactly)
                Arguments.of("suppliersByCountry", QueryCase.params("country", euros, "region", "\u20ac".repeat(141) + "x")));
    }

    @ParameterizedTest(name = "#{index} {0}")
    @MethodSource("paramsTooLongForOneKey")
    void rejects_paramsTooLongForOneKey(String pattern, Map<String, Object> params) {
        // GIVEN params that are each valid but together make a key value over 1,024 bytes of UTF-8
        // WHEN the handler is invoked
        table.requests.take();
        Map<String, Object> answer = table.invoke(SeededQueryTable.request(pattern, params, null, null));
        // THEN it answers a ValidationError naming the pattern, before any request reaches DynamoDB
        assertValidationError(answer, "params too long for pattern " + pattern);
        assertNoRequestSent();
        assertHandlerStillWorks();
    }

    @Test
    void accepts_paramsThatFillOneKeyExactly() {
        // GIVEN country (600 bytes) + '#' + region (423 bytes) = exactly 1,024 bytes
        Map<String, Object> params = QueryCase.params("country", "\u20ac".repeat(200), "region", "\u20ac".repeat(141));
        // WHEN asked THEN it is a valid request that matches nothing
        Map<String, Object> answer = table.invoke(SeededQueryTable.request("suppliersByCountry", params, null, null));
        assertNull(answer.get("error"), () -> "rejected: " + answer);
        assertEquals(List.of(), answer.get("items"));
    }

    /** Edits of a real customerOrders token (an index query): which key part, and the forged value. */
    static Stream<Arguments> forgedIndexPositions() {
        return Stream.of(
                Arguments.of("pk", "NOT_AN_ENTITY#10248"), // no such entity prefix
                Arguments.of("pk", "ORDER"), // no id
                Arguments.of("pk", "ORDER#"), // empty id
                Arguments.of("pk", "ORDER#" + "\u20ac".repeat(700)), // 706 characters but 2,106 bytes
                Arguments.of("data", "ORDER#" + "\u20ac".repeat(340))); // inside the query's range, but 1,026 bytes
    }

    @ParameterizedTest(name = "#{index} {0} = {1}")
    @MethodSource("forgedIndexPositions")
    void rejects_nextTokenWithForgedIndexPosition_evenWhenSealedWithTheKey(String part, String forged) {
        // GIVEN a real token of an index query, and a position edited in one key part, sealed with the function's
        // own key (what only a leaked key would allow: the position check is defence in depth behind the seal)
        Map<String, Object> params = QueryCase.params("customerId", "SAVEA");
        String token = firstToken("customerOrders", params);
        QueryRequest request = new QueryRequest(AccessPattern.byName("customerOrders").orElseThrow(), Map.of("customerId", "SAVEA"), 2, token);
        Map<String, AttributeValue> position = new LinkedHashMap<>(new PageToken(table.tokenKey)
                .decode(request, (com.example.northwind.model.Read.Query) request.pattern().plan(request.params())));
        assertTrue(position.containsKey(part), () -> "token position has no " + part + ": " + position);
        position.put(part, AttributeValue.fromS(forged));
        String sealed = new PageToken(table.tokenKey).encode(request, position);
        table.requests.take();
        // WHEN it is presented with the same pattern and params
        Map<String, Object> answer = table.invoke(SeededQueryTable.request("customerOrders", params, 2, sealed));
        // THEN it is rejected as an invalid nextToken before reaching DynamoDB
        assertValidationError(answer, "nextToken is not valid for this request");
        assertNoRequestSent();
        // AND the untouched token still works
        assertNull(table.invoke(SeededQueryTable.request("customerOrders", params, 2, token)).get("error"));
    }

    @Test
    void accepts_stringOfExactly200Characters() {
        // GIVEN a contact name of the maximum length WHEN asked THEN it is a valid request that matches nothing
        Map<String, Object> answer = table.invoke(SeededQueryTable.request("customersByContactName",
                QueryCase.params("contactName", "y".repeat(200)), null, null));
        assertNull(answer.get("error"));
        assertEquals(List.of(), answer.get("items"));
    }

    // ---- helpers ----

    static void assertValidationError(Map<String, Object> answer, String expectedText) {
        assertNotNull(answer.get("error"), () -> "expected a ValidationError, got " + answer);
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) answer.get("error");
        assertEquals("ValidationError", error.get("type"));
        String message = (String) error.get("message");
        assertTrue(message.contains(expectedText), () -> "message should contain <" + expectedText + ">: " + message);
        // No internals: key attribute names, index name, exception classes, stack frames.
        for (String internal : List.of("pk", "sk", "gsi", "Exception", "at com.", "java.")) {
            assertFalse(message.contains(internal), () -> "message leaks <" + internal + ">: " + message);
        }
        assertFalse(answer.containsKey("items"), "an error answer has no items");
    }

    /** Nothing reached DynamoDB since the last {@code requests.take()}: the request was rejected before any call. */
    static void assertNoRequestSent() {
        assertEquals(List.of(), table.requests.take(), "a rejected request must not reach DynamoDB");
    }

    static void assertHandlerStillWorks() {
        Map<String, Object> answer = table.invoke("{\"pattern\":\"employee\",\"params\":{\"employeeId\":1}}");
        assertNull(answer.get("error"));
        assertEquals(1, ((List<?>) answer.get("items")).size());
    }

    static String firstToken(String pattern, Map<String, Object> params) {
        Object token = table.invoke(SeededQueryTable.request(pattern, params, 2, null)).get("nextToken");
        assertTrue(token instanceof String, "expected a nextToken after a page of 2");
        return (String) token;
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
