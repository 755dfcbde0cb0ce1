package com.example.northwind.httpapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.command.CommandHandler;
import com.example.northwind.local.LocalApiOptions;
import com.example.northwind.local.LocalFunction;
import com.example.northwind.local.LocalHttpApi;
import com.example.northwind.model.AccessPatterns;
import com.example.northwind.model.ModelDocs;
import com.example.northwind.model.PatternDefinition;
import com.example.northwind.query.QueryHandler;
import com.example.northwind.testsupport.LocalDynamo;
import com.example.northwind.testsupport.NorthwindCsv;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * The local HTTP API end to end with the real functions on a seeded table, called with the AWS SDK's SigV4 signer:
 * every pattern answers exactly as through the Lambda endpoint, pages walk to the end, commands honour idempotency
 * keys, and every status the API promises comes back (400, 404 for an unknown name and for NotFound, 409, 413, 500
 * for a function error, 403 for unsigned, badly signed and expired requests), each in the shape docs/openapi.json
 * gives it. Expected data comes from the CSVs.
 */
class LocalHttpApiEndToEndTest {
    private static ApiStack stack;
    private static SignedHttp http;

    @BeforeAll
    static void start() {
        stack = ApiStack.get();
        http = stack.http;
    }

    @Test
    void everyPattern_answersExactlyAsThroughTheLambdaEndpoint() {
        for (PatternDefinition pattern : AccessPatterns.all()) {
            // GIVEN a pattern with its example parameters
            // WHEN it is asked through the HTTP API (query string) and invoked directly (JSON payload)
            SignedHttp.Answer viaApi = http.get(ApiStack.patternUrl(pattern.name(), ApiStack.exampleQuery(pattern)));
            String direct = stack.invokeDirectly("query", ModelDocs.payload(pattern));

            // THEN the HTTP answer is 200 and its body the direct answer, byte for byte — but for the nextToken, sealed
            // with a fresh nonce each time (both have one, or neither)
            assertEquals(200, viaApi.status(), pattern.name() + ": " + viaApi.body());
            assertEquals(withoutToken(direct), withoutToken(viaApi.body()), pattern.name());
            assertEquals(direct.contains("\"nextToken\":null"), viaApi.body().contains("\"nextToken\":null"), pattern.name());
            assertEquals("application/json", viaApi.header("content-type"));
        }
    }

    /** The answer's text with its nextToken's value blanked. */
    private static String withoutToken(String answer) {
        return answer.replaceAll("\"nextToken\":\"[^\"]*\"", "\"nextToken\":\"…\"");
    }

    @Test
    void pages_walkToTheEnd_withNextToken_inTheCsvsOrder() {
        // GIVEN SAVEA's orders in the CSVs, newest first (ties: the higher order id first)
        List<String> expected = NorthwindCsv.rows("orders.csv").stream().filter(r -> "SAVEA".equals(r.get("customerID")))
                .sorted(Comparator.comparing((Map<String, String> r) -> r.get("orderDate"))
                        .thenComparing(r -> Long.parseLong(r.get("orderID"))).reversed())
                .map(r -> r.get("orderID")).toList();

        // WHEN customerOrders is walked 7 at a time, each next page asked with the previous page's nextToken
        List<String> walked = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Map<String, String> query = new java.util.LinkedHashMap<>(Map.of("customerId", "SAVEA", "limit", "7"));
            if (token != null) {
                query.put("nextToken", token);
            }
            SignedHttp.Answer page = http.get(ApiStack.patternUrl("customerOrders", query));
            assertEquals(200, page.status(), page.body());
            List<?> items = (List<?>) page.json().get("items");
            assertTrue(items.size() <= 7, "page larger than the limit: " + items.size());
            items.forEach(i -> walked.add(String.valueOf(((Map<?, ?>) i).get("orderID"))));
            token = (String) page.json().get("nextToken");
            pages++;
        } while (token != null && pages < 100);

        // THEN every order came, once, in order, over as many pages as the limit makes
        assertEquals(expected, walked);
        assertTrue(pages >= (expected.size() + 6) / 7, "pages: " + pages);
    }

    @Test
    void command_withIdempotencyKey_repeatAnswersTheFirstResult_andTheKeyWithOtherParamsIsAConflict() {
        // GIVEN a placeOrder for ALFKI dated before every order of the CSVs, with an idempotency key
        String body = "{\"customerId\":\"ALFKI\",\"employeeId\":1,\"orderDate\":\"1996-01-05\","
                + "\"lines\":[{\"productId\":11,\"quantity\":2},{\"productId\":72,\"quantity\":1}]}";
        Map<String, String> key = Map.of("Content-Type", "application/json", "Idempotency-Key", "e2e-http-1");

        // WHEN it is posted twice, then once more with the same key and other params
        SignedHttp.Answer first = http.post("/commands/placeOrder", body, key);
        SignedHttp.Answer again = http.post("/commands/placeOrder", body, key);
        SignedHttp.Answer other = http.post("/commands/placeOrder", body.replace("\"quantity\":2", "\"quantity\":3"), key);

        // THEN the first places the order, the repeat answers the same order without writing (replayed) ...
        assertEquals(200, first.status(), first.body());
        assertEquals(200, again.status(), again.body());
        assertEquals(first.json().get("result"), again.json().get("result"));
        assertEquals(true, ((Map<?, ?>) again.json().get("stats")).get("replayed"));
        // ... the same key with other params is refused as a Conflict
        assertEquals(409, other.status(), other.body());
        assertEquals("Conflict", other.error().get("type"));
        HttpApiContractChecks.assertMatches("/commands/placeOrder", "POST", other);
        // AND the order is there once, with its two lines
        long orderId = ((Number) ((Map<?, ?>) ((Map<?, ?>) first.json().get("result")).get("order")).get("orderID")).longValue();
        List<?> items = (List<?>) http.get("/patterns/order?orderId=" + orderId).json().get("items");
        assertEquals(3, items.size(), items.toString());
    }

    @Test
    void refusedRequests_getTheirStatus_inTheFunctionsErrorShape() {
        // GIVEN requests the functions refuse: a bad parameter, a bad limit, a missing param, a pattern and a command
        // that do not exist, an order that does not exist, an order already shipped
        record Case(String method, String path, String body, int status, String type, String text) {
        }
        for (Case c : List.of(
                new Case("GET", "/patterns/employee?employeeId=abc", null, 400, "ValidationError", "params.employeeId must be"),
                new Case("GET", "/patterns/recentOrders?limit=0", null, 400, "ValidationError", "limit must be an integer from 1 to 1000, got 0"),
                new Case("POST", "/commands/shipOrder", "{}", 400, "ValidationError", "missing parameter params.orderId"),
                new Case("POST", "/commands/shipOrder", "[", 400, "ValidationError", "body is not valid JSON"),
                new Case("GET", "/patterns/noSuchPattern", null, 404, "NotFound", "unknown pattern 'noSuchPattern'"),
                new Case("POST", "/commands/noSuchCommand", "{}", 404, "NotFound", "unknown command \"noSuchCommand\""),
                new Case("POST", "/commands/shipOrder", "{\"orderId\":0}", 404, "NotFound", "order 0 does not exist"),
                new Case("POST", "/commands/shipOrder", "{\"orderId\":10248}", 409, "Conflict", "order 10248 was already shipped"))) {
            // WHEN each is sent, signed
            SignedHttp.Answer answer = c.method().equals("GET") ? http.get(c.path())
                    : http.post(c.path(), c.body(), Map.of("Content-Type", "application/json"));

            // THEN its status and error type, the function's message, and the shape docs/openapi.json gives it
            assertEquals(c.status(), answer.status(), c + " → " + answer.body());
            assertEquals(c.type(), answer.error().get("type"), answer.body());
            assertTrue(answer.error().get("message").toString().contains(c.text()), answer.body());
            if (c.path().contains("noSuch")) {
                HttpApiContractChecks.assertMatchesSchema("Error", answer.body()); // no concrete operation for it
            } else {
                HttpApiContractChecks.assertMatches(c.path().replaceAll("\\?.*", ""), c.method(), answer);
            }
        }
    }

    @Test
    void bodyOverTheLimit_is413PayloadTooLarge() {
        // GIVEN a signed command whose body is over the API's limit (a 70 KB string)
        String body = "{\"customerId\":\"" + "x".repeat(70_000) + "\"}";

        // WHEN it is sent THEN 413 with the error shape, as docs/openapi.json says
        SignedHttp.Answer answer = http.post("/commands/updateCustomer", body, Map.of("Content-Type", "application/json"));
        assertEquals(413, answer.status(), answer.body());
        assertEquals("PayloadTooLarge", answer.error().get("type"));
        HttpApiContractChecks.assertMatches("/commands/updateCustomer", "POST", answer);
    }

    @Test
    void unsignedWronglySignedAndExpiredRequests_areRefused403() {
        // GIVEN a pattern request unsigned, signed with another secret, and signed six minutes ago
        String path = "/patterns/employee?employeeId=2";
        SignedHttp.Answer unsigned = SignedHttp.send(HttpRequest.newBuilder(URI.create(stack.api.endpoint() + path)).build());
        SignedHttp.Answer wrong = new SignedHttp(stack.api.endpoint(), "local", "guessed", "us-east-1").get(path);
        SignedHttp.Answer expired = SignedHttp.send(http.sign(http.request("GET", path, Map.of()), null,
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-6))), null);

        // THEN each is API Gateway's 403 in its shape, and the function never answered
        for (SignedHttp.Answer answer : List.of(unsigned, wrong, expired)) {
            assertEquals(403, answer.status(), answer.body());
            assertNull(answer.json().get("items"), answer.body());
            HttpApiContractChecks.assertMatchesGatewayError("/patterns/employee", "GET", answer);
        }
        assertEquals("Missing Authentication Token", unsigned.json().get("message"));
        assertTrue(wrong.json().get("message").toString().startsWith("The request signature we calculated does not match"));
        assertTrue(expired.json().get("message").toString().startsWith("Signature expired: "));
    }

    @Test
    void functionError_is500InternalServerError_withoutAStackTrace() {
        // GIVEN an API whose functions' DynamoDB fails every call (an SDK interceptor), as when DynamoDB is down
        ExecutionInterceptor failing = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                throw DynamoDbException.builder().message("Service unavailable (injected)").statusCode(503).build();
            }
        };
        DynamoDbClient broken = LocalDynamo.start().client(failing);
        try (LocalHttpApi api = LocalHttpApi.start(LocalApiOptions.DEFAULTS.onPort(0), List.of(
                new LocalFunction("query", Set.of(), Map.of("live", "1"), () -> new QueryHandler(broken, ApiStack.TABLE), 10_000, 1024),
                new LocalFunction("command", Set.of(), Map.of("live", "1"),
                        () -> new CommandHandler(broken, ApiStack.TABLE, Clock.systemUTC()), 15_000, 1024)))) {
            SignedHttp client = SignedHttp.local(api.endpoint());

            // WHEN a pattern and a command are called
            SignedHttp.Answer query = client.get("/patterns/employee?employeeId=1");
            SignedHttp.Answer command = client.post("/commands/shipOrder", "{\"orderId\":11077}", Map.of("Content-Type", "application/json"));

            // THEN API Gateway's own 500, nothing of the function's error in it
            for (SignedHttp.Answer answer : List.of(query, command)) {
                assertEquals(500, answer.status(), answer.body());
                assertEquals(Map.of("message", "Internal Server Error"), answer.json());
                assertFalse(answer.body().contains("injected") || answer.body().contains("Exception"), answer.body());
            }
            HttpApiContractChecks.assertMatchesGatewayError("/patterns/employee", "GET", query);
            HttpApiContractChecks.assertMatchesGatewayError("/commands/shipOrder", "POST", command);
            // AND a request the function refuses before reading the table is still answered 400, not 500
            assertEquals(400, client.get("/patterns/employee").status());
        } finally {
            broken.close();
        }
    }

    @Test
    void lambdaEndpoint_stillAnswersDirectInvokesAsBefore() {
        // GIVEN the same stack's Lambda endpoint WHEN the query function is invoked directly with a direct payload
        String answer = stack.invokeDirectly("query", "{\"pattern\":\"employee\",\"params\":{\"employeeId\":2}}");

        // THEN its answer is the direct one (no statusCode wrapper: direct invokes never see the HTTP adapter)
        assertTrue(answer.startsWith("{\"pattern\":\"employee\",\"items\":[{\"type\":\"Employee\""), answer);
        assertFalse(answer.contains("statusCode"), answer);
        assertNotNull(ApiStack.pattern("employee"));
    }
}
