package com.example.northwind.command;

import static com.example.northwind.command.CommandTable.line;
import static com.example.northwind.command.CommandTable.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Faults injected with SDK interceptors on the command handler's client: a transaction that fails or is cancelled
 * leaves the table exactly as it was; a cancellation for a conflicting transaction is retried from fresh reads;
 * a DynamoDB failure is thrown (a function error), never answered as the caller's fault.
 */
class CommandFaultTest {

    /** Fails every TransactWriteItems before it is sent with the exception the supplier makes, {@code times} times. */
    static final class FailTransactions implements ExecutionInterceptor {
        final java.util.function.Supplier<RuntimeException> failure;
        final AtomicInteger remaining;

        FailTransactions(int times, java.util.function.Supplier<RuntimeException> failure) {
            this.remaining = new AtomicInteger(times);
            this.failure = failure;
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (context.request() instanceof TransactWriteItemsRequest && remaining.getAndDecrement() > 0) {
                throw failure.get();
            }
        }
    }

    static TransactionCanceledException cancelled(String... codes) {
        return (TransactionCanceledException) TransactionCanceledException.builder().message("Transaction cancelled")
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("TransactionCanceledException")
                        .errorMessage("Transaction cancelled").build())
                .cancellationReasons(java.util.Arrays.stream(codes).map(c -> CancellationReason.builder().code(c).build()).toList())
                .build();
    }

    @Test
    void failedTransaction_inTheMiddleOfAnOrder_leavesTheTableExactlyAsBefore_andIsAFunctionError() {
        // GIVEN DynamoDB failing the transaction of a placeOrder (after its reads and its order id)
        CommandTable table = CommandTable.seeded(new FailTransactions(Integer.MAX_VALUE,
                () -> DynamoDbException.builder().message("Service unavailable").statusCode(503)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ServiceUnavailable").build()).build()));
        Map<String, Map<String, String>> before = withoutCounter(table.snapshot());
        // WHEN the order is placed THEN it is thrown (Lambda reports a function error), never answered as a NotFound
        assertThrows(DynamoDbException.class, () -> table.command("placeOrder", params("customerId", "ALFKI",
                "employeeId", 1, "lines", List.of(line(11, 2), line(43, 1)))));
        // AND apart from the order-id counter (an id is burnt, never reused) nothing changed
        assertEquals(before, withoutCounter(table.snapshot()));
    }

    @Test
    void transactionCancelledForAConflict_isRetriedFromFreshReads_andSucceedsOnce() {
        // GIVEN the first two transactions cancelled as DynamoDB cancels one that collides with another
        FailTransactions conflicts = new FailTransactions(2, () -> cancelled("TransactionConflict", "None", "None"));
        CommandTable table = CommandTable.seeded(conflicts);
        // WHEN an order is shipped
        Map<String, Object> answer = table.command("shipOrder", params("orderId", 11077, "shippedDate", "2026-11-23"));
        // THEN it succeeded on the third attempt, once: the order is shipped and not open
        assertEquals(null, answer.get("error"), answer::toString);
        assertEquals(3, ((Number) ((Map<?, ?>) answer.get("stats")).get("attempts")).intValue());
        assertTrue(table.query("openOrders", Map.of()).stream().noneMatch(i -> Long.valueOf(11077).equals(i.get("orderID"))));
    }

    @Test
    void cancellationWithAConditionFailure_isAnsweredWithThatActionsMeaning_andWritesNothing() {
        // GIVEN a transaction of assignTerritory cancelled on its first action (the edge exists already: a race lost)
        CommandTable table = CommandTable.seeded(new FailTransactions(1, () -> cancelled("ConditionalCheckFailed", "None")));
        Map<String, Map<String, String>> before = table.snapshot();
        // WHEN the territory is assigned
        Map<String, Object> answer = table.command("assignTerritory", params("employeeId", 3, "territoryId", "01581"));
        // THEN the cancellation reason is mapped to the Conflict that action means, and nothing was written
        assertEquals(Map.of("type", "Conflict", "message", "territory 01581 is already assigned to employee 3"), answer.get("error"));
        assertEquals(before, table.snapshot());
    }

    @Test
    void throttledTransaction_beyondTheSdksRetries_isAFunctionError() {
        // GIVEN every transaction cancelled for throttling WHEN a customer is updated THEN it is thrown, not answered
        CommandTable table = CommandTable.seeded(new FailTransactions(Integer.MAX_VALUE,
                () -> cancelled("ThrottlingError", "None", "None")));
        Map<String, Map<String, String>> before = table.snapshot();
        assertThrows(TransactionCanceledException.class,
                () -> table.command("updateCustomer", params("customerId", "ALFKI", "city", "Bonn")));
        assertEquals(before, table.snapshot());
    }

    private static Map<String, Map<String, String>> withoutCounter(Map<String, Map<String, String>> snapshot) {
        Map<String, Map<String, String>> out = new java.util.TreeMap<>(snapshot);
        out.remove("_COUNTER#ORDER_ID|_COUNTER");
        return out;
    }
}
