package com.example.northwind.local.explorer;

import com.example.northwind.local.CallLog;
import com.example.northwind.local.LocalContext;
import com.example.northwind.local.LocalFunction;
import com.example.northwind.local.Payloads;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Invokes a locally served function by name — a handler made by the same factory the Lambda endpoint's execution
 * environments use, kept warm as the explorer's own environment — and records the DynamoDB requests it makes. One
 * invocation at a time: a handler written for Lambda may assume it is never called concurrently, and the recorder
 * follows the invoking thread.
 */
public final class FunctionRunner {
    /** What one invocation did: the function's answer (or its error as Lambda reports it) and its requests. */
    public record Invocation(Object answer, boolean functionError, List<Map<String, Object>> requests, long elapsedMs) {
    }

    private final List<LocalFunction> functions;
    private final RequestRecorder recorder;
    private final Map<String, com.amazonaws.services.lambda.runtime.RequestStreamHandler> handlers = new java.util.HashMap<>();
    private final Consumer<CallLog.Call> calls;

    public FunctionRunner(List<LocalFunction> functions, RequestRecorder recorder) {
        this(functions, recorder, call -> { });
    }

    /** @param calls told of every invocation once it has finished (the serve console's line per call) */
    public FunctionRunner(List<LocalFunction> functions, RequestRecorder recorder, Consumer<CallLog.Call> calls) {
        this.functions = List.copyOf(functions);
        this.recorder = recorder;
        this.calls = calls;
    }

    public boolean serves(String name) {
        return find(name).isPresent();
    }

    public synchronized Invocation invoke(String name, Map<String, Object> payload) throws java.io.IOException {
        LocalFunction function = find(name).orElseThrow(() -> new IllegalArgumentException("no function " + name));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] request = Payloads.bytes(payload);
        long start = System.nanoTime();
        recorder.start();
        Object answer;
        boolean failed = false;
        List<Map<String, Object>> requests;
        try {
            handlers.computeIfAbsent(function.name(), n -> function.handlers().get()).handleRequest(new ByteArrayInputStream(request), out,
                    new LocalContext(function.name(), UUID.randomUUID().toString(), function.timeoutMillis(), function.memoryMb()));
            answer = JSON.std.anyFrom(out.toByteArray());
        } catch (RuntimeException e) {
            // As Lambda reports an unhandled error (X-Amz-Function-Error: Unhandled).
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("errorMessage", e.getMessage());
            error.put("errorType", e.getClass().getName());
            answer = error;
            failed = true;
        } finally {
            // Stopped even when the handler threw: the next invocation on this thread starts clean.
            requests = recorder.stop();
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        calls.accept(new CallLog.Call("explorer", function.name(), request, Payloads.bytes(answer), failed, false, elapsedMs));
        return new Invocation(answer, failed, requests, elapsedMs);
    }

    private Optional<LocalFunction> find(String name) {
        return functions.stream().filter(f -> f.answersTo(name)).findFirst();
    }
}
