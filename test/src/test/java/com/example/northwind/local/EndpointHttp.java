package com.example.northwind.local;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Plain HTTP to the local Lambda API, for the tests that must see status codes and headers as sent: the AWS SDK
 * retries 429s and hides framing. Raw sockets for what no client library sends (slow or malformed requests).
 */
final class EndpointHttp {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private EndpointHttp() {
    }

    /** One answer: status, headers (lower-cased names) and body. */
    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        Map<String, Object> json() throws IOException {
            return JSON.std.mapFrom(body);
        }
    }

    static URI invokeUri(LambdaInvokeServer server, String functionName, String query) {
        return URI.create(server.endpoint() + "/2015-03-31/functions/" + URLEncoder.encode(functionName, StandardCharsets.UTF_8)
                + "/invocations" + (query == null ? "" : "?" + query));
    }

    /** Sends a synchronous invoke; the answer comes when the endpoint answers (at most {@code within}). */
    static CompletableFuture<Answer> invokeAsync(LambdaInvokeServer server, String functionName, String invocationType,
                                                 String payload, Duration within) {
        HttpRequest.Builder request = HttpRequest.newBuilder(invokeUri(server, functionName, null)).timeout(within)
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (invocationType != null) {
            request.header("X-Amz-Invocation-Type", invocationType);
        }
        return CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(EndpointHttp::answer);
    }

    static Answer invoke(LambdaInvokeServer server, String functionName, String query, String payload) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(invokeUri(server, functionName, query)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build();
        return answer(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    static Answer invoke(LambdaInvokeServer server, String functionName, String payload) throws Exception {
        return invoke(server, functionName, null, payload);
    }

    private static Answer answer(HttpResponse<String> response) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
        return new Answer(response.statusCode(), headers, response.body());
    }

    /** The raw HTTP text of an invoke with a Content-Length, ready to write to a socket. */
    static String rawInvoke(String functionName, String payload, boolean close) {
        return "POST /2015-03-31/functions/" + functionName + "/invocations HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (close ? "Connection: close\r\n" : "") + "Content-Length: "
                + payload.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + payload;
    }

    /** Reads one answer (status line, headers, Content-Length body) from a socket; null at end of stream. */
    static Answer readAnswer(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers, body);
    }

    /** Writes {@code request} on a fresh connection and reads the one answer. */
    static Answer exchange(LambdaInvokeServer server, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return readAnswer(socket.getInputStream());
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return b < 0 && bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
    }
}
