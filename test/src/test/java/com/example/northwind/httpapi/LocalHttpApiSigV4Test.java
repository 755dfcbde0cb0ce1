package com.example.northwind.httpapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.example.northwind.local.EndpointLimits;
import com.example.northwind.local.LocalApiOptions;
import com.example.northwind.local.LocalFunction;
import com.example.northwind.local.LocalHttpApi;
import com.example.northwind.schema.HttpApiContract;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * The local HTTP API's gate and its mapping, with stand-in functions that answer the event they were given: SigV4
 * checked as API Gateway checks it (the SDK's signer and curl accepted; unsigned, tampered, expired, foreign-key
 * requests refused with API Gateway's words), routes and the payload 2.0 event as API Gateway builds them, and the
 * hardening of the Lambda endpoint (bounded bodies, concurrency → 429). No DynamoDB: the real functions are
 * LocalHttpApiEndToEndTest's.
 */
class LocalHttpApiSigV4Test {
    private static LocalHttpApi api;
    private static SignedHttp http;

    @BeforeAll
    static void start() {
        api = LocalHttpApi.start(LocalApiOptions.DEFAULTS.onPort(0), List.of(function("query", Echo::new),
                function("command", Echo::new)));
        http = SignedHttp.local(api.endpoint());
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    /** A stand-in function: its answer's body is the event it received. */
    static final class Echo implements RequestStreamHandler {
        @Override
        public void handleRequest(java.io.InputStream input, java.io.OutputStream output,
                                  com.amazonaws.services.lambda.runtime.Context context) throws IOException {
            String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
            output.write(JSON.std.asBytes(Map.of("statusCode", 200, "headers", Map.of("content-type", "application/json",
                    "x-invoked-as", context.getInvokedFunctionArn()), "body", event)));
        }
    }

    static LocalFunction function(String name, Supplier<? extends RequestStreamHandler> handlers) {
        return new LocalFunction(name, Set.of(), Map.of("live", "1"), handlers, 10_000, 512);
    }

    // ---- accepted signatures, and the event ----

    @Test
    @SuppressWarnings("unchecked")
    void sdkSignedGet_isAccepted_andTheFunctionGetsApiGatewaysEvent() {
        // GIVEN a GET signed by the AWS SDK's signer, with an encoded value and a parameter given twice
        // WHEN it is sent
        SignedHttp.Answer answer = http.get("/patterns/shipperByName?companyName=Speedy%20Express&x=1&x=2");

        // THEN the alias "live" of the query function answers, with the payload 2.0 event of the GET route
        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.header("x-invoked-as").endsWith(":function:query:live"), answer.headers().toString());
        assertTrue(answer.header("apigw-requestid") != null);
        Map<String, Object> event = answer.json();
        assertEquals("2.0", event.get("version"));
        assertEquals("GET " + HttpApiContract.QUERY_ROUTE_PATH, event.get("routeKey"));
        assertEquals("/patterns/shipperByName", event.get("rawPath"));
        assertEquals("companyName=Speedy%20Express&x=1&x=2", event.get("rawQueryString"));
        assertEquals(Map.of("pattern", "shipperByName"), event.get("pathParameters"));
        // ... query parameters decoded, a repeated one joined by commas, as API Gateway does
        assertEquals(Map.of("companyName", "Speedy Express", "x", "1,2"), event.get("queryStringParameters"));
        // ... headers lower-cased, the signature's among them, and the IAM caller in the request context
        Map<String, Object> headers = (Map<String, Object>) event.get("headers");
        assertTrue(headers.containsKey("authorization") && headers.containsKey("x-amz-date"), headers.toString());
        Map<String, Object> context = (Map<String, Object>) event.get("requestContext");
        assertEquals("$default", context.get("stage"));
        assertEquals(Map.of("method", "GET", "path", "/patterns/shipperByName", "protocol", "HTTP/1.1",
                "sourceIp", "127.0.0.1", "userAgent", headers.get("user-agent")), context.get("http"));
        assertEquals("local", ((Map<String, Object>) ((Map<String, Object>) context.get("authorizer")).get("iam")).get("accessKey"));
        assertEquals(false, event.get("isBase64Encoded"));
    }

    @Test
    void sdkSignedPost_isAccepted_textBodiesAsText_otherBodiesBase64() {
        // GIVEN POSTs signed by the SDK: a JSON body and a binary one
        String json = "{\"orderId\":11077}";
        SignedHttp.Answer text = http.post("/commands/shipOrder", json, Map.of("Content-Type", "application/json"));
        SignedHttp.Answer binary = http.post("/commands/shipOrder", json, Map.of("Content-Type", "application/octet-stream"));

        // THEN both reach the command function; JSON arrives as text, the other base64-encoded (isBase64Encoded)
        assertEquals(200, text.status(), text.body());
        assertEquals("POST " + HttpApiContract.COMMAND_ROUTE_PATH, text.json().get("routeKey"));
        assertEquals(Map.of("command", "shipOrder"), text.json().get("pathParameters"));
        assertEquals(json, text.json().get("body"));
        assertEquals(false, text.json().get("isBase64Encoded"));
        assertEquals(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)), binary.json().get("body"));
        assertEquals(true, binary.json().get("isBase64Encoded"));
    }

    @Test
    void unsignedPayload_isAccepted_whenDeclaredAndSigned() {
        // GIVEN a POST signed with x-amz-content-sha256: UNSIGNED-PAYLOAD (the body is outside the signature)
        SdkHttpRequest request = http.request("POST", "/commands/shipOrder", Map.of("Content-Type", "application/json",
                "x-amz-content-sha256", "UNSIGNED-PAYLOAD"));
        // WHEN sent THEN it is accepted
        SignedHttp.Answer answer = SignedHttp.send(http.sign(request, "{\"orderId\":1}", Clock.systemUTC()), "{\"orderId\":1}");
        assertEquals(200, answer.status(), answer.body());
    }

    @Test
    void curlsAwsSigv4_isAccepted_forAGetAndAPostWithAnIdempotencyKey() throws Exception {
        // GIVEN curl with --aws-sigv4 (7.75+), as the Ready line prints it
        assumeTrue(curlWithSigV4(), "curl with --aws-sigv4 is not installed here");
        String sign = "aws:amz:us-east-1:execute-api";

        // WHEN it GETs a pattern and POSTs a command
        List<String> get = curl("--aws-sigv4", sign, "--user", "local:local", api.endpoint() + "/patterns/employee?employeeId=2");
        List<String> post = curl("--aws-sigv4", sign, "--user", "local:local", "-H", "Content-Type: application/json",
                "-H", "Idempotency-Key: curl-1", "-d", "{\"orderId\":11077}", api.endpoint() + "/commands/shipOrder");

        // THEN both are accepted and reach their function with what curl sent
        assertEquals("200", get.get(1), get.get(0));
        assertEquals("employeeId=2", JSON.std.mapFrom(get.get(0)).get("rawQueryString"));
        assertEquals("200", post.get(1), post.get(0));
        Map<String, Object> event = JSON.std.mapFrom(post.get(0));
        assertEquals("{\"orderId\":11077}", event.get("body"));
        assertEquals("curl-1", ((Map<?, ?>) event.get("headers")).get("idempotency-key"));
        // AND unsigned curl is refused
        List<String> unsigned = curl(api.endpoint() + "/patterns/employee?employeeId=2");
        assertEquals("403", unsigned.get(1));
    }

    // ---- refused signatures ----

    @Test
    void unsigned_isRefused_403MissingAuthenticationToken_andNoFunctionRuns() {
        // GIVEN a request without a signature WHEN sent
        SignedHttp.Answer answer = SignedHttp.send(HttpRequest.newBuilder(URI.create(api.endpoint() + "/patterns/employee?employeeId=2")).build());

        // THEN API Gateway's answer: 403, its message and error type
        assertRefused(answer, "MissingAuthenticationTokenException", "Missing Authentication Token");
    }

    @Test
    void tamperedPathQueryBodyHeaderOrDate_isRefused_403SignatureDoesNotMatch() {
        // GIVEN requests signed by the SDK, each changed in one part after signing
        SdkHttpRequest get = http.sign(http.request("GET", "/patterns/employee?employeeId=2", Map.of()), null, Clock.systemUTC());
        SdkHttpRequest post = http.sign(http.request("POST", "/commands/shipOrder", Map.of("Content-Type", "application/json")),
                "{\"orderId\":1}", Clock.systemUTC());
        java.time.format.DateTimeFormatter amzDate = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC);
        String later = amzDate.format(java.time.Instant.from(amzDate.parse(get.firstMatchingHeader("X-Amz-Date").orElseThrow()))
                .plusSeconds(1)); // still inside the window: only the signature can refuse it

        // WHEN each is sent THEN each is refused as a signature that does not match, naming what was expected
        for (SignedHttp.Answer answer : List.of(
                SignedHttp.send(get.toBuilder().encodedPath("/patterns/customer").build(), null),
                SignedHttp.send(get.toBuilder().putRawQueryParameter("employeeId", "3").build(), null),
                SignedHttp.send(post, "{\"orderId\":2}"),
                SignedHttp.send(post.toBuilder().putHeader("Content-Type", "text/plain").build(), "{\"orderId\":1}"),
                SignedHttp.send(get.toBuilder().putHeader("X-Amz-Date", later).build(), null))) {
            // (the SDK also sends x-amz-content-sha256, so a changed body is caught by that header first)
            assertRefused(answer, "InvalidSignatureException", "does not match");
        }
    }

    @Test
    void signatureMismatch_saysWhichCanonicalRequestAndStringToSignItExpected() {
        // GIVEN a request signed with another secret WHEN sent
        SignedHttp.Answer answer = new SignedHttp(api.endpoint(), "local", "other", "us-east-1").get("/patterns/employee?employeeId=2");

        // THEN, as API Gateway, the message names the canonical request and the string to sign it computed
        assertRefused(answer, "InvalidSignatureException", "The request signature we calculated does not match the"
                + " signature you provided.");
        String message = answer.json().get("message").toString();
        assertTrue(message.contains("The Canonical String for this request should have been\n'GET\n/patterns/employee\n"
                + "employeeId=2\n"), message);
        assertTrue(message.contains("The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n"), message);
    }

    @Test
    void expiredOrEarlySignatures_areRefused_outsideApiGatewaysFiveMinutes() {
        // GIVEN requests signed six minutes ago and six minutes ahead, and one four minutes ago
        Clock now = Clock.systemUTC();
        SignedHttp.Answer expired = SignedHttp.send(http.sign(http.request("GET", "/patterns/employee?employeeId=2", Map.of()),
                null, Clock.offset(now, Duration.ofMinutes(-6))), null);
        SignedHttp.Answer early = SignedHttp.send(http.sign(http.request("GET", "/patterns/employee?employeeId=2", Map.of()),
                null, Clock.offset(now, Duration.ofMinutes(6))), null);
        SignedHttp.Answer recent = SignedHttp.send(http.sign(http.request("GET", "/patterns/employee?employeeId=2", Map.of()),
                null, Clock.offset(now, Duration.ofMinutes(-4))), null);

        // THEN the first two are refused in API Gateway's words, the third is accepted
        assertRefused(expired, "InvalidSignatureException", "Signature expired: ");
        assertTrue(expired.json().get("message").toString().endsWith(" - 5 min.)"), expired.body());
        assertRefused(early, "InvalidSignatureException", "Signature not yet current: ");
        assertEquals(200, recent.status(), recent.body());
    }

    @Test
    void otherCredentialsOrScope_areRefused_namingWhatIsWrong() {
        // GIVEN requests signed with another access key, another secret, another region and another service
        SignedHttp otherKey = new SignedHttp(api.endpoint(), "someone", "local", "us-east-1");
        SignedHttp otherSecret = new SignedHttp(api.endpoint(), "local", "not-local", "us-east-1");
        SignedHttp otherRegion = new SignedHttp(api.endpoint(), "local", "local", "eu-west-1");

        // WHEN sent THEN each is refused with API Gateway's 403 for it
        assertRefused(otherKey.get("/patterns/employee?employeeId=2"), "UnrecognizedClientException",
                "The security token included in the request is invalid.");
        assertRefused(otherSecret.get("/patterns/employee?employeeId=2"), "InvalidSignatureException",
                "The request signature we calculated does not match");
        assertRefused(otherRegion.get("/patterns/employee?employeeId=2"), "InvalidSignatureException",
                "Credential should be scoped to a valid region, not 'eu-west-1'.");
        SdkHttpRequest s3 = http.sign(http.request("GET", "/patterns/employee?employeeId=2", Map.of()), null, Clock.systemUTC());
        String auth = s3.firstMatchingHeader("Authorization").orElseThrow().replace("/execute-api/", "/s3/");
        assertRefused(SignedHttp.send(s3.toBuilder().putHeader("Authorization", auth).build(), null),
                "InvalidSignatureException", "Credential should be scoped to correct service: 'execute-api'.");
        // AND a declared payload hash that is not the body's is refused before the signature is even compared
        SdkHttpRequest declared = http.sign(http.request("POST", "/commands/shipOrder", Map.of("Content-Type", "application/json")),
                "{\"orderId\":1}", Clock.systemUTC());
        assertRefused(SignedHttp.send(declared.toBuilder().putHeader("x-amz-content-sha256", "0".repeat(64)).build(), "{\"orderId\":1}"),
                "InvalidSignatureException", "x-amz-content-sha256");
    }

    // ---- routes and hardening ----

    @Test
    void noRoute_is404NotFound_beforeAnySignatureCheck() {
        // GIVEN unsigned requests for paths and methods no route has WHEN sent THEN API Gateway's 404 "Not Found"
        for (HttpRequest request : List.of(
                HttpRequest.newBuilder(URI.create(api.endpoint() + "/orders/1")).build(),
                HttpRequest.newBuilder(URI.create(api.endpoint() + "/patterns/employee/extra")).build(),
                HttpRequest.newBuilder(URI.create(api.endpoint() + "/patterns/employee")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpRequest.newBuilder(URI.create(api.endpoint() + "/commands/placeOrder")).build())) {
            SignedHttp.Answer answer = SignedHttp.send(request);
            assertEquals(404, answer.status(), request.uri().toString());
            assertEquals(Map.of("message", "Not Found"), answer.json());
        }
    }

    @Test
    void bodyOverTheLimit_is413_inTheFunctionsErrorShape_withoutReadingIt() throws Exception {
        // GIVEN a raw request that declares a 10 MB body and sends none of it
        try (Socket socket = new Socket("127.0.0.1", api.port())) {
            socket.getOutputStream().write(("POST /commands/placeOrder HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 10000000\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            // WHEN the server answers THEN at once: 413 with the error shape the function gives a body over the limit
            socket.setSoTimeout(5_000);
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(response.startsWith("HTTP/1.1 413 "), response);
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            assertEquals("PayloadTooLarge", ((Map<?, ?>) JSON.std.mapFrom(body).get("error")).get("type"));
            assertTrue(body.contains("at most " + HttpApiContract.MAX_BODY_BYTES + " bytes"), body);
        }
    }

    @Test
    void everyEnvironmentBusy_is429TooManyRequests_andTheNextCallIsServedOnceOneIsFree() throws Exception {
        // GIVEN an API whose query function has one execution environment and no queue, held by a call that blocks
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        Supplier<RequestStreamHandler> blocking = () -> (in, out, ctx) -> {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            new Echo().handleRequest(in, out, ctx);
        };
        try (LocalHttpApi narrow = LocalHttpApi.start(LocalApiOptions.DEFAULTS.onPort(0),
                List.of(function("query", blocking), function("command", Echo::new)),
                EndpointLimits.DEFAULTS.withConcurrency(1, 0), Clock.systemUTC())) {
            SignedHttp client = SignedHttp.local(narrow.endpoint());
            CompletableFuture<SignedHttp.Answer> first = CompletableFuture.supplyAsync(() -> client.get("/patterns/employee?employeeId=1"));
            assertTrue(entered.await(10, TimeUnit.SECONDS));

            // WHEN a second call arrives while the first runs
            SignedHttp.Answer second = client.get("/patterns/employee?employeeId=2");

            // THEN it is throttled in API Gateway's words; the first still completes, and a call after it is served
            assertEquals(429, second.status(), second.body());
            assertEquals(Map.of("message", "Too Many Requests"), second.json());
            HttpApiContractChecks.assertMatchesGatewayError("/patterns/employee", "GET", second);
            release.countDown();
            assertEquals(200, first.get(10, TimeUnit.SECONDS).status());
            assertEquals(200, client.get("/patterns/employee?employeeId=3").status());
        }
    }

    // ---- helpers ----

    private static void assertRefused(SignedHttp.Answer answer, String errorType, String messageStart) {
        assertEquals(403, answer.status(), answer.body());
        assertEquals(errorType, answer.header("x-amzn-ErrorType"), answer.headers().toString());
        String message = String.valueOf(answer.json().get("message"));
        assertTrue(message.startsWith(messageStart) || message.contains(messageStart), message);
        assertNull(answer.json().get("version"), "a refused request reached the function: " + answer.body());
        assertFalse(answer.body().contains("Exception:"), answer.body());
    }

    private static boolean curlWithSigV4() {
        try {
            Process process = new ProcessBuilder("curl", "--version").redirectErrorStream(true).start();
            String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            String[] parts = version.split("\\s+")[1].split("\\.");
            int major = Integer.parseInt(parts[0]);
            int minor = Integer.parseInt(parts[1]);
            return major > 7 || major == 7 && minor >= 75;
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** curl's body and status code. */
    private static List<String> curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-w", "\n%{http_code}"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        int split = output.lastIndexOf('\n');
        return List.of(output.substring(0, split), output.substring(split + 1));
    }
}
