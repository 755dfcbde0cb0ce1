package com.example.northwind.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Deque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The execution environments of one function, as Lambda runs them: at most {@code concurrency} invocations at
 * once, each on a warm handler instance of its own (a handler written for Lambda may assume it is never called
 * concurrently, so an instance serves one call at a time), at most {@code queueDepth} more waiting, and beyond
 * that {@link #submit} refuses (the caller answers 429). A call's timeout starts when it starts executing, never
 * while it waits. An instance whose call timed out is discarded, as Lambda discards the environment; its thread
 * is interrupted, but stays taken until the handler actually returns (a thread cannot be killed).
 */
final class ExecutionEnvironments implements AutoCloseable {
    private final LocalFunction function;
    private final ThreadPoolExecutor threads;
    private final ScheduledExecutorService watchdog;
    /** Idle warm instances, most recently used first (Lambda also prefers a warm environment). */
    private final Deque<RequestStreamHandler> warm = new ConcurrentLinkedDeque<>();
    private final AtomicInteger instancesCreated = new AtomicInteger();

    ExecutionEnvironments(LocalFunction function, int concurrency, int queueDepth, ScheduledExecutorService watchdog,
                          String threadName) {
        this.function = function;
        this.watchdog = watchdog;
        BlockingQueue<Runnable> queue = queueDepth == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queueDepth);
        this.threads = new ThreadPoolExecutor(concurrency, concurrency, 60, TimeUnit.SECONDS, queue,
                LoopbackHttpServer.daemonThreads(threadName), new ThreadPoolExecutor.AbortPolicy());
        this.threads.allowCoreThreadTimeOut(true);
    }

    /**
     * @param context the invocation's Context, given its deadline when the call starts executing
     * @return the outcome to come, or null when every environment is busy and the queue is full
     */
    CompletableFuture<InvocationOutcome> submit(byte[] payload, String requestId, Function<Long, LocalContext> context) {
        Call call = new Call(payload, requestId, context);
        try {
            threads.execute(call);
            return call.result;
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    /** Handler instances created so far: at most one per environment that ever ran, plus those discarded. */
    int instancesCreated() {
        return instancesCreated.get();
    }

    private final class Call implements Runnable {
        final byte[] payload;
        final String requestId;
        final Function<Long, LocalContext> context;
        final CompletableFuture<InvocationOutcome> result = new CompletableFuture<>();
        private boolean done;

        Call(byte[] payload, String requestId, Function<Long, LocalContext> context) {
            this.payload = payload;
            this.requestId = requestId;
            this.context = context;
        }

        @Override
        public void run() {
            RequestStreamHandler handler = warm.pollFirst();
            if (handler == null) {
                try {
                    handler = function.handlers().get();
                    instancesCreated.incrementAndGet();
                } catch (RuntimeException | Error e) {
                    finish(InvocationOutcome.failure(e));
                    return;
                }
            }
            Thread worker = Thread.currentThread();
            long timeout = function.timeoutMillis();
            // The clock starts now, when the call executes, not when it was queued.
            ScheduledFuture<?> timer = watchdog.schedule(() -> timeOut(worker), timeout, TimeUnit.MILLISECONDS);
            InvocationOutcome outcome;
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                handler.handleRequest(new ByteArrayInputStream(payload), out, context.apply(timeout));
                outcome = InvocationOutcome.success(out.toByteArray());
            } catch (Exception | Error e) {
                outcome = InvocationOutcome.failure(e);
            }
            timer.cancel(false);
            // A timeout's interrupt lands only while the handler runs (see timeOut); clear it for the next call.
            Thread.interrupted();
            finish(outcome, handler);
        }

        synchronized boolean finish(InvocationOutcome outcome) {
            return finish(outcome, null);
        }

        /**
         * Completes the call once. The warm instance goes back to the pool before the answer is released, so a
         * caller's next request (sent the moment it has this answer) finds it warm instead of creating another.
         */
        synchronized boolean finish(InvocationOutcome outcome, RequestStreamHandler warmAgain) {
            if (done) {
                return false;
            }
            done = true;
            if (warmAgain != null) {
                warm.offerFirst(warmAgain);
            }
            result.complete(outcome);
            return true;
        }

        synchronized void timeOut(Thread worker) {
            if (done) {
                return;
            }
            done = true;
            result.complete(InvocationOutcome.timedOut(requestId, function.timeoutMillis()));
            worker.interrupt();
        }
    }

    @Override
    public void close() {
        for (Runnable queued : threads.shutdownNow()) {
            ((Call) queued).finish(InvocationOutcome.failure(new IllegalStateException("The local Lambda API stopped")));
        }
    }
}
