package com.example.northwind.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad requests are ValidationErrors decided without reading the table: no DynamoDB request is sent at all. */
class CommandValidationTest {
    static CommandTable table;

    @BeforeAll
    static void seed() {
        table = CommandTable.seeded();
    }

    static Stream<Arguments> badRequests() {
        String order = "\"command\":\"placeOrder\",\"params\":{\"customerId\":\"ALFKI\",\"employeeId\":1,";
        return Stream.of(
                Arguments.of("[1,2]", "request must be a JSON object, got an array"),
                Arguments.of("{\"command\":\"dropTable\",\"params\":{}}", "unknown command \"dropTable\"; known commands: placeOrder,"),
                Arguments.of("{\"params\":{}}", "missing field command"),
                Arguments.of("{\"command\":\"shipOrder\"}", "missing field params; shipOrder takes orderId"),
                Arguments.of("{\"command\":\"shipOrder\",\"params\":{}}", "missing parameter params.orderId"),
                Arguments.of("{\"command\":\"shipOrder\",\"params\":{\"orderId\":1,\"color\":\"red\"}}", "unexpected parameter params.color"),
                Arguments.of("{\"command\":\"shipOrder\",\"params\":{\"orderId\":\"ten\"}}", "params.orderId must be a non-negative integer"),
                Arguments.of("{\"command\":\"shipOrder\",\"params\":{\"orderId\":1,\"shippedDate\":\"2026-02-30\"}}",
                        "params.shippedDate must be a date YYYY-MM-DD that exists, got \"2026-02-30\""),
                Arguments.of("{\"command\":\"shipOrder\",\"params\":{\"orderId\":1,\"freight\":-1}}", "params.freight must not be negative"),
                Arguments.of("{\"command\":\"updateCustomer\",\"params\":{\"customerId\":\"ALFKI\",\"city\":\"" + "x".repeat(201) + "\"}}",
                        "params.city must be a non-empty string of at most 200 characters"),
                Arguments.of("{\"command\":\"updateCustomer\",\"params\":{\"customerId\":\"ALFKI\"}}",
                        "updateCustomer needs at least one field to change besides the id"),
                Arguments.of("{" + order + "\"lines\":[]}}", "params.lines must be an array of 1 to 25 lines"),
                Arguments.of("{" + order + "\"lines\":" + lines(26) + "}}", "params.lines must be an array of 1 to 25 lines"),
                Arguments.of("{" + order + "\"lines\":[{\"productId\":1,\"quantity\":1},{\"productId\":1,\"quantity\":2}]}}",
                        "params.lines[1].productId 1 appears twice in lines"),
                Arguments.of("{" + order + "\"lines\":[{\"productId\":1,\"quantity\":0}]}}", "params.lines[0].quantity must be from 1 to 1000, got 0"),
                Arguments.of("{" + order + "\"lines\":[{\"productId\":1,\"quantity\":1001}]}}", "params.lines[0].quantity must be from 1 to 1000"),
                Arguments.of("{" + order + "\"lines\":[{\"productId\":1,\"quantity\":1,\"discount\":1}]}}",
                        "params.lines[0].discount must be at least 0 and below 1, got 1"),
                Arguments.of("{" + order + "\"lines\":[{\"productId\":1,\"quantity\":1,\"price\":1}]}}", "unexpected field params.lines[0].price"),
                Arguments.of("{\"command\":\"shipOrder\",\"params\":{\"orderId\":1},\"idempotencyKey\":\"has space\"}",
                        "idempotencyKey must be 1 to 64 characters of A-Z a-z 0-9 _ -"),
                Arguments.of("{\"command\":\"shipOrder\",\"params\":{\"orderId\":1},\"extra\":true}", "unexpected field \"extra\""),
                Arguments.of("{\"command\":\"updateProduct\",\"params\":{\"productId\":1,\"discontinued\":null}}",
                        "params.discontinued cannot be cleared"),
                Arguments.of("{\"command\":\"updateEmployee\",\"params\":{\"employeeId\":1,\"city\":\"a\\u0000b\"}}",
                        "params.city must not contain control characters"),
                Arguments.of("[".repeat(5000) + "]".repeat(5000), "request nests deeper than 8 levels"));
    }

    private static String lines(int n) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 1; i <= n; i++) {
            out.append(i > 1 ? "," : "").append("{\"productId\":").append(i).append(",\"quantity\":1}");
        }
        return out.append(']').toString();
    }

    @ParameterizedTest(name = "#{index} {1}")
    @MethodSource("badRequests")
    void badRequest_isAValidationError_decidedWithoutAnyDynamoDbRequest(String request, String expected) {
        // GIVEN a bad request WHEN sent
        table.sent.take();
        Map<String, Object> answer = table.raw(request.getBytes(StandardCharsets.UTF_8));
        // THEN a ValidationError that says what is wrong, without a stack trace or class name, and nothing was sent
        Map<?, ?> error = (Map<?, ?>) answer.get("error");
        assertTrue(error != null, () -> "expected a ValidationError, got " + answer);
        assertEquals("ValidationError", error.get("type"));
        String message = (String) error.get("message");
        assertTrue(message.startsWith(expected) || message.contains(expected), () -> message);
        assertTrue(!message.contains("Exception") && !message.contains("\tat "), message);
        assertEquals(List.of(), table.sent.take(), "a request refused as invalid must not reach DynamoDB");
    }

    @Test
    void hugeRequest_isRefusedCheaply() {
        // GIVEN a 7 MB string as a parameter WHEN sent THEN refused as too large, nothing sent
        byte[] huge = ("{\"command\":\"shipOrder\",\"params\":{\"orderId\":\"" + "9".repeat(7 * 1024 * 1024) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        table.sent.take();
        Map<String, Object> answer = table.raw(huge);
        assertEquals("ValidationError", ((Map<?, ?>) answer.get("error")).get("type"));
        assertEquals(List.of(), table.sent.take());
    }
}
