package com.example.northwind.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Records every write call a client sends (BatchWriteItem, PutItem, DeleteItem, UpdateItem, transactions), so a
 * test can assert "nothing was written" as zero write calls instead of scanning the table before and after.
 */
public final class WriteRecorder implements ExecutionInterceptor {
    private static final Set<String> WRITES = Set.of("BatchWriteItemRequest", "PutItemRequest", "DeleteItemRequest",
            "UpdateItemRequest", "TransactWriteItemsRequest", "ExecuteStatementRequest", "BatchExecuteStatementRequest",
            "ExecuteTransactionRequest", "DeleteTableRequest");
    private final List<String> writes = new ArrayList<>();

    @Override
    public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String name = context.request().getClass().getSimpleName();
        if (WRITES.contains(name)) {
            writes.add(name);
        }
    }

    /** The write calls sent since the last call, oldest first; starts a new recording. */
    public synchronized List<String> take() {
        List<String> sent = List.copyOf(writes);
        writes.clear();
        return sent;
    }
}
