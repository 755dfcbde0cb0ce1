package com.example.northwind.benchmark;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A stand-in for AWS Secrets Manager on 127.0.0.1 that answers GetSecretValue with one fixed random secret: the
 * query Lambda reads its nextToken key from Secrets Manager at init, and the cold-start proxy must include that call
 * (SDK client, HTTP round trip) to be honest about what a cold start costs. Loopback only; stops with the benchmark.
 */
final class LocalSecretsManager implements AutoCloseable {
    static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:bench-page-token-key";

    private final HttpServer server;

    private LocalSecretsManager(HttpServer server) {
        this.server = server;
    }

    static LocalSecretsManager start() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String body = "{\"ARN\":\"" + SECRET_ARN + "\",\"Name\":\"bench-page-token-key\",\"SecretString\":\""
                + HexFormat.of().formatHex(key) + "\",\"VersionId\":\"1\"}";
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.createContext("/", exchange -> {
                try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
                    in.readAllBytes();
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
                    exchange.sendResponseHeaders(200, bytes.length);
                    out.write(bytes);
                }
            });
            server.start();
            return new LocalSecretsManager(server);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the local Secrets Manager stand-in: " + e.getMessage(), e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
