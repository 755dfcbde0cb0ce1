package com.example.northwind.local.stream;

/**
 * Invokes the mapping's function once, synchronously, as Lambda's pollers do: the event's bytes in, the outcome out.
 */
@FunctionalInterface
public interface FunctionInvoker {
    /**
     * What came back: the function's answer, or its error (a thrown exception, a timeout: {@code functionError}), or
     * that it could not run at all ({@code throttled}: no free execution environment; the batch is tried again without
     * counting a retry, as Lambda does with throttles).
     *
     * @param requestId       the invocation's request id
     * @param executedVersion the version that ran
     */
    record Outcome(byte[] body, boolean functionError, boolean throttled, String requestId, String executedVersion) {
    }

    Outcome invoke(byte[] event);
}
