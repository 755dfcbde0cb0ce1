package com.example.northwind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoint runs invocations like Lambda's execution environments: concurrently, each on its own handler
 * instance, with a timeout that starts when a call executes, a bounded queue, 429 when full, and Event
 * invocations on capacity of their own. Synchronised with latches and barriers, not sleeps.
 */
class LambdaInvokeConcurrencyTest {
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseBlockedHandlers() {
        release.countDown();
    }

    @Test
    void invoke_runsCallsConcurrentlyEachOnItsOwnHandlerInstance() throws Exception {
        // GIVEN a function whose handler only answers once three calls are inside handlers at the same time,
        // and which fails if one instance is ever entered twice at once
        CyclicBarrier allInside = new CyclicBarrier(3);
        AtomicInteger instances = new AtomicInteger();
        LocalFunction function = function("wide", 30_000, () -> {
            int id = instances.incrementAndGet();
            AtomicBoolean busy = new AtomicBoolean();
            return (in, out, context) -> {
                if (!busy.compareAndSet(false, true)) {
                    throw new IllegalStateException("instance " + id + " called concurrently");
                }
                try {
                    allInside.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("not concurrent: " + e, e);
                } finally {
                    busy.set(false);
                }
                out.write(String.valueOf(id).getBytes(StandardCharsets.UTF_8));
            };
        });
        try (LambdaInvokeServer server = LambdaInvokeServer.start(0, List.of(function),
                EndpointLimits.DEFAULTS.withConcurrency(3, 3))) {

            // WHEN three calls are made at once
            List<CompletableFuture<EndpointHttp.Answer>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(EndpointHttp.invokeAsync(server, "wide", null, "{}", WITHIN));
            }

            // THEN all three answer, each from a different handler instance
            Set<String> answeredBy = new HashSet<>();
            for (CompletableFuture<EndpointHttp.Answer> call : calls) {
                EndpointHttp.Answer answer = call.get(WITHIN.toSeconds(), TimeUnit.SECONDS);
                assertEquals(200, answer.status());
                assertNull(answer.header("X-Amz-Function-Error"), answer.body());
                answeredBy.add(answer.body());
            }
            assertEquals(3, answeredBy.size(), "instances: " + answeredBy);
        }
    }

    @Test
    void invoke_reusesAWarmHandlerInstanceForSequentialCalls() throws Exception {
        // GIVEN a function that counts the handler instances it creates
        AtomicInteger instances = new AtomicInteger();
        LocalFunction function = function("warm", 3000, () -> {
            instances.incrementAndGet();
            return (in, out, context) -> in.transferTo(out);
        });
        try (LambdaInvokeServer server = LambdaInvokeServer.start(0, List.of(function))) {

            // WHEN it is invoked five times, one after the other
            for (int i = 0; i < 5; i++) {
                assertEquals("{\"n\":" + i + "}", EndpointHttp.invoke(server, "warm", "{\"n\":" + i + "}").body());
            }

            // THEN one warm instance served them all
            assertEquals(1, instances.get());
        }
    }

    @Test
    void invoke_startsTheTimeoutWhenTheCallStartsExecuting() throws Exception {
        // GIVEN one environment, a 1 s timeout, a first call that hangs until interrupted and a second call
        // that takes 300 ms of its own
        CountDownLatch hangingStarted = new CountDownLatch(1);
        LocalFunction function = function("one", 1000, () -> (in, out, context) -> {
            String payload = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (payload.contains("hang")) {
                    hangingStarted.countDown();
                    Thread.sleep(60_000);
                }
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            out.write("\"done\"".getBytes(StandardCharsets.UTF_8));
        });
        try (LambdaInvokeServer server = LambdaInvokeServer.start(0, List.of(function),
                EndpointLimits.DEFAULTS.withConcurrency(1, 1))) {

            // WHEN the hanging call runs and the second call waits in the queue behind it
            CompletableFuture<EndpointHttp.Answer> hanging = EndpointHttp.invokeAsync(server, "one", null, "{\"hang\":1}", WITHIN);
            assertTrue(hangingStarted.await(WITHIN.toSeconds(), TimeUnit.SECONDS));
            CompletableFuture<EndpointHttp.Answer> queued = EndpointHttp.invokeAsync(server, "one", null, "{}", WITHIN);

            // THEN the hanging call times out, and the queued one, whose clock started only when it ran, answers
            EndpointHttp.Answer first = hanging.get(WITHIN.toSeconds(), TimeUnit.SECONDS);
            assertEquals("Unhandled", first.header("X-Amz-Function-Error"));
            assertTrue(first.body().contains("Task timed out after 1.00 seconds"), first.body());
            EndpointHttp.Answer second = queued.get(WITHIN.toSeconds(), TimeUnit.SECONDS);
            assertNull(second.header("X-Amz-Function-Error"), second.body());
            assertEquals("\"done\"", second.body());
        }
    }

    @Test
    void invoke_answers429WhenPoolAndQueueAreFull() throws Exception {
        // GIVEN two environments and a queue of one, both environments busy until released
        CountDownLatch started = new CountDownLatch(2);
        try (LambdaInvokeServer server = LambdaInvokeServer.start(0, List.of(blocking("busy", started)),
                EndpointLimits.DEFAULTS.withConcurrency(2, 1))) {
            List<CompletableFuture<EndpointHttp.Answer>> running = List.of(
                    EndpointHttp.invokeAsync(server, "busy", null, "{}", WITHIN),
                    EndpointHttp.invokeAsync(server, "busy", null, "{}", WITHIN));
            assertTrue(started.await(WITHIN.toSeconds(), TimeUnit.SECONDS));

            // WHEN two more calls arrive: one fits the queue, the other does not
            CompletableFuture<EndpointHttp.Answer> third = EndpointHttp.invokeAsync(server, "busy", null, "{}", WITHIN);
            CompletableFuture<EndpointHttp.Answer> fourth = EndpointHttp.invokeAsync(server, "busy", null, "{}", WITHIN);
            EndpointHttp.Answer throttled = (EndpointHttp.Answer) CompletableFuture.anyOf(third, fourth)
                    .get(WITHIN.toSeconds(), TimeUnit.SECONDS);

            // THEN the first answer is Lambda's throttling error, while the queued call still waits
            assertEquals(429, throttled.status());
            assertEquals("TooManyRequestsException", throttled.header("x-amzn-ErrorType"));
            assertEquals("application/json", throttled.header("Content-Type"));
            Map<String, Object> body = throttled.json();
            assertEquals("User", body.get("Type"));
            assertEquals("Rate Exceeded.", body.get("message"));
            assertEquals("ReservedFunctionConcurrentInvocationLimitExceeded", body.get("Reason"));

            // AND once the environments are free, every accepted call answers
            CompletableFuture<EndpointHttp.Answer> waiting = third.getNow(null) == throttled ? fourth : third;
            assertTrue(!waiting.isDone(), "the queued call answered before the environments were released");
            release.countDown();
            EndpointHttp.Answer queued = waiting.get(WITHIN.toSeconds(), TimeUnit.SECONDS);
            assertEquals(200, queued.status());
            for (CompletableFuture<EndpointHttp.Answer> call : running) {
                assertEquals(200, call.get(WITHIN.toSeconds(), TimeUnit.SECONDS).status());
            }
        }
    }

    @Test
    void eventInvocations_runOnTheirOwnCapacityAndNeverDelaySynchronousCalls() throws Exception {
        // GIVEN two Event environments busy with heavy events until released, and one more event queued
        CountDownLatch eventsStarted = new CountDownLatch(2);
        LocalFunction function = function("mixed", 2000, () -> (in, out, context) -> {
            String payload = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (payload.contains("heavy")) {
                eventsStarted.countDown();
                awaitRelease();
            }
            out.write(payload.getBytes(StandardCharsets.UTF_8));
        });
        try (LambdaInvokeServer server = LambdaInvokeServer.start(0, List.of(function),
                EndpointLimits.DEFAULTS.withConcurrency(1, 1).withAsync(2, 2))) {
            for (int i = 0; i < 3; i++) {
                assertEquals(202, EndpointHttp.invokeAsync(server, "mixed", "Event", "{\"heavy\":" + i + "}", WITHIN)
                        .get(WITHIN.toSeconds(), TimeUnit.SECONDS).status());
            }
            assertTrue(eventsStarted.await(WITHIN.toSeconds(), TimeUnit.SECONDS));

            // WHEN a synchronous call is made while the events still run
            EndpointHttp.Answer answer = EndpointHttp.invoke(server, "mixed", "{\"sync\":true}");

            // THEN it answers its own output (no timeout behind the events)
            assertEquals(200, answer.status());
            assertNull(answer.header("X-Amz-Function-Error"), answer.body());
            assertEquals("{\"sync\":true}", answer.body());
        }
    }

    @Test
    void eventInvocations_answer429WhenTheEventQueueIsFull() throws Exception {
        // GIVEN one Event environment, busy until released, and an Event queue of two
        CountDownLatch started = new CountDownLatch(1);
        try (LambdaInvokeServer server = LambdaInvokeServer.start(0, List.of(blocking("events", started)),
                EndpointLimits.DEFAULTS.withAsync(1, 2))) {
            assertEquals(202, event(server).status());
            assertTrue(started.await(WITHIN.toSeconds(), TimeUnit.SECONDS));

            // WHEN three more events arrive
            List<Integer> statuses = List.of(event(server).status(), event(server).status());
            EndpointHttp.Answer overflow = event(server);

            // THEN the queue takes two, and the third is throttled in Lambda's shape
            assertEquals(List.of(202, 202), statuses);
            assertEquals(429, overflow.status());
            assertEquals("TooManyRequestsException", overflow.header("x-amzn-ErrorType"));
            assertEquals("Rate Exceeded.", overflow.json().get("message"));
        }
    }

    private static EndpointHttp.Answer event(LambdaInvokeServer server) throws Exception {
        return EndpointHttp.invokeAsync(server, "events", "Event", "{}", WITHIN).get(WITHIN.toSeconds(), TimeUnit.SECONDS);
    }

    /** A function whose every call counts down {@code started} and then waits for the test's release. */
    private LocalFunction blocking(String name, CountDownLatch started) {
        return function(name, 60_000, () -> (in, out, context) -> {
            started.countDown();
            awaitRelease();
            out.write("{}".getBytes(StandardCharsets.UTF_8));
        });
    }

    private void awaitRelease() {
        try {
            release.await(WITHIN.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static LocalFunction function(String name, long timeoutMillis,
                                          java.util.function.Supplier<RequestStreamHandler> handlers) {
        return new LocalFunction(name, Set.of(), Map.of(), handlers, timeoutMillis, 128);
    }
}
