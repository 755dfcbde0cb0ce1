package com.example.northwind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The endpoint's HTTP side: slow clients time out, kept-alive calls pay no Nagle delay, every error is Lambda JSON. */
class LambdaInvokeConnectionTest {
    private static final RequestStreamHandler ECHO = (in, out, context) -> in.transferTo(out);
    private static final LocalFunction ECHO_FUNCTION = new LocalFunction("echo", Set.of(), Map.of(), () -> ECHO, 3000, 128);

    @Test
    void invoke_answersPromptlyWhileSlowClientsTrickleTheirRequests() throws Exception {
        // GIVEN eight connections that send their headers one byte every 200 ms (more than the old server had threads)
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        List<Socket> slow = new ArrayList<>();
        try (LambdaInvokeServer server = LambdaInvokeServer.start(0, List.of(ECHO_FUNCTION))) {
            for (int i = 0; i < 8; i++) {
                Socket socket = new Socket("127.0.0.1", server.port());
                slow.add(socket);
                byte[] request = EndpointHttp.rawInvoke("echo", "{}", true).getBytes(StandardCharsets.UTF_8);
                int[] sent = {0};
                trickle.scheduleAtFixedRate(() -> {
                    try {
                        if (sent[0] < request.length) {
                            socket.getOutputStream().write(request[sent[0]++]);
                        }
                    } catch (IOException e) {
                        // closed by the server or the test
                    }
                }, 0, 200, TimeUnit.MILLISECONDS);
            }

            // WHEN a normal client invokes meanwhile (allowing it far longer than it needs)
            EndpointHttp.Answer answer = EndpointHttp.invokeAsync(server, "echo", null, "{\"n\":1}", Duration.ofSeconds(8))
                    .get(10, TimeUnit.SECONDS);

            // THEN it gets its answer
            assertEquals(200, answer.status());
            assertEquals("{\"n\":1}", answer.body());
        } finally {
            trickle.shutdownNow();
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void slowRequest_isAnswered408AndClosedWhenTheRequestTimeoutPasses() throws Exception {
        // GIVEN an endpoint that allows one second for a whole request, and a client that sends its headers
        // one byte every 100 ms (about 9 s for the whole request)
        EndpointLimits limits = EndpointLimits.DEFAULTS.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(30));
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (LambdaInvokeServer server = LambdaInvokeServer.start(0, List.of(ECHO_FUNCTION), limits);
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(15_000);
            byte[] request = EndpointHttp.rawInvoke("echo", "{}", false).getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            int[] sent = {0};
            long start = System.nanoTime();
            trickle.scheduleAtFixedRate(() -> {
                try {
                    if (sent[0] < request.length) {
                        out.write(request[sent[0]++]);
                    }
                } catch (IOException e) {
                    // closed by the server
                }
            }, 0, 100, TimeUnit.MILLISECONDS);

            // WHEN the client waits for an answer
            InputStream in = socket.getInputStream();
            EndpointHttp.Answer answer = EndpointHttp.readAnswer(in);
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;

            // THEN after the request timeout (not before) it gets 408 in Lambda's JSON shape, then the connection closes
            assertNotNull(answer, "the server closed without answering");
            assertEquals(408, answer.status());
            assertEquals("RequestTimeoutException", answer.header("x-amzn-ErrorType"));
            assertEquals("User", answer.json().get("Type"));
            assertTrue(elapsedMs >= 900, "answered after " + elapsedMs + " ms, before the timeout");
            assertEquals(-1, in.read());
        } finally {
            trickle.shutdownNow();
        }
    }

    @Test
    void keptAliveConnection_answersAsFastAsAFreshOne() throws Exception {
        // GIVEN an echo function
        try (LambdaInvokeServer server = LambdaInvokeServer.start(0, List.of(ECHO_FUNCTION))) {
            byte[] keepAlive = EndpointHttp.rawInvoke("echo", "{\"k\":1}", false).getBytes(StandardCharsets.UTF_8);
            byte[] close = EndpointHttp.rawInvoke("echo", "{\"k\":1}", true).getBytes(StandardCharsets.UTF_8);
            for (int warm = 0; warm < 20; warm++) {
                EndpointHttp.exchange(server, new String(close, StandardCharsets.UTF_8));
            }

            // WHEN 30 calls go over one kept-alive connection, and 30 over a fresh connection each
            double[] kept = new double[30];
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(30_000);
                for (int i = 0; i < kept.length; i++) {
                    long t = System.nanoTime();
                    socket.getOutputStream().write(keepAlive);
                    assertEquals(200, EndpointHttp.readAnswer(socket.getInputStream()).status());
                    kept[i] = System.nanoTime() - t;
                }
            }
            double[] fresh = new double[30];
            for (int i = 0; i < fresh.length; i++) {
                long t = System.nanoTime();
                assertEquals(200, EndpointHttp.exchange(server, new String(close, StandardCharsets.UTF_8)).status());
                fresh[i] = System.nanoTime() - t;
            }

            // THEN reusing the connection is not slower: no ~40 ms Nagle + delayed-ACK stall per call
            double keptMedian = median(kept);
            double freshMedian = median(fresh);
            assertTrue(keptMedian <= 2 * freshMedian, String.format("median per call: kept-alive %.2f ms, fresh %.2f ms",
                    keptMedian / 1e6, freshMedian / 1e6));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "NONSENSE\r\n\r\n",
            "POST /2015-03-31/functions/q|x/invocations HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n{}",
            "POST /2015-03-31/functions/echo%zz/invocations HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n{}",
            "POST /2015-03-31/functions/echo/invocations HTTP/1.1\r\nHost: h\r\nContent-Length: two\r\n\r\n{}",
            "POST /2015-03-31/functions/echo/invocations HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999\r\n\r\n{}",
            "POST /2015-03-31/functions/echo/invocations HTTP/1.1\r\nHost h\r\nContent-Length: 2\r\n\r\n{}",
            "POST /2015-03-31/functions/echo/invocations HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n{}",
            "POST /2015-03-31/functions/echo/invocations HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\n{x}",
            "GET /2015-03-31/functions/echo/invocations HTTP/1.1\r\nHost: h\r\n\r\n",
    })
    void malformedRequest_isAnsweredInLambdasJsonErrorShape(String request) throws Exception {
        // GIVEN the endpoint
        try (LambdaInvokeServer server = LambdaInvokeServer.start(0, List.of(ECHO_FUNCTION))) {

            // WHEN a malformed request arrives
            EndpointHttp.Answer answer = EndpointHttp.exchange(server, request);

            // THEN the answer is a 4xx with Lambda's error header and JSON body, never an HTML page or a Java exception
            assertNotNull(answer, "no answer");
            assertTrue(answer.status() >= 400 && answer.status() < 500, "status " + answer.status());
            assertEquals("application/json", answer.header("Content-Type"), answer.body());
            assertNotNull(answer.header("x-amzn-ErrorType"));
            Map<String, Object> body = answer.json();
            assertEquals("User", body.get("Type"));
            assertFalse(String.valueOf(body.get("message")).isBlank());
            assertFalse(answer.body().contains("Exception thrown") || answer.body().contains("<h1>"), answer.body());
        }
    }

    @Test
    void chunkedRequest_isInvokedWithTheWholeBody() throws Exception {
        // GIVEN the endpoint and a request body sent in two chunks
        try (LambdaInvokeServer server = LambdaInvokeServer.start(0, List.of(ECHO_FUNCTION))) {
            String request = "POST /2015-03-31/functions/echo/invocations HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n\r\n5\r\n{\"a\":\r\n2\r\n1}\r\n0\r\n\r\n";

            // WHEN it arrives
            EndpointHttp.Answer answer = EndpointHttp.exchange(server, request);

            // THEN the handler saw the whole body
            assertEquals(200, answer.status());
            assertNull(answer.header("X-Amz-Function-Error"));
            assertEquals("{\"a\":1}", answer.body());
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
