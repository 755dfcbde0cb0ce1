package com.example.northwind.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.northwind.model.StreamSources;
import com.example.northwind.seeder.NorthwindSeeder;
import com.example.northwind.stream.StreamHandler;
import com.example.northwind.testsupport.StreamMappingHarness;
import com.example.northwind.testsupport.LocalDynamo;
import com.example.northwind.testsupport.NorthwindCsv;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * One DynamoDB Local server with one table seeded from the real data (by the seeder, never by hand), shared by
 * every query test class in the JVM: seeding is the expensive part, and the query tests only read.
 */
final class SeededQueryTable {
    /** Parses answers keeping decimals exact, so 0.05 is compared as 0.05 and not as a double. */
    static final JSON JSON_READER = JSON.std.with(JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static SeededQueryTable instance;

    final LocalDynamo local;
    final String table;
    final QueryHandler handler;
    /** The handler's nextToken key: tests that must show what a key holder still cannot do seal positions with it. */
    final byte[] tokenKey = PageTokenKeys.random();
    /** What the handler's client sent to DynamoDB (the seeder writes through another client, unrecorded). */
    final RecordedRequests requests = new RecordedRequests();

    private SeededQueryTable() {
        local = LocalDynamo.start();
        table = local.createTable();
        // As deployed: the table streams its changes and the consumer runs while the seed writes, so the derived
        // sales (productSales, salesByDay) are there once it caught up.
        local.dynamo().updateTable(b -> b.tableName(table).streamSpecification(
                s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        int items;
        try (StreamMappingHarness consumer = StreamMappingHarness.start(local.endpoint(), table,
                StreamMappingHarness.settings(500, StreamSources.FILTER_PATTERNS), new StreamHandler(local.dynamo(), table))) {
            items = new NorthwindSeeder(local.dynamo(), table).seed(NorthwindCsv.dir()).totalItems();
            consumer.awaitCaughtUp();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the consumer derived the seed's sales", e);
        } finally {
            // The derived items are written: no stream left to slow DynamoDB Local for the rest of the run.
            local.dynamo().updateTable(b -> b.tableName(table).streamSpecification(s -> s.streamEnabled(false)));
        }
        assertEquals(6702, items, "the seeder should write the 6,702 items of docs/key-design.md");
        handler = new QueryHandler(local.client(requests), table, tokenKey);
        Runtime.getRuntime().addShutdownHook(new Thread(local::close));
    }

    static synchronized SeededQueryTable get() {
        if (instance == null) {
            instance = new SeededQueryTable();
        }
        return instance;
    }

    /** Invokes the handler as Lambda does (bytes in, bytes out) and parses the answer. */
    Map<String, Object> invoke(String request) {
        return invoke(handler, request.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, Object> invoke(QueryHandler handler, byte[] request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(request), out, null);
            return JSON_READER.mapFrom(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request as JSON text. */
    static String request(String pattern, Map<String, Object> params, Integer limit, String nextToken) {
        Map<String, Object> request = new java.util.LinkedHashMap<>();
        request.put("pattern", pattern);
        if (params != null) {
            request.put("params", params);
        }
        if (limit != null) {
            request.put("limit", limit);
        }
        if (nextToken != null) {
            request.put("nextToken", nextToken);
        }
        try {
            return JSON.std.asString(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
