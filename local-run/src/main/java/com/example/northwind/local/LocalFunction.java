package com.example.northwind.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A function served by {@link LambdaInvokeServer}.
 *
 * @param name       the short name clients use ({@code query})
 * @param aliases    other names that reach it: the logical ID in the template, the deployed function name
 * @param qualifiers accepted qualifiers besides {@code $LATEST} → the version each runs (alias {@code live} → "1",
 *                   version "1" → "1"); reported as {@code X-Amz-Executed-Version}
 * @param handlers   creates one handler instance per execution environment: instances are never called
 *                   concurrently, as in Lambda
 * @param timeoutMillis the template's Timeout: a call running longer answers "Task timed out"
 * @param memoryMb   the template's MemorySize, reported through Context
 */
public record LocalFunction(String name, Set<String> aliases, Map<String, String> qualifiers,
                            Supplier<? extends RequestStreamHandler> handlers, long timeoutMillis, int memoryMb) {
    public static final String LATEST = "$LATEST";

    public boolean answersTo(String functionName) {
        return name.equals(functionName) || aliases.contains(functionName);
    }

    /** The version a qualifier runs: {@code $LATEST} when unqualified, or null when the qualifier does not exist. */
    public String versionFor(String qualifier) {
        if (qualifier == null || LATEST.equals(qualifier)) {
            return LATEST;
        }
        return qualifiers.get(qualifier);
    }
}
