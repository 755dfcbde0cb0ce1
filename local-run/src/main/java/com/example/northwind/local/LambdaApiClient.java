package com.example.northwind.local;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Invokes a function of a running local stack through its Lambda Invoke API, as the AWS CLI would (so the stack's
 * console shows the call, and the stack's own handlers, table and nextToken key answer it). The JDK's plain
 * HttpURLConnection: a one-off call must not pay for loading an HTTP client library.
 */
final class LambdaApiClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Beyond the longest function timeout (the command's 15 s): the stack answers a timeout itself. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    /** The function's answer, or Lambda's error body when the handler failed ({@code X-Amz-Function-Error}). */
    record Answer(byte[] body, boolean functionError) {
    }

    private LambdaApiClient() {
    }

    /**
     * @throws IOException           when the stack cannot be reached
     * @throws IllegalStateException when the Lambda API refuses the call (unknown function, throttled), with its message
     */
    static Answer invoke(URI endpoint, String function, byte[] payload) throws IOException {
        HttpURLConnection http = open(endpoint, function);
        http.setRequestMethod("POST");
        http.setDoOutput(true);
        http.setFixedLengthStreamingMode(payload.length);
        http.setRequestProperty("Content-Type", "application/json");
        try (OutputStream body = http.getOutputStream()) {
            body.write(payload);
        }
        int status = http.getResponseCode();
        if (status != 200) {
            throw new IllegalStateException("the Lambda API at " + endpoint + " refused the call (HTTP " + status + "): "
                    + errorMessage(http));
        }
        try (InputStream in = http.getInputStream()) {
            return new Answer(in.readAllBytes(), http.getHeaderField("X-Amz-Function-Error") != null);
        }
    }

    /** A DryRun invocation of {@code function} answers 204: the endpoint is a local stack's Lambda API serving it. */
    static boolean serves(URI endpoint, String function) {
        try {
            HttpURLConnection http = open(endpoint, function);
            http.setRequestMethod("POST");
            http.setRequestProperty("X-Amz-Invocation-Type", "DryRun");
            http.setDoOutput(true);
            http.setFixedLengthStreamingMode(0);
            http.getOutputStream().close();
            return http.getResponseCode() == 204;
        } catch (IOException e) {
            return false;
        }
    }

    private static HttpURLConnection open(URI endpoint, String function) throws IOException {
        HttpURLConnection http = (HttpURLConnection) endpoint.resolve("/2015-03-31/functions/" + function + "/invocations")
                .toURL().openConnection();
        http.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
        http.setReadTimeout((int) READ_TIMEOUT.toMillis());
        return http;
    }

    private static String errorMessage(HttpURLConnection http) {
        try (InputStream in = http.getErrorStream()) {
            if (in == null) {
                return "no message";
            }
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Object parsed = JSON.std.anyFrom(body);
            String type = http.getHeaderField("x-amzn-ErrorType");
            return (type == null ? "" : type + ": ")
                    + (parsed instanceof Map<?, ?> error && error.get("message") != null ? error.get("message") : body);
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
