package com.example.northwind.query;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Records every request the query handler's client sends, so tests check what actually went to DynamoDB (one
 * Query or GetItem per page, no Scan, no filter) instead of trusting the stats the handler reports about itself.
 */
final class RecordedRequests implements ExecutionInterceptor {
    private final List<SdkRequest> requests = new ArrayList<>();

    @Override
    public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        requests.add(context.request());
    }

    /** The requests sent since the last call, oldest first; starts a new recording. */
    synchronized List<SdkRequest> take() {
        List<SdkRequest> sent = List.copyOf(requests);
        requests.clear();
        return sent;
    }
}
