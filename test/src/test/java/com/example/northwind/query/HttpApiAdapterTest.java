package com.example.northwind.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.command.CommandHandler;
import com.example.northwind.schema.HttpApiContract;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The functions' one HTTP entry (HttpApiAdapter), driven with API Gateway payload 2.0 events on a seeded table: query
 * strings are typed as the direct API types its JSON (a bad value gets the direct API's very words), bodies and the
 * Idempotency-Key header become the command's params and key, statuses follow the error type — and a direct
 * payload never takes the HTTP path.
 */
class HttpApiAdapterTest {
    private static SeededQueryTable table;
    private static CommandHandler commands;

    @BeforeAll
    static void seed() {
        table = SeededQueryTable.get();
        commands = new CommandHandler(table.local.dynamo(), table.table, Clock.systemUTC());
    }

    @Test
    void directRequests_neverTakeTheHttpPath_evenNamingEventFields() {
        // GIVEN a direct request, and one that also carries an event's fields
        Map<String, Object> direct = SeededQueryTable.invoke(table.handler,
                utf8("{\"pattern\":\"employee\",\"params\":{\"employeeId\":2}}"));
        Map<String, Object> mixed = SeededQueryTable.invoke(table.handler,
                utf8("{\"pattern\":\"employee\",\"version\":\"2.0\",\"routeKey\":\"x\",\"requestContext\":{}}"));

        // THEN the first is answered as always (no HTTP wrapper), the second refused as the direct API refuses it
        assertNull(direct.get("statusCode"));
        assertEquals(1, ((List<?>) direct.get("items")).size());
        assertEquals("ValidationError", error(mixed).get("type"));
        assertTrue(error(mixed).get("message").toString().startsWith("unexpected field \"version\""), mixed.toString());
    }

    @Test
    void limitFromTheQueryString_isANumber_andABadOneGetsTheDirectApisWords() throws IOException {
        // GIVEN recentOrders with limit=3, limit=abc and limit=0 in the query string
        Map<String, Object> three = query("recentOrders", Map.of("limit", "3"));
        Map<String, Object> abc = query("recentOrders", Map.of("limit", "abc"));
        Map<String, Object> zero = query("recentOrders", Map.of("limit", "0"));

        // THEN 3 is a page of three; the others are 400 with exactly the direct API's message for "abc" and 0
        assertEquals(200, three.get("statusCode"));
        assertEquals(3, ((List<?>) body(three).get("items")).size());
        assertEquals(400, abc.get("statusCode"));
        assertEquals(error(SeededQueryTable.invoke(table.handler, utf8("{\"pattern\":\"recentOrders\",\"limit\":\"abc\"}"))),
                error(body(abc)));
        assertEquals(error(SeededQueryTable.invoke(table.handler, utf8("{\"pattern\":\"recentOrders\",\"limit\":0}"))),
                error(body(zero)));
    }

    @Test
    void idsAndDatesFromTheQueryString_areAcceptedAsTheDirectApiAcceptsThem() throws IOException {
        // GIVEN customerOrders and employeeOrders with text values, as a query string carries them
        Map<String, Object> viaHttp = query("employeeOrders", Map.of("employeeId", "5", "from", "1998-01-01", "to", "1998-02-28"));

        // WHEN the same is asked directly with a JSON number for the id
        Map<String, Object> direct = SeededQueryTable.invoke(table.handler,
                utf8("{\"pattern\":\"employeeOrders\",\"params\":{\"employeeId\":5,\"from\":\"1998-01-01\",\"to\":\"1998-02-28\"}}"));

        // THEN the items are the same; a bad date is refused with the direct API's words
        assertEquals(200, viaHttp.get("statusCode"));
        assertEquals(direct.get("items"), body(viaHttp).get("items"));
        Map<String, Object> badDate = query("employeeOrders", Map.of("employeeId", "5", "from", "1998-02-30"));
        assertEquals(400, badDate.get("statusCode"));
        assertEquals("params.from must be a date YYYY-MM-DD, got \"1998-02-30\"", error(body(badDate)).get("message"));
    }

    @Test
    void unknownNames_are404_inTheWordsTheDirectApiUses() throws IOException {
        // GIVEN a pattern and a command the model does not define
        Map<String, Object> pattern = query("noSuchPattern", Map.of());
        Map<String, Object> command = command("noSuchCommand", "{}", false, Map.of());

        // THEN 404 NotFound, with the message the direct API gives the same name (as a ValidationError)
        assertEquals(404, pattern.get("statusCode"));
        assertEquals("NotFound", error(body(pattern)).get("type"));
        assertEquals(error(SeededQueryTable.invoke(table.handler, utf8("{\"pattern\":\"noSuchPattern\"}"))).get("message"),
                error(body(pattern)).get("message"));
        assertEquals(404, command.get("statusCode"));
        assertTrue(error(body(command)).get("message").toString().startsWith("unknown command \"noSuchCommand\"; known commands: placeOrder"));
    }

    @Test
    void commandBody_isTheParams_base64OrNot_andTheIdempotencyKeyHeaderIsTheKey() throws IOException {
        // GIVEN shipOrder of an order that does not exist, its body as text and base64-encoded, and with a bad key
        Map<String, Object> text = command("shipOrder", "{\"orderId\":0}", false, Map.of());
        Map<String, Object> base64 = command("shipOrder", Base64.getEncoder().encodeToString(utf8("{\"orderId\":0}")), true, Map.of());
        Map<String, Object> badKey = command("shipOrder", "{\"orderId\":0}", false, Map.of("idempotency-key", "not a key!"));

        // THEN both bodies reach the command (404: the order does not exist), and the header is checked as the key
        assertEquals(404, text.get("statusCode"));
        assertEquals("order 0 does not exist", error(body(text)).get("message"));
        assertEquals(body(text), body(base64));
        assertEquals(400, badKey.get("statusCode"));
        assertTrue(error(body(badKey)).get("message").toString().startsWith("idempotencyKey must be 1 to 64 characters"));
    }

    @Test
    void bodyOverTheLimit_is413_andABodyThatIsNoObjectIs400() throws IOException {
        // GIVEN a body one byte over the limit, and bodies that are not params
        Map<String, Object> large = command("updateCustomer", " ".repeat(HttpApiContract.MAX_BODY_BYTES + 1), false, Map.of());
        Map<String, Object> array = command("shipOrder", "[1]", false, Map.of());
        Map<String, Object> empty = command("shipOrder", "", false, Map.of());

        // THEN 413 PayloadTooLarge, and 400 saying what the body must be
        assertEquals(413, large.get("statusCode"));
        assertEquals("PayloadTooLarge", error(body(large)).get("type"));
        assertEquals(400, array.get("statusCode"));
        assertTrue(error(body(array)).get("message").toString().startsWith("body must be a JSON object, got an array"));
        assertTrue(error(body(empty)).get("message").toString().startsWith("body is empty"));
        // AND every answer is JSON with its content type
        assertEquals(Map.of("content-type", "application/json"), large.get("headers"));
        assertFalse((Boolean) large.get("isBase64Encoded"));
    }

    // ---- helpers ----

    /** The query function's HTTP response to GET /patterns/{name}?query. */
    private static Map<String, Object> query(String pattern, Map<String, String> query) throws IOException {
        Map<String, Object> event = event("GET", HttpApiContract.QUERY_ROUTE_PATH, HttpApiContract.patternPath(pattern),
                Map.of(HttpApiContract.PATTERN_PARAMETER, pattern));
        if (!query.isEmpty()) {
            event.put("queryStringParameters", query);
        }
        return SeededQueryTable.invoke(table.handler, JSON.std.asBytes(event));
    }

    /** The command function's HTTP response to POST /commands/{name}. */
    private static Map<String, Object> command(String name, String body, boolean base64, Map<String, String> headers)
            throws IOException {
        Map<String, Object> event = event("POST", HttpApiContract.COMMAND_ROUTE_PATH, HttpApiContract.commandPath(name),
                Map.of(HttpApiContract.COMMAND_PARAMETER, name));
        event.put("headers", headers);
        event.put("body", body);
        event.put("isBase64Encoded", base64);
        return SeededQueryTable.JSON_READER.mapFrom(commands.handle(JSON.std.asBytes(event)));
    }

    private static Map<String, Object> event(String method, String route, String path, Map<String, String> pathParameters) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", method + " " + route);
        event.put("rawPath", path);
        event.put("headers", Map.of());
        event.put("requestContext", Map.of("http", Map.of("method", method, "path", path), "stage", "$default"));
        event.put("pathParameters", pathParameters);
        event.put("isBase64Encoded", false);
        return event;
    }

    private static Map<String, Object> body(Map<String, Object> response) throws IOException {
        return SeededQueryTable.JSON_READER.mapFrom(response.get("body").toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(Map<String, Object> answer) {
        return (Map<String, Object>) answer.get("error");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
