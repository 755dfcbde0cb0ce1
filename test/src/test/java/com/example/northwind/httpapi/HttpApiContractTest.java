package com.example.northwind.httpapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.example.northwind.model.AccessPatterns;
import com.example.northwind.model.CommandDefinition;
import com.example.northwind.model.CommandDefinitions;
import com.example.northwind.model.ModelDocs;
import com.example.northwind.model.PatternDefinition;
import com.example.northwind.schema.HttpApiContract;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

/**
 * Contract tests: the live answers of the local HTTP API (the real functions, a seeded table) against
 * docs/openapi.json — every pattern's answer with its example parameters and every command's answer with its example
 * params match their operation's 200 schema, and the requests themselves (the model's examples) are ones the document
 * allows. The error answers are checked where they are provoked (LocalHttpApiEndToEndTest, LocalHttpApiSigV4Test).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpApiContractTest {
    private static SignedHttp http;

    @BeforeAll
    static void start() {
        http = ApiStack.get().http;
    }

    @Test
    @Order(1) // before the commands change what the examples find (updateCustomer renames ALFKI's contact)
    void everyPatternsAnswer_matchesItsSchema_andItsExampleRequestIsValid() {
        for (PatternDefinition pattern : AccessPatterns.all()) {
            // GIVEN the pattern's example request, which the document allows
            Map<String, String> query = ApiStack.exampleQuery(pattern);
            String path = HttpApiContract.patternPath(pattern.name());
            HttpApiContractChecks.assertRequestMatches("GET", path, query, Map.of(), null);

            // WHEN it is asked THEN its answer is what the document says the operation answers
            SignedHttp.Answer answer = http.get(ApiStack.patternUrl(pattern.name(), query));
            assertEquals(200, answer.status(), pattern.name() + ": " + answer.body());
            assertFalse(((List<?>) answer.json().get("items")).isEmpty(), pattern.name() + " found nothing to check: " + answer.body());
            HttpApiContractChecks.assertMatches(path, "GET", answer);
        }
    }

    @Test
    @Order(2)
    void everyCommandsAnswer_matchesItsSchema_andItsExampleBodyIsValid() {
        // GIVEN every command's example params, run in an order in which each succeeds: the order placed is the one
        // cancelled (an unshipped order of its own), the example order 11077 is shipped
        Map<String, String> bodies = new LinkedHashMap<>();
        CommandDefinitions.all().forEach(c -> bodies.put(c.name(), ModelDocs.exampleParams(c)));
        for (CommandDefinition command : CommandDefinitions.all()) {
            String path = HttpApiContract.commandPath(command.name());
            String body = bodies.get(command.name());
            HttpApiContractChecks.assertRequestMatches("POST", path, Map.of(),
                    Map.of(HttpApiContract.IDEMPOTENCY_KEY_HEADER, "contract-" + command.name()), body);

            // WHEN it is posted
            SignedHttp.Answer answer = http.post(path, body, Map.of("Content-Type", "application/json",
                    HttpApiContract.IDEMPOTENCY_KEY_HEADER, "contract-" + command.name()));

            // THEN it succeeds, and its answer is what the document says the operation answers
            assertEquals(200, answer.status(), command.name() + ": " + answer.body());
            HttpApiContractChecks.assertMatches(path, "POST", answer);
            if (command.name().equals("placeOrder")) {
                Object placed = ((Map<?, ?>) ((Map<?, ?>) answer.json().get("result")).get("order")).get("orderID");
                bodies.put("cancelOrder", "{\"orderId\":" + placed + "}");
            }
        }
        // AND a replayed command's answer (the first result again, stats.replayed) matches too
        SignedHttp.Answer replay = http.post(HttpApiContract.commandPath("updateProduct"), bodies.get("updateProduct"),
                Map.of("Content-Type", "application/json", HttpApiContract.IDEMPOTENCY_KEY_HEADER, "contract-updateProduct"));
        assertEquals(true, ((Map<?, ?>) replay.json().get("stats")).get("replayed"), replay.body());
        HttpApiContractChecks.assertMatches(HttpApiContract.commandPath("updateProduct"), "POST", replay);
    }
}
