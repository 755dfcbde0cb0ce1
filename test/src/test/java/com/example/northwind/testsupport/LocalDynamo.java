package com.example.northwind.testsupport;

import com.example.northwind.local.DesignTable;
import com.example.northwind.local.LocalDynamoDbServer;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local as an HTTP server on 127.0.0.1 (a free port), for tests: clients talk to it over HTTP
 * as a Lambda talks to DynamoDB, so SDK interceptors (fault injection) work.
 *
 * <p>One server per test JVM, shared by every test class: {@link #start()} starts it on first use and answers the
 * same instance afterwards, and {@link #close()} leaves it running (a shutdown hook stops it with the JVM). Each
 * test gets its own table via {@link #createTable()}, so sharing the server shares no data.
 */
public final class LocalDynamo implements AutoCloseable {
    private static final AtomicInteger TABLES = new AtomicInteger();

    private final LocalDynamoDbServer server;
    private final DynamoDbClient client;
    private final boolean own;

    private LocalDynamo(LocalDynamoDbServer server, boolean own) {
        this.server = server;
        this.client = client();
        this.own = own;
    }

    /**
     * A DynamoDB Local of the caller's own, stopped by {@link #close()}: for tests whose streams and stream consumers
     * write and poll a lot, so that what they leave behind (DynamoDB Local's stream bookkeeping, a busy SQLite thread)
     * does not slow every later test class of the JVM.
     */
    public static LocalDynamo startOwn() {
        return new LocalDynamo(LocalDynamoDbServer.start(0, null), true);
    }

    private static LocalDynamo shared;

    /** The JVM's DynamoDB Local, started on first use (starting one takes seconds; seven used to start per run). */
    public static synchronized LocalDynamo start() {
        if (shared == null) {
            LocalDynamo started = new LocalDynamo(LocalDynamoDbServer.start(0, null), false);
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "local-dynamo-stop"));
            shared = started;
        }
        return shared;
    }

    public URI endpoint() {
        return server.endpoint();
    }

    /** The shared client (no interceptors). */
    public DynamoDbClient dynamo() {
        return client;
    }

    /** A new client with these interceptors, e.g. one that makes BatchWriteItem report unprocessed items. */
    public DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .executionInterceptors(List.of(interceptors))
                        .retryStrategy(RetryMode.STANDARD)
                        .build())
                .build();
    }

    /** Creates a new, empty table with the design's key schema and gsi_1, and returns its name. */
    public String createTable() {
        String name = "northwind-test-" + TABLES.incrementAndGet();
        createTable(client, name);
        return name;
    }

    /** The design's table (pk, sk, gsi_1 on (sk, data), projection ALL), on-demand. */
    public static void createTable(DynamoDbClient dynamo, String name) {
        DesignTable.create(dynamo, name);
    }

    /** Leaves the shared server running for the next test class; see {@link #start()}. */
    @Override
    public void close() {
        if (own) {
            stop();
        }
        // the shared one stays up for the JVM
    }

    private void stop() {
        client.close();
        server.close();
    }
}
