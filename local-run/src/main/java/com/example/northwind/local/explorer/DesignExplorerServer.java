package com.example.northwind.local.explorer;

import com.example.northwind.local.LocalDynamoDbServer;
import com.example.northwind.local.stream.StreamConsumer;
import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local design explorer on 127.0.0.1: a static page (local-run resources, no framework) and two JSON routes.
 * {@code GET /api/catalog} lists the patterns and commands of the item model; {@code POST /api/run}
 * ({@code {kind: "pattern"|"command", name, params, limit?, nextToken?}}) invokes the locally served function
 * ({@code query} or {@code command}) and answers with its answer, the DynamoDB requests it made and the live item
 * collections around what it read or wrote (for a command, with a stream consumer, also the derived items it wrote
 * once caught up); {@code GET /api/stream} reports the stream consumer's lag.
 */
public final class DesignExplorerServer implements AutoCloseable {
    private static final int MAX_BODY = 1024 * 1024;
    private static final Map<String, String> STATIC = Map.of(
            "/", "index.html", "/index.html", "index.html", "/explorer.js", "explorer.js", "/explorer.css", "explorer.css");

    private final HttpServer server;
    private final ExecutorService threads;
    private final RunRoute run;
    private final FunctionRunner runner;
    private final DerivedItems derived;

    private DesignExplorerServer(HttpServer server, ExecutorService threads, FunctionRunner runner, RunRoute run,
                                 DerivedItems derived) {
        this.server = server;
        this.threads = threads;
        this.runner = runner;
        this.run = run;
        this.derived = derived;
    }

    /** @param port 0 for a free port; @throws IllegalStateException naming the port when it is in use */
    public static DesignExplorerServer start(int port, FunctionRunner runner, CollectionViews views) {
        return start(port, runner, views, null);
    }

    /**
     * The same, with the local stream consumer (null: none): {@code GET /api/stream} reports its lag, and a command's
     * run also answers the derived items the consumer wrote for it.
     */
    public static DesignExplorerServer start(int port, FunctionRunner runner, CollectionViews views,
                                             StreamConsumer streamConsumer) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(LocalDynamoDbServer.LOOPBACK, port), 16);
        } catch (BindException e) {
            throw new IllegalStateException("Port " + port + " on " + LocalDynamoDbServer.LOOPBACK
                    + " is already in use (design explorer): stop what uses it, choose another with --ui-port, or --no-ui.", e);
        } catch (IOException e) {
            throw new IllegalStateException("The design explorer could not listen on port " + port + ": " + e.getMessage(), e);
        }
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "design-explorer");
            t.setDaemon(true);
            return t;
        });
        DerivedItems derived = streamConsumer == null ? null : new DerivedItems(streamConsumer, views.dynamo(), views.table());
        DesignExplorerServer explorer = new DesignExplorerServer(server, threads, runner, new RunRoute(runner, views, derived),
                derived);
        server.createContext("/", explorer::handle);
        server.setExecutor(threads);
        server.start();
        return explorer;
    }

    public URI endpoint() {
        return URI.create("http://" + LocalDynamoDbServer.LOOPBACK + ":" + server.getAddress().getPort() + "/");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && STATIC.containsKey(path)) {
                resource(exchange, STATIC.get(path));
            } else if (method.equals("GET") && path.equals("/api/catalog")) {
                json(exchange, 200, ExplorerCatalog.of(runner));
            } else if (method.equals("GET") && path.equals("/api/stream")) {
                json(exchange, 200, derived == null ? Map.of("enabled", false) : withEnabled(derived.status()));
            } else if (method.equals("POST") && path.equals("/api/run")) {
                byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
                if (body.length > MAX_BODY) {
                    json(exchange, 413, RunRoute.error("RequestTooLarge", "the request is over " + MAX_BODY + " bytes"));
                    return;
                }
                RunRoute.Result result = run.handle(body);
                json(exchange, result.status(), result.body());
            } else {
                json(exchange, 404, RunRoute.error("NotFound", method + " " + path + " is not a page or route of the explorer"));
            }
        } catch (RuntimeException e) {
            // A bug or a DynamoDB failure: say what it was instead of dropping the connection.
            json(exchange, 500, RunRoute.error(e.getClass().getSimpleName(), String.valueOf(e.getMessage())));
        }
    }

    private static Map<String, Object> withEnabled(Map<String, Object> status) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("enabled", true);
        out.putAll(status);
        return out;
    }

    private static void resource(HttpExchange exchange, String name) throws IOException {
        try (InputStream in = DesignExplorerServer.class.getResourceAsStream("/explorer/" + name)) {
            if (in == null) {
                json(exchange, 404, RunRoute.error("NotFound", name + " is missing from the build"));
                return;
            }
            byte[] bytes = in.readAllBytes();
            String type = name.endsWith(".html") ? "text/html" : name.endsWith(".js") ? "text/javascript" : "text/css";
            exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void json(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES).asBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
