package com.example.northwind.command;

import com.example.northwind.query.ExpectedAnswers;
import com.example.northwind.query.QueryHandler;
import com.example.northwind.seeder.NorthwindSeeder;
import com.example.northwind.model.StreamSources;
import com.example.northwind.stream.StreamHandler;
import com.example.northwind.testsupport.LocalDynamo;
import com.example.northwind.testsupport.StreamMappingHarness;
import com.example.northwind.testsupport.NorthwindCsv;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * A table seeded from the real data by the seeder, with the command handler and the query handler working on it
 * as the two Lambdas would, and a record of every DynamoDB request the command handler sent.
 */
final class CommandTable {
    /** "Today" for every command test: defaults such as orderDate and shippedDate come from it. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    static final String TODAY = "2026-11-23";
    /** Keeps decimals exact, and writes JSON null (a clearable parameter given as null clears the field). */
    static final JSON JSON_RW = JSON.std.with(JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS, JSON.Feature.WRITE_NULL_PROPERTIES);

    /** Records the requests a client sends (thread-safe: the concurrency tests share a handler). */
    static final class Sent implements ExecutionInterceptor {
        private final List<SdkRequest> requests = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            requests.add(context.request());
        }

        /** The requests since the last call, oldest first. */
        List<SdkRequest> take() {
            synchronized (requests) {
                List<SdkRequest> out = List.copyOf(requests);
                requests.clear();
                return out;
            }
        }
    }

    final LocalDynamo local;
    final String table;
    final Sent sent = new Sent();
    final CommandHandler commands;
    final QueryHandler queries;
    /** The stream consumer on the table's stream, run by the local event source mapping; null when none runs. */
    final StreamMappingHarness consumer;

    private CommandTable(List<Map<String, AttributeValue>> items, ExecutionInterceptor... faults) {
        this(items, false, null, false, faults);
    }

    private CommandTable(List<Map<String, AttributeValue>> items, boolean stream, List<ExecutionInterceptor> consumerFaults,
                         ExecutionInterceptor... faults) {
        this(items, stream, consumerFaults, stream, faults);
    }

    private CommandTable(List<Map<String, AttributeValue>> items, boolean stream, List<ExecutionInterceptor> consumerFaults,
                         boolean ownServer, ExecutionInterceptor... faults) {
        // A table with a stream gets a DynamoDB Local of its own, stopped by drop() (LocalDynamo.startOwn says why).
        local = ownServer ? LocalDynamo.startOwn() : LocalDynamo.start();
        table = local.createTable();
        if (stream) {
            // As deployed: the table streams NEW_AND_OLD_IMAGES (and the mapping reads it before the seed writes).
            local.dynamo().updateTable(b -> b.tableName(table).streamSpecification(
                    s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        }
        if (consumerFaults != null) {
            DynamoDbClient consumerClient = local.client(consumerFaults.toArray(ExecutionInterceptor[]::new));
            consumer = StreamMappingHarness.start(local.endpoint(), table,
                    StreamMappingHarness.settings(500, StreamSources.FILTER_PATTERNS)
                            // As deployed, but never giving a batch up: a test of exactly-once must see every record done.
                            .withErrorHandling(true, true, -1, null),
                    new StreamHandler(consumerClient, table));
        } else {
            consumer = null;
        }
        if (items == null) {
            new NorthwindSeeder(local.dynamo(), table).seed(NorthwindCsv.dir());
        } else {
            for (int i = 0; i < items.size(); i += 25) {
                List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> batch = items.subList(i, Math.min(items.size(), i + 25))
                        .stream().map(item -> software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                                .putRequest(p -> p.item(item)).build()).toList();
                local.dynamo().batchWriteItem(b -> b.requestItems(Map.of(table, batch)));
            }
        }
        List<ExecutionInterceptor> interceptors = new ArrayList<>(List.of(faults));
        interceptors.add(0, sent);
        DynamoDbClient client = local.client(interceptors.toArray(ExecutionInterceptor[]::new));
        commands = new CommandHandler(client, table, CLOCK);
        queries = new QueryHandler(local.dynamo(), table);
    }

    /** A new table seeded with the real data; interceptors (fault injection) act on the command handler's client. */
    static CommandTable seeded(ExecutionInterceptor... faults) {
        return new CommandTable(null, faults);
    }

    /** A new table holding exactly these items (written directly, e.g. an older model's layout), not seeded. */
    static CommandTable holding(List<Map<String, AttributeValue>> items) {
        return new CommandTable(items);
    }

    /**
     * A new table with a stream and the stream consumer running on it (interceptors act on the consumer's client), then
     * seeded: the consumer derives the seed's sales from its stream records, as on a first deploy.
     */
    static CommandTable seededWithConsumer(ExecutionInterceptor... consumerFaults) {
        return new CommandTable(null, true, List.of(consumerFaults));
    }

    /** A new table seeded without a stream (a table from before the consumer), on a DynamoDB Local of its own. */
    static CommandTable seededOwnWithoutStream() {
        return new CommandTable(null, false, null, true);
    }

    /** A new table with a stream, seeded, and no consumer: a test delivers the stream's records itself. */
    static CommandTable seededWithStream() {
        return new CommandTable(null, true, null);
    }

    /** Waits until the consumer has done every change written before the call (never a fixed sleep). */
    void awaitDerived() {
        try {
            consumer.awaitCaughtUp();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the stream consumer", e);
        }
    }

    /**
     * Brings the listed stock of these products up to date: waits for the table's consumer, or — a table without one —
     * lists them with the consumer's own code, as its next batch would.
     */
    void catchUpListedStock(List<Long> productIds) {
        if (consumer != null) {
            awaitDerived();
        } else {
            new com.example.northwind.derived.ListedStock(local.dynamo(), table).refresh(productIds);
        }
    }

    /**
     * Stops the consumer (if any), deletes the table, and stops its own DynamoDB Local if it has one: streams and
     * their consumers left behind on the shared one slow every later test class of the JVM.
     */
    void drop() {
        if (consumer != null) {
            consumer.close();
        }
        local.dynamo().deleteTable(b -> b.tableName(table));
        local.close(); // stops a DynamoDB Local of the table's own; the shared one stays up
    }

    DynamoDbClient client() {
        return local.dynamo();
    }

    /** Sends a command as Lambda would (bytes in, bytes out) and parses the answer. */
    Map<String, Object> command(String name, Map<String, Object> params) {
        return command(request(name, params, null));
    }

    Map<String, Object> command(String name, Map<String, Object> params, String idempotencyKey) {
        return command(request(name, params, idempotencyKey));
    }

    Map<String, Object> command(Map<String, Object> request) {
        try {
            return raw(JSON_RW.asBytes(request));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Object> raw(byte[] request) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            commands.handleRequest(new ByteArrayInputStream(request), out, null);
            return JSON_RW.mapFrom(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> request(String name, Map<String, Object> params, String idempotencyKey) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("command", name);
        request.put("params", params);
        if (idempotencyKey != null) {
            request.put("idempotencyKey", idempotencyKey);
        }
        return request;
    }

    /** Every item of a pattern through the query API, all pages, canonical; sorted unless the pattern fixes an order. */
    List<Map<String, Object>> query(String pattern, Map<String, Object> params) {
        List<Map<String, Object>> items = pages(queries, pattern, params, 1000);
        return RelationalNorthwind.ordered(pattern) ? items : ExpectedAnswers.sorted(items);
    }

    /** Every item of a pattern from this query handler, page by page of {@code limit}, canonical, in answer order. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> pages(QueryHandler handler, String pattern, Map<String, Object> params, int limit) {
        List<Map<String, Object>> items = new ArrayList<>();
        String token = null;
        do {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("pattern", pattern);
            if (params != null && !params.isEmpty()) {
                request.put("params", params);
            }
            request.put("limit", limit);
            if (token != null) {
                request.put("nextToken", token);
            }
            Map<String, Object> answer;
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                handler.handleRequest(new ByteArrayInputStream(JSON_RW.asBytes(request)), out, null);
                answer = JSON_RW.mapFrom(out.toByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (answer.get("error") != null) {
                throw new AssertionError(pattern + " " + params + " was refused: " + answer);
            }
            ((List<Object>) answer.get("items")).forEach(i -> items.add(ExpectedAnswers.canonical(i)));
            token = (String) answer.get("nextToken");
        } while (token != null);
        return items;
    }

    /** Every item of the table by "pk|sk", attributes as text: to prove that a refused command changed nothing. */
    Map<String, Map<String, String>> snapshot() {
        Map<String, Map<String, String>> items = new TreeMap<>();
        local.dynamo().scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(item -> {
            Map<String, String> text = new TreeMap<>();
            item.forEach((k, v) -> text.put(k, String.valueOf(v)));
            items.put(item.get("pk").s() + "|" + item.get("sk").s(), text);
        });
        return items;
    }

    /** One item's attribute, read directly (for bookkeeping such as the counter). */
    AttributeValue attribute(String pk, String sk, String name) {
        Map<String, AttributeValue> item = local.dynamo().getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
        return item == null ? null : item.get(name);
    }

    static Map<String, Object> params(Object... keyValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put((String) keyValues[i], keyValues[i + 1]);
        }
        return params;
    }

    static Map<String, Object> line(long productId, long quantity) {
        return params("productId", productId, "quantity", quantity);
    }
}
