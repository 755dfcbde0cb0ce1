package com.example.northwind.local;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

/**
 * Counts the items DynamoDB accepted in BatchWriteItem calls (sent minus unprocessed) and in successful
 * TransactWriteItems calls (puts, updates and deletes; condition checks write nothing). The seeder has no
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
        } else if (context.request() instanceof TransactWriteItemsRequest request
                && context.response() instanceof TransactWriteItemsResponse) {
            written.addAndGet(request.transactItems().stream()
                    .filter(item -> item.put() != null || item.update() != null || item.delete() != null).count());
        }
    }
}
