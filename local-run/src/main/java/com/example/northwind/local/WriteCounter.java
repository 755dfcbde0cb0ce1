package com.example.northwind.local;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;

/**
 * Counts the items DynamoDB accepted in BatchWriteItem calls (sent minus unprocessed). The seeder has no
 * progress hook; watching its client from outside gives the progress line without changing it.
 */
public final class WriteCounter implements ExecutionInterceptor {
    private final AtomicLong written = new AtomicLong();

    public long written() {
        return written.get();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof BatchWriteItemRequest request
                && context.response() instanceof BatchWriteItemResponse response) {
            long sent = request.requestItems().values().stream().mapToLong(java.util.List::size).sum();
            long unprocessed = response.unprocessedItems().values().stream().mapToLong(java.util.List::size).sum();
            written.addAndGet(sent - unprocessed);
        }
    }
}
