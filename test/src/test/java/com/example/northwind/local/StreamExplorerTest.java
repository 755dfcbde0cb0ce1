package com.example.northwind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.example.northwind.local.explorer.CollectionViews;
import com.example.northwind.local.explorer.DesignExplorerServer;
import com.example.northwind.local.explorer.FunctionRunner;
import com.example.northwind.local.stream.StreamConsumer;
import com.example.northwind.schema.NorthwindData;
import com.example.northwind.testsupport.HeadlessChromium;
import com.example.northwind.testsupport.LocalDynamo;
import com.example.northwind.testsupport.NorthwindCsv;
import com.example.northwind.testsupport.StreamMappingHarness;
import com.example.northwind.testsupport.SynthesizedApp;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The design explorer with a stream consumer: {@code GET /api/stream} shows its lag, and a command's run shows the
 * derived items the consumer wrote for it once it caught up. The consumer here is a stand-in (it counts the units of
 * order lines placed after the seed into {@code PRODUCT_SALES#<id>} items) — what matters is that the explorer shows
 * what a consumer wrote, whatever it derives.
 */
class StreamExplorerTest {
    private static final String TABLE = "northwind-stream-explorer";
    private static final long LAST_SEEDED_ORDER = NorthwindCsv.rows("orders.csv").stream()
            .mapToLong(r -> Long.parseLong(r.get("orderID"))).max().orElseThrow();
    private static LocalStack stack;
    private static StreamConsumer consumer;
    private static DesignExplorerServer explorer;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        LocalDynamo ddb = LocalDynamo.start();
        stack = LocalStack.start(new LocalStack.Config(SynthesizedApp.defaults().assemblyDir(), NorthwindData.locate(),
                TABLE, ddb.endpoint(), 0, null, -1, LocalStack.SeedPolicy.ALWAYS, quiet));
        consumer = StreamConsumerLauncher.start(CloudAssembly.read(SynthesizedApp.defaults().assemblyDir()), ddb.endpoint(),
                TABLE, null, quiet, UnitsCounter::new, Clock.systemUTC(), StreamMappingHarness.TEST_TIMING).orElseThrow();
        explorer = DesignExplorerServer.start(0, new FunctionRunner(stack.functions(), stack.recorder()),
                new CollectionViews(stack.dynamo(), TABLE), consumer);
    }

    @AfterAll
    static void stop() {
        if (explorer != null) {
            explorer.close();
        }
        if (consumer != null) {
            consumer.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCommandsRun_showsTheDerivedItemsTheConsumerWroteForIt_onceCaughtUp() throws Exception {
        // GIVEN the explorer beside a consumer that has caught up (with the seed, and any order placed before)
        assertTrue(consumer.awaitCaughtUp(StreamMappingHarness.CATCH_UP_TIMEOUT));
        long units11 = units("PRODUCT_SALES#11");
        long units72 = units("PRODUCT_SALES#72");

        // WHEN placeOrder runs through the explorer (two units of product 11, one of product 72)
        Map<String, Object> result = post("/api/run", "{\"kind\":\"command\",\"name\":\"placeOrder\",\"params\":{"
                + "\"customerId\":\"ALFKI\",\"employeeId\":1,\"lines\":[{\"productId\":11,\"quantity\":2},"
                + "{\"productId\":72,\"quantity\":1}]}}");

        // THEN the answer carries, besides the command's own answer, what the consumer wrote once caught up: the two
        // products' items as they are now
        assertFalse(Boolean.TRUE.equals(result.get("functionError")), result.toString());
        Map<String, Object> derived = (Map<String, Object>) result.get("derived");
        assertEquals(true, derived.get("caughtUp"), derived.toString());
        Map<String, Object> byKey = ((List<Map<String, Object>>) derived.get("items")).stream()
                .collect(Collectors.toMap(i -> (String) i.get("pk"), i -> i.get("item")));
        assertEquals(java.util.Set.of("PRODUCT_SALES#11", "PRODUCT_SALES#72"), byKey.keySet());
        assertEquals(units11 + 2, ((Number) ((Map<String, Object>) byKey.get("PRODUCT_SALES#11")).get("units")).longValue());
        assertEquals(units72 + 1, ((Number) ((Map<String, Object>) byKey.get("PRODUCT_SALES#72")).get("units")).longValue());

        // AND a pattern's run carries no derived items (reads cause no change)
        Map<String, Object> read = post("/api/run", "{\"kind\":\"pattern\",\"name\":\"product\",\"params\":{\"productId\":11}}");
        assertFalse(read.containsKey("derived"), read.toString());

        // AND the stream route reports the consumer caught up, with what it did
        Map<String, Object> status = JSON.std.mapFrom(get("/api/stream"));
        assertEquals(true, status.get("enabled"));
        assertEquals(true, status.get("caughtUp"), status.toString());
        assertEquals(0, ((Number) status.get("recordsBehind")).intValue());
        assertTrue(((Number) status.get("recordsDone")).longValue() > 0, status.toString());
        assertEquals("in memory", status.get("checkpoints"));
    }

    @Test
    void thePage_showsTheConsumersLag_andACommandsDerivedItems() throws Exception {
        if (!HeadlessChromium.available()) {
            return; // the HTTP routes are checked above; this part needs a browser (CI installs one)
        }
        assertTrue(consumer.awaitCaughtUp(StreamMappingHarness.CATCH_UP_TIMEOUT));
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            // GIVEN the page / WHEN it has loaded / THEN it shows the consumer's state
            browser.open(explorer.endpoint().toString());
            assertTrue(browser.waitFor("document.body.dataset.ready === 'true'", Duration.ofSeconds(10)));
            assertTrue(browser.waitFor("document.getElementById('stream-status').textContent.includes('caught up')",
                    Duration.ofSeconds(10)), String.valueOf(browser.script("return document.getElementById('stream-status').textContent;")));

            // WHEN placeOrder runs with its example (the catalog's) from the page
            browser.script("const s = document.getElementById('op'); s.value = 'command:placeOrder'; s.dispatchEvent(new Event('change'));");
            browser.click("#run");

            // THEN the derived items the consumer wrote for it are listed
            assertTrue(browser.waitFor("document.querySelector('#derived-items tbody tr') || document.getElementById('error')",
                    Duration.ofSeconds(30)), "no derived items appeared");
            String derived = (String) browser.script("return document.getElementById('derived').textContent;");
            assertTrue(derived.contains("consumer caught up after") && derived.contains("PRODUCT_SALES#"), derived);
        }
    }

    private static long units(String pk) {
        Map<String, AttributeValue> item = stack.dynamo().getItem(b -> b.tableName(TABLE).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("PRODUCT_SALES")))).item();
        return item == null || !item.containsKey("units") ? 0 : Long.parseLong(item.get("units").n());
    }

    private static String get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(explorer.endpoint() + path.substring(1))).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Map<String, Object> post(String path, String body) throws IOException, InterruptedException {
        return JSON.std.mapFrom(HTTP.send(HttpRequest.newBuilder(URI.create(explorer.endpoint() + path.substring(1)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** The stand-in consumer: adds the units of each order line placed after the seed to its product's item. */
    static final class UnitsCounter implements RequestStreamHandler {
        private final DynamoDbClient dynamo;

        UnitsCounter(DynamoDbClient dynamo) {
            this.dynamo = dynamo;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            for (Map<String, Object> record : (List<Map<String, Object>>) JSON.std.mapFrom(input).get("Records")) {
                Map<String, Object> change = (Map<String, Object>) record.get("dynamodb");
                Map<String, AttributeValue> image = change.get("NewImage") == null ? Map.of()
                        : com.example.northwind.lambda.StreamRecords.item((Map<String, Object>) change.get("NewImage"));
                AttributeValue sk = image.get("sk");
                if ("INSERT".equals(record.get("eventName")) && sk != null && sk.s().startsWith("ORDER_LINE#")
                        && Long.parseLong(image.get("orderID").n()) > LAST_SEEDED_ORDER) {
                    dynamo.updateItem(b -> b.tableName(TABLE)
                            .key(Map.of("pk", AttributeValue.fromS("PRODUCT_SALES#" + image.get("productID").n()),
                                    "sk", AttributeValue.fromS("PRODUCT_SALES")))
                            .updateExpression("ADD units :q").expressionAttributeValues(Map.of(":q", image.get("quantity"))));
                }
            }
            output.write("{\"batchItemFailures\":[]}".getBytes(StandardCharsets.UTF_8));
        }
    }
}
