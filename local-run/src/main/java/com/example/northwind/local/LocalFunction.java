package com.example.northwind.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.util.Set;

/**
 * A function served by {@link LambdaInvokeServer}.
 *
 * @param name       the short name clients use ({@code query})
 * @param aliases    other names that reach it: the logical ID in the template, the deployed function name
 * @param qualifiers accepted qualifiers besides {@code $LATEST} (the template's alias names)
 * @param handler    the handler, called in-process
 * @param timeoutMillis the template's Timeout, reported through Context.getRemainingTimeInMillis
 * @param memoryMb   the template's MemorySize, reported through Context
 */
public record LocalFunction(String name, Set<String> aliases, Set<String> qualifiers, RequestStreamHandler handler,
                            long timeoutMillis, int memoryMb) {
    public boolean answersTo(String functionName) {
        return name.equals(functionName) || aliases.contains(functionName);
    }

    public boolean accepts(String qualifier) {
        return qualifier == null || "$LATEST".equals(qualifier) || qualifiers.contains(qualifier);
    }
}
