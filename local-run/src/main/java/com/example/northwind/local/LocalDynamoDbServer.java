package com.example.northwind.local;

import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

/**
 * DynamoDB Local as an HTTP server bound to 127.0.0.1 only.
 *
 * <p>DynamoDB Local's own {@code ServerRunner} listens on every interface; a development database has no
 * business being reachable from the network, so this wires the same request handler into a Jetty
 * connector on the loopback address. Clients talk to it over HTTP exactly as a Lambda talks to DynamoDB.
 */
public final class LocalDynamoDbServer implements AutoCloseable {
    /** System property naming the folder that holds sqlite4java's native library. */
    public static final String NATIVE_LIBS_PROPERTY = "sqlite4java.library.path";
    public static final String LOOPBACK = "127.0.0.1";

    private final Server server;
    private final LocalDynamoDBRequestHandler requestHandler;
    private final int port;

    private LocalDynamoDbServer(Server server, LocalDynamoDBRequestHandler requestHandler, int port) {
        this.server = server;
        this.requestHandler = requestHandler;
        this.port = port;
    }

    /**
     * Starts a server on 127.0.0.1.
     *
     * @param port   the port, or 0 for a free one
     * @param dbPath a folder for an on-disk database, or null for in-memory
     * @throws IllegalStateException naming the port when it is taken, or the missing native library folder
     */
    public static LocalDynamoDbServer start(int port, Path dbPath) {
        ensureNativeLibraries();
        LocalDynamoDBRequestHandler requestHandler;
        try {
            if (dbPath != null) {
                Files.createDirectories(dbPath);
            }
            // sharedDb: one database whatever region or credentials a client uses, as a local tool should.
            requestHandler = new LocalDynamoDBRequestHandler(0, dbPath == null,
                    dbPath == null ? null : dbPath.toAbsolutePath().toString(), true, false);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local could not open its database"
                    + (dbPath == null ? "" : " in " + dbPath) + ": " + e.getMessage(), e);
        }
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(LOOPBACK);
        connector.setPort(port); // 0: the OS picks a free port at bind time (no race with a pre-picked one)
        server.addConnector(connector);
        server.setHandler(new LocalDynamoDBServerHandler(requestHandler, null));
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            requestHandler.shutdown();
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new IllegalStateException("Port " + port + " on " + LOOPBACK
                        + " is already in use: stop what uses it or choose another port.", e);
            }
            throw new IllegalStateException("DynamoDB Local did not start on port " + port + ": " + e.getMessage(), e);
        }
        return new LocalDynamoDbServer(server, requestHandler, connector.getLocalPort());
    }

    public int port() {
        return port;
    }

    public URI endpoint() {
        return URI.create("http://" + LOOPBACK + ":" + port);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
        } finally {
            requestHandler.shutdown();
        }
    }

    private static void ensureNativeLibraries() {
        String configured = System.getProperty(NATIVE_LIBS_PROPERTY);
        if (configured == null || !Files.isDirectory(Path.of(configured))) {
            throw new IllegalStateException("DynamoDB Local needs sqlite4java's native library: set -D"
                    + NATIVE_LIBS_PROPERTY + " to a folder holding it (the Maven build copies it to "
                    + "<module>/target/native-libs); it is " + (configured == null ? "unset" : "'" + configured + "', not a folder") + ".");
        }
    }

    /** Releases whatever a failed start had opened; the start failure is what gets reported. */
    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // Nothing more to release: the start failure is the error the caller needs.
        }
    }

}
