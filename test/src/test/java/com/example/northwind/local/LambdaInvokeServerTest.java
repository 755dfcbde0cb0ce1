package com.example.northwind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** The Lambda API's error behaviour, with handlers written for the case (no DynamoDB involved). */
class LambdaInvokeServerTest {

    @Test
    void invoke_whenHandlerThrows_answersUnhandledFunctionErrorLikeLambda() throws IOException {
        // GIVEN a function whose handler throws
        RequestStreamHandler failing = (in, out, context) -> {
            throw new IllegalStateException("table northwind is gone");
        };
        try (LambdaInvokeServer server = LambdaInvokeServer.start(0,
                List.of(new LocalFunction("query", Set.of(), Map.of(), () -> failing, 3000, 128)));
             LambdaClient lambda = client(server)) {

            // WHEN it is invoked
            InvokeResponse response = lambda.invoke(b -> b.functionName("query").payload(SdkBytes.fromUtf8String("{}")));

            // THEN HTTP 200 with X-Amz-Function-Error Unhandled and Lambda's error body
            assertEquals(200, response.statusCode());
            assertEquals("Unhandled", response.functionError());
            Map<String, Object> body = JSON.std.mapFrom(response.payload().asUtf8String());
            assertEquals("table northwind is gone", body.get("errorMessage"));
            assertEquals(IllegalStateException.class.getName(), body.get("errorType"));
        }
    }

    @Test
    void invoke_answersTheHandlersOutputBytesUnchanged() {
        // GIVEN a handler that echoes its input
        RequestStreamHandler echo = (in, out, context) -> in.transferTo(out);
        try (LambdaInvokeServer server = LambdaInvokeServer.start(0,
                List.of(new LocalFunction("echo", Set.of(), Map.of(), () -> echo, 3000, 128)));
             LambdaClient lambda = client(server)) {

            // WHEN it is invoked with a payload
            String payload = "{\"pattern\":\"employee\",\"params\":{\"employeeId\":2}}";
            InvokeResponse response = lambda.invoke(b -> b.functionName("echo").payload(SdkBytes.fromUtf8String(payload)));

            // THEN the body is exactly the handler's output
            assertEquals(payload, response.payload().asUtf8String());
        }
    }

    @Test
    void invoke_whenHandlerOverrunsItsTimeout_answersTaskTimedOutAndKeepsServing() {
        // GIVEN a function with a 200 ms timeout whose handler hangs on its first call only
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        RequestStreamHandler hangsOnce = (in, out, context) -> {
            if (calls.getAndIncrement() == 0) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            out.write("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        };
        try (LambdaInvokeServer server = LambdaInvokeServer.start(0,
                List.of(new LocalFunction("slow", Set.of(), Map.of(), () -> hangsOnce, 200, 128)));
             LambdaClient lambda = client(server)) {

            // WHEN it is invoked twice
            long start = System.nanoTime();
            InvokeResponse first = lambda.invoke(b -> b.functionName("slow").payload(SdkBytes.fromUtf8String("{}")));
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            InvokeResponse second = lambda.invoke(b -> b.functionName("slow").payload(SdkBytes.fromUtf8String("{}")));

            // THEN the first answers Lambda's timeout error soon after the timeout, and the API keeps serving
            assertEquals("Unhandled", first.functionError());
            assertTrue(first.payload().asUtf8String().contains("Task timed out after 0.20 seconds"), first.payload().asUtf8String());
            assertTrue(elapsedMs < 10_000, "answered after " + elapsedMs + " ms");
            assertEquals(null, second.functionError());
            assertEquals("{}", second.payload().asUtf8String());
        }
    }

    @Test
    void start_whenPortIsTaken_failsNamingThePort() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            // GIVEN a port in use on 127.0.0.1
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();

            // WHEN the Lambda API is started on it
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> LambdaInvokeServer.start(port, List.of()));

            // THEN the message names the port
            assertTrue(e.getMessage().contains("Port " + port + " ") && e.getMessage().contains("already in use"), e.getMessage());
        }
    }

    private static LambdaClient client(LambdaInvokeServer server) {
        return LambdaClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }
}
