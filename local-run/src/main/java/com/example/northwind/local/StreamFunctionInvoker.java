package com.example.northwind.local;

import com.example.northwind.local.stream.FunctionInvoker;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The stream function invoked by the local event source mapping as the Lambda API runs a function: a warm handler per
 * execution environment (one per shard being read), the template's timeout (a call that overruns is a function error
 * and its environment is discarded), the mapping's qualifier ({@code live}) and the version it runs in the Context.
 */
final class StreamFunctionInvoker implements FunctionInvoker, AutoCloseable {
    /** Environments at once: one per shard read (parallelization factor 1); DynamoDB Local has a handful of shards. */
    static final int MAX_ENVIRONMENTS = 64;

    private final LocalFunction function;
    private final String qualifier;
    private final ScheduledExecutorService watchdog;
    private final ExecutionEnvironments environments;

    StreamFunctionInvoker(LocalFunction function, String qualifier) {
        this.function = function;
        this.qualifier = qualifier;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(LoopbackHttpServer.daemonThreads("stream-function-watchdog"));
        this.environments = new ExecutionEnvironments(function, MAX_ENVIRONMENTS, 0, watchdog, "stream-function");
    }

    /** The ARN the mapping invokes (with its qualifier), as failure records name it. */
    String invokedArn() {
        return LambdaInvokeServer.arnOf(function.name()) + (qualifier == null ? "" : ":" + qualifier);
    }

    @Override
    public Outcome invoke(byte[] event) {
        String requestId = UUID.randomUUID().toString();
        String version = function.versionFor(qualifier);
        CompletableFuture<InvocationOutcome> future = environments.submit(event, requestId, timeout -> new LocalContext(
                function.name(), version == null ? LocalFunction.LATEST : version, invokedArn(), requestId, timeout,
                function.memoryMb()));
        if (future == null) {
            return new Outcome(new byte[0], false, true, requestId, version);
        }
        try {
            InvocationOutcome outcome = future.get();
            return new Outcome(outcome.body(), outcome.failed(), false, requestId, version);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("the stream consumer stopped during an invocation");
        } catch (ExecutionException e) {
            return new Outcome(InvocationOutcome.failure(e.getCause()).body(), true, false, requestId, version);
        }
    }

    @Override
    public void close() {
        environments.close();
        watchdog.shutdownNow();
    }
}
