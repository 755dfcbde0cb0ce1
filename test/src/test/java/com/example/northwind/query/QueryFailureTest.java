package com.example.northwind.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** A DynamoDB failure is not the caller's fault: it is thrown (a Lambda function error), never answered. */
class QueryFailureTest {
    static SeededQueryTable table;

    @BeforeAll
    static void start() {
        table = SeededQueryTable.get();
    }

    @Test
    void throws_whenTheTableDoesNotExist() {
        // GIVEN a handler pointed at a table that does not exist
        QueryHandler broken = new QueryHandler(table.local.dynamo(), "no-such-table");
        // WHEN a valid Query pattern and a valid GetItem pattern are invoked
        // THEN DynamoDB's error propagates instead of being answered as a ValidationError
        assertThrows(ResourceNotFoundException.class, () -> SeededQueryTable.invoke(broken,
                "{\"pattern\":\"openOrders\"}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(ResourceNotFoundException.class, () -> SeededQueryTable.invoke(broken,
                "{\"pattern\":\"employee\",\"params\":{\"employeeId\":1}}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void answersValidationError_withoutCallingDynamo_evenWhenTheTableIsMissing() {
        // GIVEN the same broken handler WHEN the request itself is bad
        QueryHandler broken = new QueryHandler(table.local.dynamo(), "no-such-table");
        Map<String, Object> answer = SeededQueryTable.invoke(broken, "{\"pattern\":\"nope\"}".getBytes(StandardCharsets.UTF_8));
        // THEN the bad input is reported, since validation happens before any request
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) answer.get("error");
        assertEquals("ValidationError", error.get("type"));
    }
}
