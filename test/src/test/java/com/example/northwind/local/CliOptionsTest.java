package com.example.northwind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliOptionsTest {

    @Test
    void parse_queryWithParamsAndLimit_buildsTheFunctionsRequest() {
        // GIVEN a query command line mixing --param, a pattern-specific flag and --limit
        // WHEN it is parsed
        CliOptions options = CliOptions.parse("query", "customerOrders", "--param", "customerId=ALFKI",
                "--from", "1997-01-01", "--limit", "5", "--json");

        // THEN the request carries the params (numbers as numbers), the limit at top level, and a free DynamoDB port
        assertEquals(CliOptions.Command.QUERY, options.command());
        assertEquals(Map.of("pattern", "customerOrders", "params", Map.of("customerId", "ALFKI", "from", "1997-01-01"),
                "limit", 5L), options.request());
        assertTrue(options.json());
        assertEquals(0, options.ddbPort());
        assertEquals(2L, CliOptions.parse("query", "employee", "--employeeId", "2").params().get("employeeId"));
    }

    @Test
    void parse_serveDefaults_useTheDocumentedPorts() {
        // GIVEN no arguments
        // WHEN parsed
        CliOptions options = CliOptions.parse();

        // THEN serve on 8000 / 3001 with table northwind, in memory
        assertEquals(CliOptions.Command.SERVE, options.command());
        assertEquals(8000, options.ddbPort());
        assertEquals(3001, options.lambdaPort());
        assertEquals("northwind", options.tableName());
        assertEquals(null, options.dbPath());
        assertEquals(3002, options.uiPort());
    }

    @Test
    void parse_uiFlags_moveOrDropTheDesignExplorer() {
        // GIVEN --ui-port, --no-ui, both, and a one-off query WHEN parsed
        // THEN the explorer moves, is dropped (-1), the contradiction is refused, and a query serves no page
        assertEquals(4000, CliOptions.parse("--ui-port", "4000").uiPort());
        assertEquals(-1, CliOptions.parse("--no-ui").uiPort());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CliOptions.parse("--no-ui", "--ui-port", "4000"))
                .getMessage().contains("--no-ui"));
        assertEquals(-1, CliOptions.parse("query", "recentOrders").uiPort());
    }

    @Test
    void parse_apiFlags_moveDropOrReKeyTheHttpApi() {
        // GIVEN no flag, --api-port, --no-api, both, the credential flags, and a one-off query WHEN parsed
        // THEN the API serves on 3000 with local/local/us-east-1, moves, is dropped (-1), the contradiction is refused,
        // the credentials are taken, and a query serves no API
        assertEquals(new LocalApiOptions(3000, "local", "local", "us-east-1"), CliOptions.parse().api());
        assertEquals(4300, CliOptions.parse("--api-port", "4300").api().port());
        assertFalse(CliOptions.parse("--no-api").api().enabled());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CliOptions.parse("--no-api", "--api-port", "4300"))
                .getMessage().contains("--no-api"));
        assertEquals(new LocalApiOptions(3000, "AKIDEXAMPLE", "s3cr3t", "eu-west-1"), CliOptions.parse(
                "--api-access-key", "AKIDEXAMPLE", "--api-secret-key", "s3cr3t", "--api-region", "eu-west-1").api());
        assertFalse(CliOptions.parse("query", "recentOrders").api().enabled());
        // AND bad values are refused naming the flag
        for (String[] bad : List.of(new String[] {"--api-port", "70000"}, new String[] {"--api-region", "moon"},
                new String[] {"--api-access-key", "a/b"}, new String[] {"--api-secret-key", ""}, new String[] {"--api-port"})) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CliOptions.parse(bad));
            assertTrue(e.getMessage().contains(bad[0]), e.getMessage());
        }
    }

    @Test
    void parse_fails_whenArgumentsAreWrong() {
        // GIVEN bad command lines; WHEN parsed; THEN each error names what is wrong
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CliOptions.parse("--ddb-port", "eighty"))
                .getMessage().contains("--ddb-port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CliOptions.parse("--bogus"))
                .getMessage().contains("--bogus"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CliOptions.parse("query"))
                .getMessage().contains("pattern"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CliOptions.parse("--ddb-endpoint", "http://127.0.0.1:8000", "--ddb-port", "9000"))
                .getMessage().contains("--ddb-endpoint"));
    }

    @Test
    void parse_command_typesEachParamByTheCommandsDefinitionAndBuildsLines() {
        // GIVEN a placeOrder command line with --param, --NAME VALUE, --line with and without discount and a key
        // WHEN it is parsed
        CliOptions options = CliOptions.parse("command", "placeOrder", "--param", "customerId=ALFKI",
                "--param", "employeeId=1", "--line", "11:2", "--line", "72:1:0.05", "--freight", "12.50",
                "--shipPostalCode", "12209", "--idempotency-key", "order-1");

        // THEN the request is the command's own shape: numeric ids as numbers, the decimal exact, text that looks
        // like a number (a postal code) still text, the lines as objects, the key at top level
        assertEquals(CliOptions.Command.COMMAND, options.command());
        assertEquals(Map.of("command", "placeOrder",
                "params", Map.of("customerId", "ALFKI", "employeeId", 1L, "freight", new BigDecimal("12.50"),
                        "shipPostalCode", "12209",
                        "lines", List.of(Map.of("productId", 11L, "quantity", 2L),
                                Map.of("productId", 72L, "quantity", 1L, "discount", new BigDecimal("0.05")))),
                "idempotencyKey", "order-1"), options.commandRequest());
        // AND like a query, it runs on a free DynamoDB port and serves no explorer page
        assertEquals(0, options.ddbPort());
        assertEquals(-1, options.uiPort());
        assertFalse(options.json());
    }

    @Test
    void parse_command_typesBooleansIntegersTextIdsAndNullForClearableFieldsOnly() {
        // GIVEN updates with a boolean, an integer, a text id with a leading zero and "null" values
        // WHEN parsed
        Map<String, Object> product = CliOptions.parse("command", "updateProduct", "--productId", "11",
                "--discontinued", "true", "--unitsInStock", "40", "--unitPrice", "22", "--quantityPerUnit", "null").params();
        Map<String, Object> customer = CliOptions.parse("command", "updateCustomer", "--customerId", "ALFKI",
                "--region", "null", "--companyName", "null").params();
        Map<String, Object> territory = CliOptions.parse("command", "assignTerritory", "--employeeId", "1",
                "--territoryId", "01581").params();

        // THEN true is a boolean, 40 a number, 22 a decimal, "null" is JSON null where it clears a field
        // (quantityPerUnit, region) and stays text where it cannot (companyName), and 01581 stays text
        assertEquals(Boolean.TRUE, product.get("discontinued"));
        assertEquals(40L, product.get("unitsInStock"));
        assertEquals(new BigDecimal("22"), product.get("unitPrice"));
        assertTrue(product.containsKey("quantityPerUnit") && product.get("quantityPerUnit") == null, product.toString());
        assertTrue(customer.containsKey("region") && customer.get("region") == null, customer.toString());
        assertEquals("null", customer.get("companyName"));
        assertEquals("01581", territory.get("territoryId"));
        assertEquals(1L, territory.get("employeeId"));
        // AND a value that is not of its kind is refused while the line is parsed, before anything starts, with the
        // command function's own ValidationError message (issue #19: it used to be sent on for the function to refuse)
        String refused = message("command", "shipOrder", "--orderId", "two");
        assertTrue(refused.startsWith("ValidationError: params.orderId must be") && refused.endsWith("got \"two\""), refused);
    }

    @Test
    void parse_command_rawJsonPayload_isSentAsItIs() {
        // GIVEN --json with a whole request, with params only, and --json alone
        // WHEN parsed
        CliOptions whole = CliOptions.parse("command", "--json", "{\"command\":\"shipOrder\",\"params\":{\"orderId\":11077}}");
        CliOptions paramsOnly = CliOptions.parse("command", "shipOrder", "--json", "{\"orderId\":11077,\"freight\":1.5}",
                "--idempotency-key", "k-1");
        CliOptions printJson = CliOptions.parse("command", "cancelOrder", "--orderId", "11077", "--json");

        // THEN a whole request is the payload unchanged; params are wrapped with the command and key (decimals
        // exact); --json without an object asks for the raw answer
        assertEquals(Map.of("command", "shipOrder", "params", Map.of("orderId", 11077)), whole.commandRequest());
        assertEquals(Map.of("command", "shipOrder", "params", Map.of("orderId", 11077, "freight", new BigDecimal("1.5")),
                "idempotencyKey", "k-1"), paramsOnly.commandRequest());
        assertTrue(printJson.json());
        assertEquals(Map.of("command", "cancelOrder", "params", Map.of("orderId", 11077L)), printJson.commandRequest());
        // AND a clearing null inside a raw payload survives
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("customerId", "ALFKI");
        withNull.put("fax", null);
        assertEquals(withNull, CliOptions.parse("command", "updateCustomer", "--json",
                "{\"customerId\":\"ALFKI\",\"fax\":null}").commandRequest().get("params"));
    }

    @Test
    void parse_command_fails_whenArgumentsAreWrong() {
        // GIVEN bad command lines; WHEN parsed; THEN each error names what is wrong
        assertTrue(message("command").contains("command name"));
        assertTrue(message("command", "shipOrders", "--orderId", "1").contains("placeOrder, shipOrder"));
        assertTrue(message("command", "placeOrder", "--line", "11").contains("PRODUCT:QUANTITY"));
        assertTrue(message("command", "placeOrder", "--line", "11:x").contains("PRODUCT:QUANTITY"));
        assertTrue(message("command", "shipOrder", "--orderId", "1", "--line", "11:2").contains("placeOrder"));
        assertTrue(message("command", "placeOrder", "--line", "11:2", "--param", "lines=[]").contains("twice"));
        assertTrue(message("command", "placeOrder", "--param", "lines=11:2").contains("JSON array"));
        assertTrue(message("command", "shipOrder", "--orderId", "1", "--limit", "5").contains("--limit"));
        assertTrue(message("command", "shipOrder", "--json", "{\"orderId\":1}", "--param", "freight=2").contains("--json"));
        assertTrue(message("command", "cancelOrder", "--json", "{\"command\":\"shipOrder\"}").contains("named twice"));
        assertTrue(message("command", "shipOrder", "--json", "{not json").contains("--json"));
        assertTrue(message("command", "--json", "{\"command\":\"shipOrder\"}", "--idempotency-key", "k").contains("idempotencyKey"));
        assertTrue(message("query", "employee", "--line", "1:1").contains("--line"));
        assertTrue(message("--idempotency-key", "k").contains("--idempotency-key"));
    }

    @Test
    void parse_help_isAnsweredBeforeAnythingElse_forTheSubcommandAsked() {
        // GIVEN --help and -h in several places, and help as the first word
        // WHEN parsed
        // THEN each asks for help, the subcommand's when the line starts with one, even without a pattern name
        assertEquals(CliOptions.Command.SERVE, CliOptions.parse("--help").helpFor());
        assertEquals(CliOptions.Command.SERVE, CliOptions.parse("help").helpFor());
        assertEquals(CliOptions.Command.QUERY, CliOptions.parse("query", "--help").helpFor());
        assertEquals(CliOptions.Command.COMMAND, CliOptions.parse("command", "placeOrder", "-h").helpFor());
        assertEquals(CliOptions.Command.HELP, CliOptions.parse("query", "nosuchpattern", "--help").command());
        // AND the texts are the committed help files: the query's lists every pattern, the command's every command
        assertTrue(CliOptions.usage(CliOptions.Command.QUERY).contains("  customerOrders: "));
        assertTrue(CliOptions.usage(CliOptions.Command.COMMAND).contains("  placeOrder: "));
        assertTrue(CliOptions.usage(CliOptions.Command.SERVE).startsWith("Usage:"));
    }

    @Test
    void parse_query_typesParamsByThePatternsDefinition_andRefusesWhatTheQueryFunctionRefuses() {
        // GIVEN a numeric id, a territory id of digits (text in the model), and bad query lines
        // WHEN parsed
        // THEN the id is a number and the territory id stays text
        assertEquals(2L, CliOptions.parse("query", "employee", "--employeeId", "2").params().get("employeeId"));
        assertEquals("19713", CliOptions.parse("query", "territoryEmployees", "--territoryId", "19713").params().get("territoryId"));
        // AND a typo'd pattern, a missing or extra parameter and a bad limit are refused with the query function's
        // own messages, before anything starts
        assertTrue(message("query", "directReport").startsWith("ValidationError: unknown pattern 'directReport'; known patterns: employee,"));
        assertTrue(message("query", "employee").contains("missing parameter params.employeeId"));
        assertTrue(message("query", "employee", "--employeeId", "2", "--limit", "0").contains("limit must be an integer from 1 to 1000"));
        assertTrue(message("query", "employee", "--employeeId", "2", "--customerId", "X").contains("unexpected parameter params.customerId"));
        // AND a typo'd command is refused with the command function's message
        assertTrue(message("command", "shipOrders", "--orderId", "1").startsWith("ValidationError: unknown command \"shipOrders\""));
    }

    @Test
    void parse_oneOffLambdaPort_namesTheRunningStack() {
        // GIVEN a query without and with --lambda-port WHEN parsed
        // THEN without it no port is named (the stack served here is looked up), with it that port is
        assertEquals(CliOptions.NO_PORT, CliOptions.parse("query", "recentOrders").lambdaPort());
        assertEquals(13001, CliOptions.parse("query", "recentOrders", "--lambda-port", "13001").lambdaPort());
        // AND 0, or a port together with --ddb-endpoint, is refused
        assertTrue(message("query", "recentOrders", "--lambda-port", "0").contains("--lambda-port"));
        assertTrue(message("command", "shipOrder", "--orderId", "1", "--lambda-port", "3001",
                "--ddb-endpoint", "http://127.0.0.1:8000").contains("give one"));
    }

    @Test
    void parse_commandWithNullForAClearableField_keepsTheNullInTheRequestSent() {
        // GIVEN a field cleared with null WHEN the line is parsed and the request written as the function reads it
        String sent = new String(Payloads.bytes(CliOptions.parse("command", "updateCustomer", "--customerId", "ALFKI",
                "--fax", "null").commandRequest()), java.nio.charset.StandardCharsets.UTF_8);
        // THEN the null is sent (a writer dropping nulls would turn the clear into "no field to change")
        assertTrue(sent.contains("\"fax\":null"), sent);
    }

    private static String message(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> CliOptions.parse(args)).getMessage();
    }
}
