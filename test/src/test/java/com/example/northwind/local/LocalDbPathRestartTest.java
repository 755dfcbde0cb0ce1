package com.example.northwind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.schema.FunctionContract;
import com.example.northwind.schema.NorthwindData;
import com.example.northwind.testsupport.NorthwindCsv;
import com.example.northwind.testsupport.SynthesizedApp;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * {@code ./run-local.sh --db-path DIR}, stopped and started again: the stack as run-local serves it (DynamoDB Local
 * on disk in DIR, table from the template, the seeder with the template's Create event, the Lambda API), started
 * twice on one folder. What commands changed survives, and the seeder — which leaves a seeded table alone — does not
 * seed again.
 */
class LocalDbPathRestartTest {
    private static final String TABLE = "northwind-restart";
    private static Path cdkOut;
    private static Path root;
    /** A folder a first start seeded (and nothing else touched), with what that start reported. */
    private static Path seededDb;
    private static Map<String, Object> firstSeed;
    private static long itemsAfterFirstSeed;
    /** What the first start printed. */
    private static String firstConsole;

    @BeforeAll
    static void firstStartOnAnEmptyFolder() throws IOException {
        cdkOut = SynthesizedApp.defaults().assemblyDir();
        // On a RAM-backed file system where there is one: DynamoDB Local syncs every write to disk, and on a
        // virtual disk seeding 5,000 items that way takes a minute and more, which says nothing about restarts.
        Path shm = Path.of("/dev/shm");
        root = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "northwind-restart-") : Files.createTempDirectory("northwind-restart-");
        seededDb = Files.createDirectory(root.resolve("seeded"));
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        try (LocalStack stack = start(seededDb, new PrintStream(console, true, java.nio.charset.StandardCharsets.UTF_8))) {
            firstSeed = stack.seeded();
            itemsAfterFirstSeed = count(stack);
        }
        firstConsole = console.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @AfterAll
    static void deleteFolders() throws IOException {
        if (root != null) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A copy of the seeded folder (the stack that wrote it is stopped), so each test starts from the first seed. */
    private static Path copyOfSeededDb(String name) throws IOException {
        Path copy = Files.createDirectory(root.resolve(name));
        try (Stream<Path> files = Files.list(seededDb)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    @Test
    void restartOnTheSameDbPath_keepsAPlacedOrderAndAProductChange_andDoesNotSeedAgain() throws IOException {
        Path db = copyOfSeededDb("commands");
        Map<String, String> csvProduct = NorthwindCsv.rows("products.csv").stream()
                .filter(r -> "11".equals(r.get("productID"))).findFirst().orElseThrow();
        long csvStock = Long.parseLong(csvProduct.get("unitsInStock"));
        assertTrue(new BigDecimal("99.25").compareTo(new BigDecimal(csvProduct.get("unitPrice"))) != 0);

        // GIVEN a stack on a seeded folder, in which an order is placed and a product changed through the served
        // command function
        long orderId;
        try (LocalStack stack = start(db); LambdaClient lambda = lambda(stack)) {
            Map<String, Object> placed = invoke(lambda, "command", "{\"command\":\"placeOrder\",\"params\":{\"customerId\":"
                    + "\"ALFKI\",\"employeeId\":1,\"orderDate\":\"1996-01-02\",\"lines\":[{\"productId\":11,\"quantity\":2},"
                    + "{\"productId\":72,\"quantity\":1}]}}");
            orderId = ((Number) map(map(placed.get("result")).get("order")).get("orderID")).longValue();
            Map<String, Object> updated = invoke(lambda, "command",
                    "{\"command\":\"updateProduct\",\"params\":{\"productId\":11,\"unitPrice\":99.25}}");
            assertNull(updated.get("error"), updated.toString());
        }

        // WHEN the stack is stopped and started again on the same folder
        try (LocalStack stack = start(db); LambdaClient lambda = lambda(stack)) {
            // THEN the seeder reports it skipped the seeded table and wrote nothing ...
            assertEquals("true", String.valueOf(stack.seeded().get(FunctionContract.DATA_SKIPPED)), stack.seeded().toString());
            assertEquals("0", String.valueOf(stack.seeded().get(FunctionContract.DATA_TOTAL_ITEMS)), stack.seeded().toString());

            // ... the order is there with its lines (read through the query function) ...
            List<Map<String, Object>> order = items(invoke(lambda, "query",
                    "{\"pattern\":\"order\",\"params\":{\"orderId\":" + orderId + "}}"));
            Map<String, Object> entity = order.stream().filter(i -> "Order".equals(i.get("type"))).findFirst()
                    .orElseThrow(() -> new AssertionError("order " + orderId + " is gone after the restart: " + order));
            assertEquals("ALFKI", entity.get("customerID"));
            assertEquals("1996-01-02", entity.get("orderDate"));
            Set<String> lines = order.stream().filter(i -> "OrderLine".equals(i.get("type")))
                    .map(i -> i.get("productID") + "x" + i.get("quantity")).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(Set.of("11x2", "72x1"), lines);

            // ... and product 11 has the new price and the stock the order took (not the CSV's values again)
            Map<String, Object> product = items(invoke(lambda, "query", "{\"pattern\":\"product\",\"params\":{\"productId\":11}}")).get(0);
            assertEquals(0, new BigDecimal("99.25").compareTo(new BigDecimal(String.valueOf(product.get("unitPrice")))), product.toString());
            assertEquals(csvStock - 2, ((Number) product.get("unitsInStock")).longValue(), product.toString());
        }
    }

    @Test
    void freshDbPath_isSeededExactlyOnce_acrossRestarts() {
        // GIVEN the first start on an empty folder (before all tests)
        // THEN it seeded every item of the CSVs
        assertEquals("false", String.valueOf(firstSeed.get(FunctionContract.DATA_SKIPPED)), firstSeed.toString());
        long firstTotal = Long.parseLong(String.valueOf(firstSeed.get(FunctionContract.DATA_TOTAL_ITEMS)));
        assertTrue(firstTotal > 5000, firstSeed.toString());
        assertTrue(itemsAfterFirstSeed >= firstTotal, itemsAfterFirstSeed + " items after seeding " + firstTotal);

        // AND said what it counted: the items written, and per entity the CSV's rows and the items they became
        long customers = NorthwindCsv.rows("customers.csv").size();
        assertTrue(firstConsole.contains(String.format("Seeded %s in ", TABLE)) && firstConsole.contains(
                String.format(": %,d items written from ", firstTotal)), firstConsole);
        assertTrue(firstConsole.contains(String.format("Customer: %,d rows → %,d items", customers,
                Long.parseLong(String.valueOf(firstSeed.get("ItemsCustomer"))))), firstConsole);

        // WHEN it is started again, twice, on the same folder
        for (int restart = 1; restart <= 2; restart++) {
            java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
            try (LocalStack stack = start(seededDb, new PrintStream(console, true, java.nio.charset.StandardCharsets.UTF_8))) {
                // THEN the console says the table was seeded before and how many items it holds (no "0 items")
                String said = console.toString(java.nio.charset.StandardCharsets.UTF_8);
                assertTrue(said.contains(String.format("Table %s was seeded before: it holds %,d items, kept as they are",
                        TABLE, itemsAfterFirstSeed)), said);
                assertFalse(said.contains("Seeded "), said);
                // THEN each restart skips the seed (nothing written) and the table holds exactly what the first seed wrote
                assertEquals("true", String.valueOf(stack.seeded().get(FunctionContract.DATA_SKIPPED)),
                        "restart " + restart + ": " + stack.seeded());
                assertEquals("0", String.valueOf(stack.seeded().get(FunctionContract.DATA_TOTAL_ITEMS)));
                assertEquals(itemsAfterFirstSeed, count(stack), "restart " + restart);
            }
        }
    }

    @Test
    void dbPathMadeByTheFirstWave_isMigratedOnStart_andServesTheNewPatterns() throws IOException {
        // GIVEN a database folder as the first wave's run-local left it: its table with gsi_1 only, its items in the
        // old layout (supplier edges, lines under PRODUCT#<id>), and no seed record
        Path db = Files.createDirectory(root.resolve("legacy"));
        try (LocalDynamoDbServer server = LocalDynamoDbServer.start(0, db);
             software.amazon.awssdk.services.dynamodb.DynamoDbClient client = LocalStack.client(server.endpoint(),
                     new WriteCounter(), new com.example.northwind.local.explorer.RequestRecorder())) {
            client.createTable(com.example.northwind.command.LegacyLayout.createTable(TABLE));
            List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> items =
                    com.example.northwind.command.LegacyLayout.ofCsv();
            for (int i = 0; i < items.size(); i += 25) {
                var batch = items.subList(i, Math.min(items.size(), i + 25)).stream().map(item ->
                        software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder().putRequest(p -> p.item(item)).build()).toList();
                client.batchWriteItem(b -> b.requestItems(Map.of(TABLE, batch)));
            }
        }
        // WHEN run-local starts on it
        try (LocalStack stack = start(db); LambdaClient lambda = lambda(stack)) {
            // THEN the start added gsi_2 and migrated the table (expand and contract) instead of seeding it ...
            assertEquals("true", String.valueOf(stack.seeded().get("Complete")), stack.seeded().toString());
            // (every migration on the way, in order: the report is the last one's)
            List<com.example.northwind.model.Migration> all = com.example.northwind.model.Migrations.all();
            assertEquals(all.get(all.size() - 1).name(), String.valueOf(stack.seeded().get("Migration")), stack.seeded().toString());
            // ... the new patterns answer (productsBySupplier reads gsi_2; order 10255's lines come in productID order)
            List<Map<String, Object>> supplied = items(invoke(lambda, "query", "{\"pattern\":\"productsBySupplier\",\"params\":{\"supplierId\":1}}"));
            assertEquals(NorthwindCsv.rows("products.csv").stream().filter(r -> "1".equals(r.get("supplierID"))).count(), supplied.size());
            List<Object> lines = items(invoke(lambda, "query", "{\"pattern\":\"orderLines\",\"params\":{\"orderId\":10255}}"))
                    .stream().map(i -> i.get("productID")).toList();
            assertEquals(List.of(2L, 16L, 36L, 59L), lines.stream().map(o -> ((Number) o).longValue()).toList());
            // ... and nothing of the old layout is left
            assertEquals(0, stack.dynamo().scan(b -> b.tableName(TABLE)).items().stream()
                    .filter(i -> i.get("sk").s().startsWith("SUPPLIER#") || i.get("sk").s().startsWith("PRODUCT#")).count());
        }
    }

    /** As {@code ./run-local.sh --db-path DIR} starts it: DynamoDB Local on disk, seed policy of the serve mode. */
    private static LocalStack start(Path db) {
        return start(db, new PrintStream(PrintStream.nullOutputStream()));
    }

    private static LocalStack start(Path db, PrintStream console) {
        return LocalStack.start(new LocalStack.Config(cdkOut, NorthwindData.locate(), TABLE, null, 0, db, 0,
                LocalStack.SeedPolicy.ALWAYS, console));
    }

    private static long count(LocalStack stack) {
        long total = 0;
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> start = null;
        do {
            var from = start;
            var page = stack.dynamo().scan(b -> b.tableName(TABLE).select(Select.COUNT).exclusiveStartKey(from));
            total += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return total;
    }

    private static LambdaClient lambda(LocalStack stack) {
        return LambdaClient.builder()
                .endpointOverride(stack.lambdaEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    private static Map<String, Object> invoke(LambdaClient lambda, String function, String payload) throws IOException {
        InvokeResponse response = lambda.invoke(b -> b.functionName(function).payload(SdkBytes.fromUtf8String(payload)));
        assertNull(response.functionError(), response.payload().asUtf8String());
        Map<String, Object> answer = JSON.std.mapFrom(response.payload().asUtf8String());
        assertNull(answer.get("error"), payload + " → " + answer);
        return answer;
    }

    private static List<Map<String, Object>> items(Map<String, Object> answer) {
        return ((List<?>) answer.get("items")).stream().map(LocalDbPathRestartTest::map).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
