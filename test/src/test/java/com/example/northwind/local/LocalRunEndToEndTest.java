package com.example.northwind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.schema.NorthwindData;
import com.example.northwind.testsupport.NorthwindCsv;
import com.example.northwind.testsupport.SynthesizedApp;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * The local stack end to end: synthesized in-process once, started on free ports (in-memory DynamoDB Local,
 * table from the template, seeded by the real seeder), then called through the Lambda API with the real
 * SDK client. Expected answers come from the CSVs, the expected table from the template's JSON.
 */
class LocalRunEndToEndTest {
    private static final String TABLE = "northwind-e2e";

    private static Path cdkOut;
    private static SynthesizedApp.Synth synth;

    private static LocalStack stack;
    private static LambdaClient lambda;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void startStack() {
        synth = SynthesizedApp.defaults();
        cdkOut = synth.assemblyDir();
        stack = LocalStack.start(new LocalStack.Config(cdkOut, NorthwindData.locate(), TABLE, null, 0, null, 0,
                LocalStack.SeedPolicy.ALWAYS, new PrintStream(PrintStream.nullOutputStream())));
        lambda = LambdaClient.builder()
                .endpointOverride(stack.lambdaEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        dynamo = DynamoDbClient.builder()
                .endpointOverride(stack.dynamoEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @AfterAll
    static void stopStack() {
        if (lambda != null) {
            lambda.close();
        }
        if (dynamo != null) {
            dynamo.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void invoke_employee2_answersAndrewFuller() throws IOException {
        // GIVEN employee 2 in the CSVs
        Map<String, String> expected = NorthwindCsv.rows("employees.csv").stream()
                .filter(r -> "2".equals(r.get("employeeID"))).findFirst().orElseThrow();

        // WHEN the query function is invoked through the Lambda API by its short name
        InvokeResponse response = invoke("query", "{\"pattern\":\"employee\",\"params\":{\"employeeId\":2}}");

        // THEN the answer is that employee (Andrew Fuller), and Lambda's headers say it ran $LATEST without error
        assertNull(response.functionError());
        assertEquals("$LATEST", response.executedVersion());
        List<Map<String, Object>> items = items(response);
        assertEquals(1, items.size());
        assertEquals(expected.get("firstName") + " " + expected.get("lastName"),
                items.get(0).get("firstName") + " " + items.get(0).get("lastName"));
        assertEquals("Andrew Fuller", items.get(0).get("firstName") + " " + items.get(0).get("lastName"));
    }

    @Test
    void invoke_directReports2_answersEveryoneReportingToEmployee2() throws IOException {
        // GIVEN the employees whose reportsTo is 2 in the CSVs
        Set<String> expected = NorthwindCsv.rows("employees.csv").stream()
                .filter(r -> "2".equals(r.get("reportsTo"))).map(r -> r.get("employeeID"))
                .collect(Collectors.toCollection(TreeSet::new));

        // WHEN directReports of employee 2 is invoked
        InvokeResponse response = invoke("query", "{\"pattern\":\"directReports\",\"params\":{\"employeeId\":2}}");

        // THEN exactly those employees come back (5 of them)
        Set<String> actual = items(response).stream().map(i -> String.valueOf(i.get("employeeID")))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, actual);
        assertEquals(5, actual.size());
    }

    @Test
    void invoke_recentOrdersLimit5_answersTheFiveMostRecentOrders() throws IOException {
        // GIVEN the orders of the CSVs, newest first (ties on the date: higher order id first)
        List<String> expected = NorthwindCsv.rows("orders.csv").stream()
                .sorted(Comparator.comparing((Map<String, String> r) -> r.get("orderDate"))
                        .thenComparing(r -> Long.parseLong(r.get("orderID"))).reversed())
                .limit(5).map(r -> r.get("orderID")).toList();

        // WHEN recentOrders is invoked with limit 5
        InvokeResponse response = invoke("query", "{\"pattern\":\"recentOrders\",\"limit\":5}");

        // THEN those five orders come back in that order
        List<String> actual = items(response).stream().map(i -> String.valueOf(i.get("orderID"))).toList();
        assertEquals(expected, actual);
    }

    @Test
    void invoke_badRequest_answersValidationError() throws IOException {
        // GIVEN a request missing the pattern's required parameter
        // WHEN it is invoked
        InvokeResponse response = invoke("query", "{\"pattern\":\"employee\",\"params\":{}}");

        // THEN the function answers (no function error) with a ValidationError naming the problem
        assertNull(response.functionError());
        Map<String, Object> error = map(json(response).get("error"));
        assertEquals("ValidationError", error.get("type"));
        assertTrue(String.valueOf(error.get("message")).contains("employeeId"), "message: " + error.get("message"));
    }

    @Test
    void invoke_byLogicalIdAndArnWithAlias_reachesTheQueryFunction() throws IOException {
        // GIVEN the query function's logical ID and alias in the synthesized template
        Map<String, Object> resources = map(synth.templateJson("NorthwindService").get("Resources"));
        String logicalId = resources.entrySet().stream()
                .filter(e -> "AWS::Lambda::Function".equals(map(e.getValue()).get("Type")))
                .filter(e -> String.valueOf(map(map(e.getValue()).get("Properties")).get("Handler"))
                        .startsWith("com.example.northwind.query.QueryHandler"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        String alias = resources.values().stream().map(LocalRunEndToEndTest::map)
                .filter(r -> "AWS::Lambda::Alias".equals(r.get("Type")))
                .map(r -> String.valueOf(map(r.get("Properties")).get("Name"))).findFirst().orElseThrow();

        // WHEN it is invoked by logical ID, and by full ARN with the alias as qualifier
        String request = "{\"pattern\":\"employee\",\"params\":{\"employeeId\":2}}";
        InvokeResponse byId = invoke(logicalId, request);
        InvokeResponse byArn = invoke("arn:aws:lambda:us-east-1:000000000000:function:query:" + alias, request);

        // THEN both reach the query function, and the alias runs the version it points to (the first published)
        assertEquals("Fuller", items(byId).get(0).get("lastName"));
        assertEquals("Fuller", items(byArn).get(0).get("lastName"));
        assertEquals("$LATEST", byId.executedVersion());
        assertEquals("1", byArn.executedVersion());
    }

    @Test
    void invoke_commandPlaceOrder_thenQueryOrder_seesTheNewOrderAndItsLines() throws IOException {
        // GIVEN a placeOrder for ALFKI (dated before any order of the CSVs, so the date-ordered patterns other tests
        // check keep their first page)
        String request = "{\"command\":\"placeOrder\",\"params\":{\"customerId\":\"ALFKI\",\"employeeId\":1,"
                + "\"orderDate\":\"1996-01-02\",\"lines\":[{\"productId\":11,\"quantity\":2},{\"productId\":72,\"quantity\":1}]}}";

        // WHEN the command function is invoked through the Lambda API by its short name
        InvokeResponse placed = invoke("command", request);

        // THEN it answers the new order (no function error, $LATEST)
        assertNull(placed.functionError(), placed.payload().asUtf8String());
        assertEquals("$LATEST", placed.executedVersion());
        Map<String, Object> answer = json(placed);
        assertEquals("placeOrder", answer.get("command"), answer.toString());
        Map<String, Object> order = map(map(answer.get("result")).get("order"));
        long orderId = ((Number) order.get("orderID")).longValue();
        Set<Long> csvOrders = NorthwindCsv.rows("orders.csv").stream().map(r -> Long.parseLong(r.get("orderID")))
                .collect(Collectors.toSet());
        assertFalse(csvOrders.contains(orderId), "the new order took the id of an existing order: " + orderId);

        // AND WHEN the query function reads that order
        List<Map<String, Object>> items = items(invoke("query",
                "{\"pattern\":\"order\",\"params\":{\"orderId\":" + orderId + "}}"));

        // THEN it is there, for ALFKI and employee 1 on that date, with exactly the two lines placed
        Map<String, Object> stored = items.stream().filter(i -> "Order".equals(i.get("type"))).findFirst()
                .orElseThrow(() -> new AssertionError("no Order item in " + items));
        assertEquals("ALFKI", stored.get("customerID"));
        assertEquals(1, ((Number) stored.get("employeeID")).intValue());
        assertEquals("1996-01-02", stored.get("orderDate"));
        Set<String> lines = items.stream().filter(i -> "OrderLine".equals(i.get("type")))
                .map(i -> i.get("productID") + "x" + i.get("quantity")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("11x2", "72x1"), lines);
    }

    @Test
    void invoke_commandByAliasLiveAndByLogicalId_reachesTheCommandFunction() throws IOException {
        // GIVEN the command function's logical ID and its alias in the synthesized template
        Map<String, Object> resources = map(synth.templateJson("NorthwindService").get("Resources"));
        String logicalId = resources.entrySet().stream()
                .filter(e -> "AWS::Lambda::Function".equals(map(e.getValue()).get("Type")))
                .filter(e -> String.valueOf(map(map(e.getValue()).get("Properties")).get("Handler"))
                        .startsWith("com.example.northwind.command.CommandHandler::"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        String alias = resources.values().stream().map(LocalRunEndToEndTest::map)
                .filter(r -> "AWS::Lambda::Alias".equals(r.get("Type")))
                .filter(r -> Map.of("Ref", logicalId).equals(map(r.get("Properties")).get("FunctionName")))
                .map(r -> String.valueOf(map(r.get("Properties")).get("Name"))).findFirst().orElseThrow();
        assertEquals("live", alias);

        // WHEN a command on an order that does not exist is invoked through "command:live", by full ARN with the
        // alias, and by logical ID
        String request = "{\"command\":\"shipOrder\",\"params\":{\"orderId\":0}}";
        InvokeResponse byAlias = invoke("command:" + alias, request);
        InvokeResponse byArn = invoke("arn:aws:lambda:us-east-1:000000000000:function:command:" + alias, request);
        InvokeResponse byId = invoke(logicalId, request);

        // THEN each reaches the command function, which answers NotFound naming the order (nothing written), and
        // the alias runs the version it points to
        for (InvokeResponse response : List.of(byAlias, byArn, byId)) {
            assertNull(response.functionError());
            Map<String, Object> error = map(json(response).get("error"));
            assertEquals("NotFound", error.get("type"), error.toString());
            assertTrue(String.valueOf(error.get("message")).contains("order 0"), error.toString());
        }
        assertEquals("1", byAlias.executedVersion());
        assertEquals("1", byArn.executedVersion());
        assertEquals("$LATEST", byId.executedVersion());
    }

    @Test
    void runLocalCommand_printsTheResultAsLines_andAReplayForARepeatedIdempotencyKey() {
        // GIVEN the one-off `command` of run-local pointed at this stack's DynamoDB and table
        String[] args = {"command", "placeOrder", "--param", "customerId=ALFKI", "--param", "employeeId=1",
                "--param", "orderDate=1996-01-03", "--line", "11:2", "--line", "72:1", "--idempotency-key", "e2e-cli-1",
                "--ddb-endpoint", stack.dynamoEndpoint().toString(), "--table", TABLE, "--cdk-out", cdkOut.toString()};

        // WHEN it runs, and runs again with the same idempotency key
        java.io.ByteArrayOutputStream first = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream again = new java.io.ByteArrayOutputStream();
        int firstExit = LocalRun.run(CliOptions.parse(args), new PrintStream(first, true, java.nio.charset.StandardCharsets.UTF_8));
        int againExit = LocalRun.run(CliOptions.parse(args), new PrintStream(again, true, java.nio.charset.StandardCharsets.UTF_8));

        // THEN it prints the command, the order as field: value lines, its lines as a table and the stats ...
        String printed = first.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, firstExit, printed);
        assertTrue(printed.startsWith("command: placeOrder\norder:\n"), printed);
        assertTrue(printed.contains("\n  customerID: ALFKI\n") && printed.contains("\n  orderDate: 1996-01-03\n"), printed);
        assertTrue(printed.contains("lines:\n+-") && printed.contains("| productID ") && printed.contains("2 items"), printed);
        assertTrue(printed.contains("\nstats: requests="), printed);
        // ... and the repeat answers the same order, marked as replayed
        String replayed = again.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, againExit, replayed);
        assertEquals(orderIdLine(printed), orderIdLine(replayed));
        assertTrue(replayed.contains("replayed=true"), replayed);
    }

    @Test
    void runLocalCommand_refusedCommand_exitsWith2() {
        // GIVEN a shipOrder for an order that does not exist
        // WHEN the one-off command runs against this stack
        int exit = LocalRun.run(CliOptions.parse("command", "shipOrder", "--orderId", "0",
                "--ddb-endpoint", stack.dynamoEndpoint().toString(), "--table", TABLE, "--cdk-out", cdkOut.toString()),
                new PrintStream(PrintStream.nullOutputStream()));

        // THEN it fails like a bad command line would (the function's NotFound goes to stderr)
        assertEquals(2, exit);
    }

    @Test
    void runLocalQueryAndCommand_useTheStackServedFromThisFolder_throughItsLambdaApi_andTheirTokensPage() throws IOException {
        // GIVEN this stack recorded as served from a folder (as serve records it), with every Lambda API call counted
        StackRegistry registry = new StackRegistry(java.nio.file.Files.createTempDirectory("run-local-registry"));
        Path state = registry.register(new StackRegistry.Stack(ProcessHandle.current().pid(), java.time.Instant.now(),
                stack.lambdaEndpoint(), stack.dynamoEndpoint(), TABLE, null));
        List<String> served = java.util.Collections.synchronizedList(new ArrayList<>());
        stack.onCall(call -> served.add(call.function()));
        try {
            // WHEN a one-off query runs from that folder with no flags
            Output first = runLocal(registry, "query", "recentOrders", "--limit", "3");

            // THEN it says on stderr that it uses that stack, and the stack's Lambda API answered it
            assertEquals(0, first.exit(), first.err());
            assertTrue(first.err().startsWith("run-local: using the stack running here (pid " + ProcessHandle.current().pid()
                    + ", Lambda API " + stack.lambdaEndpoint() + ", table " + TABLE + ")"), first.err());
            assertEquals(List.of("query"), served);
            // AND the nextToken it printed continues with --next-token on the next call: the next three orders
            String token = first.out().lines().filter(l -> l.startsWith("nextToken: ")).map(l -> l.substring(11))
                    .findFirst().orElseThrow(() -> new AssertionError("no nextToken in " + first.out()));
            Output second = runLocal(registry, "query", "recentOrders", "--limit", "3", "--next-token", token, "--json");
            assertEquals(0, second.exit(), second.err());
            List<String> expected = NorthwindCsv.rows("orders.csv").stream()
                    .sorted(Comparator.comparing((Map<String, String> r) -> r.get("orderDate"))
                            .thenComparing(r -> Long.parseLong(r.get("orderID"))).reversed())
                    .skip(3).limit(3).map(r -> r.get("orderID")).toList();
            List<String> page = ((List<?>) JSON.std.mapFrom(second.out()).get("items")).stream()
                    .map(i -> String.valueOf(map(i).get("orderID"))).toList();
            assertEquals(expected, page);

            // AND WHEN a command places an order through it, a following query sees it (one table, shared)
            Output placed = runLocal(registry, "command", "placeOrder", "--customerId", "VINET", "--employeeId", "2",
                    "--orderDate", "1996-01-04", "--line", "14:1", "--json");
            assertEquals(0, placed.exit(), placed.err());
            Object orderId = map(map(JSON.std.mapFrom(placed.out()).get("result")).get("order")).get("orderID");
            Output read = runLocal(registry, "query", "order", "--orderId", String.valueOf(orderId));
            assertTrue(read.out().contains("| VINET "), read.out());
            assertEquals(List.of("query", "query", "command", "query"), served);
            // AND a call naming another table with --table does not take this stack's data for it
            assertTrue(LocalRun.runningStack(CliOptions.parse("query", "recentOrders", "--table", "another-table"), registry,
                    new PrintStream(PrintStream.nullOutputStream())).isEmpty());
        } finally {
            stack.onCall(call -> { });
            registry.remove(state);
        }
    }

    @Test
    void runningStack_ignoresStaleStateFiles_andRefusesALambdaPortWhereNothingAnswers() throws IOException {
        // GIVEN a state file of a process that is gone, and one of this process whose Lambda API port is closed
        StackRegistry registry = new StackRegistry(java.nio.file.Files.createTempDirectory("run-local-registry"));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        java.net.URI closed = java.net.URI.create("http://127.0.0.1:" + closedPort);
        registry.register(new StackRegistry.Stack(deadPid(), java.time.Instant.now(), stack.lambdaEndpoint(),
                stack.dynamoEndpoint(), TABLE, null));
        registry.register(new StackRegistry.Stack(ProcessHandle.current().pid(), java.time.Instant.now(), closed,
                stack.dynamoEndpoint(), TABLE, null));
        java.io.ByteArrayOutputStream notes = new java.io.ByteArrayOutputStream();

        // WHEN a one-off call looks for a running stack
        // THEN neither is used (the call would start a temporary stack), and nothing is said about them
        assertTrue(LocalRun.runningStack(CliOptions.parse("query", "recentOrders"), registry, new PrintStream(notes)).isEmpty());
        assertEquals("", notes.toString());
        // AND --lambda-port naming the closed port is refused, naming the port and how to start a stack there
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> LocalRun.runningStack(
                CliOptions.parse("query", "recentOrders", "--lambda-port", String.valueOf(closedPort)), registry,
                new PrintStream(notes)));
        assertTrue(refused.getMessage().contains(closed.toString()) && refused.getMessage().contains("--lambda-port " + closedPort),
                refused.getMessage());
        // AND --lambda-port naming this stack's port (not recorded anywhere) finds it by asking its Lambda API
        assertEquals(stack.lambdaEndpoint(), LocalRun.runningStack(CliOptions.parse("query", "recentOrders", "--lambda-port",
                String.valueOf(stack.lambdaEndpoint().getPort())), registry, new PrintStream(notes)).orElseThrow());
    }

    /** A pid no process has: one past the highest live one is free for a moment, long enough for this check. */
    private static long deadPid() {
        long pid = ProcessHandle.allProcesses().mapToLong(ProcessHandle::pid).max().orElse(1) + 1000;
        while (ProcessHandle.of(pid).isPresent()) {
            pid++;
        }
        return pid;
    }

    /** What a one-off run printed, as LocalRun.main runs it from a folder whose registry is {@code registry}. */
    private record Output(int exit, String out, String err) {
    }

    private static Output runLocal(StackRegistry registry, String... args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int exit = LocalRun.run(CliOptions.parse(args), new PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                new PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8), registry);
        return new Output(exit, out.toString(java.nio.charset.StandardCharsets.UTF_8),
                err.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String orderIdLine(String printed) {
        return printed.lines().filter(l -> l.startsWith("  orderID: ")).findFirst()
                .orElseThrow(() -> new AssertionError("no orderID line in " + printed));
    }

    @Test
    void invoke_unknownFunction_throwsResourceNotFound() {
        // GIVEN a name no local function answers to
        // WHEN it is invoked
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                () -> invoke("no-such-function", "{}"));

        // THEN the SDK raises Lambda's own ResourceNotFoundException, naming the function
        assertEquals(404, e.statusCode());
        assertTrue(e.getMessage().contains("Function not found") && e.getMessage().contains("no-such-function"),
                e.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void table_matchesTheSynthesizedTemplate() {
        // GIVEN the AWS::DynamoDB::Table of the synthesized data stack
        Map<String, Object> table = map(map(synth.templateJson("NorthwindData").get("Resources"))
                .values().stream().map(LocalRunEndToEndTest::map)
                .filter(r -> "AWS::DynamoDB::Table".equals(r.get("Type"))).findFirst().orElseThrow().get("Properties"));

        // WHEN the local table is described
        TableDescription actual = dynamo.describeTable(b -> b.tableName(TABLE)).table();

        // THEN every field that shapes the data equals the template's
        assertEquals(pairs((List<Object>) table.get("KeySchema"), "AttributeName", "KeyType"),
                actual.keySchema().stream().map(k -> k.attributeName() + "=" + k.keyTypeAsString()).toList());
        assertEquals(new TreeSet<>(pairs((List<Object>) table.get("AttributeDefinitions"), "AttributeName", "AttributeType")),
                actual.attributeDefinitions().stream().map(a -> a.attributeName() + "=" + a.attributeTypeAsString())
                        .collect(Collectors.toCollection(TreeSet::new)));
        assertEquals(table.get("BillingMode"), actual.billingModeSummary().billingModeAsString());
        List<Object> expectedIndexes = (List<Object>) table.get("GlobalSecondaryIndexes");
        assertEquals(expectedIndexes.size(), actual.globalSecondaryIndexes().size());
        for (Object indexValue : expectedIndexes) {
            Map<String, Object> index = map(indexValue);
            GlobalSecondaryIndexDescription gsi = actual.globalSecondaryIndexes().stream()
                    .filter(g -> g.indexName().equals(index.get("IndexName"))).findFirst().orElseThrow();
            assertEquals(pairs((List<Object>) index.get("KeySchema"), "AttributeName", "KeyType"),
                    gsi.keySchema().stream().map(k -> k.attributeName() + "=" + k.keyTypeAsString()).toList());
            Map<String, Object> projection = map(index.get("Projection"));
            assertEquals(projection.get("ProjectionType"), gsi.projection().projectionTypeAsString());
            assertEquals(projection.getOrDefault("NonKeyAttributes", List.of()), gsi.projection().nonKeyAttributes());
        }
        assertEquals(actual.localSecondaryIndexes().size(),
                ((List<Object>) table.getOrDefault("LocalSecondaryIndexes", List.of())).size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void streamConsumer_readsTheTablesStreamAsTheTemplateSays_andDoesEveryMatchingRecordOfTheSeed() throws Exception {
        // GIVEN the served stack: its table streams what the template's StreamSpecification says ...
        Map<String, Object> table = map(map(synth.templateJson("NorthwindData").get("Resources"))
                .values().stream().map(LocalRunEndToEndTest::map)
                .filter(r -> "AWS::DynamoDB::Table".equals(r.get("Type"))).findFirst().orElseThrow().get("Properties"));
        TableDescription actual = dynamo.describeTable(b -> b.tableName(TABLE)).table();
        assertEquals(map(table.get("StreamSpecification")).get("StreamViewType"),
                actual.streamSpecification().streamViewTypeAsString());
        assertTrue(actual.streamSpecification().streamEnabled());
        // ... and a stream consumer runs the template's mapping, named on the Ready line
        com.example.northwind.local.stream.StreamConsumer consumer = stack.streamConsumer().orElseThrow();
        assertTrue(consumer.readySummary().contains("failed batches → "), consumer.readySummary());

        // WHEN it is waited for
        assertTrue(consumer.awaitCaughtUp(java.time.Duration.ofMinutes(2)), consumer.status().toString());

        // THEN it did exactly the records of the stream that pass the mapping's filters (counted here from the stream
        // itself, read independently), the seed's among them, and gave up on none
        com.example.northwind.model.EventFilter filter = com.example.northwind.model.EventFilter.of(
                com.example.northwind.model.StreamSources.FILTER_PATTERNS);
        String arn = actual.latestStreamArn();
        long matching = com.example.northwind.testsupport.StreamMappingHarness.allRecords(stack.dynamoEndpoint(), arn).stream()
                .filter(r -> filter.matches(com.example.northwind.lambda.StreamRecords.lambdaRecord(r, arn))).count();
        long seedOrders = NorthwindCsv.rows("orders.csv").size();
        assertTrue(matching >= seedOrders, matching + " matching records for " + seedOrders + " seeded orders");
        assertEquals(matching, consumer.status().recordsDone(), consumer.status().toString());
        assertEquals(0, consumer.status().failedBatches());
        assertEquals("caught up", consumer.status().describe());
    }

    @Test
    void designTable_usedByTestsAndBenchmarks_equalsTheSynthesizedTemplatesTable() {
        // GIVEN the table definition of the synthesized data stack
        Map<String, Object> properties = map(map(synth.templateJson("NorthwindData").get("Resources"))
                .values().stream().map(LocalRunEndToEndTest::map)
                .filter(r -> "AWS::DynamoDB::Table".equals(r.get("Type"))).findFirst().orElseThrow().get("Properties"));

        // WHEN both are turned into a CreateTable request
        CreateTableRequest fromTemplate = TemplateTable.createTableRequest(properties, "t");
        CreateTableRequest design = DesignTable.createTableRequest("t");

        // THEN the tests' and benchmarks' tables are the deployed table (attribute order aside)
        assertEquals(design.keySchema(), fromTemplate.keySchema());
        assertEquals(design.globalSecondaryIndexes(), fromTemplate.globalSecondaryIndexes());
        assertEquals(design.billingMode(), fromTemplate.billingMode());
        assertEquals(new TreeSet<>(design.attributeDefinitions().stream().map(Object::toString).toList()),
                new TreeSet<>(fromTemplate.attributeDefinitions().stream().map(Object::toString).toList()));
        assertEquals(design.localSecondaryIndexes(), fromTemplate.localSecondaryIndexes());
    }

    @Test
    void serve_whenSeveralPortsAreTaken_namesThemAllInOneMessage_beforeStartingAnything() throws IOException {
        try (ServerSocket ddb = new ServerSocket(); ServerSocket ui = new ServerSocket()) {
            // GIVEN DynamoDB Local's and the explorer's ports in use (the Lambda API's free)
            ddb.bind(new InetSocketAddress("127.0.0.1", 0));
            ui.bind(new InetSocketAddress("127.0.0.1", 0));
            int lambdaPort;
            try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                lambdaPort = free.getLocalPort();
            }
            StackRegistry registry = new StackRegistry(java.nio.file.Files.createTempDirectory("run-local-registry"));

            // WHEN serve is started on them
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> LocalRun.run(CliOptions.parse(
                    "--ddb-port", String.valueOf(ddb.getLocalPort()), "--lambda-port", String.valueOf(lambdaPort),
                    "--ui-port", String.valueOf(ui.getLocalPort()), "--cdk-out", cdkOut.toString()),
                    new PrintStream(PrintStream.nullOutputStream()), new PrintStream(PrintStream.nullOutputStream()), registry));

            // THEN one message names both taken ports, what each was for and its flag, and not the free one
            assertTrue(e.getMessage().startsWith("Ports already in use on 127.0.0.1: Port " + ddb.getLocalPort()
                    + " (DynamoDB Local, --ddb-port), Port " + ui.getLocalPort() + " (design explorer, --ui-port, or --no-ui)."),
                    e.getMessage());
            assertFalse(e.getMessage().contains(String.valueOf(lambdaPort)), e.getMessage());
            // AND nothing was started: the Lambda API's port is still free, no state file was written
            try (ServerSocket stillFree = new ServerSocket()) {
                stillFree.bind(new InetSocketAddress("127.0.0.1", lambdaPort));
            }
            assertTrue(registry.live().isEmpty());
        }
    }

    @Test
    void start_whenLambdaPortIsTaken_failsNamingThePort() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            // GIVEN a port already in use on 127.0.0.1
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();

            // WHEN the local stack is started with it as the Lambda API's port, then as DynamoDB Local's
            IllegalStateException lambdaPort = assertThrows(IllegalStateException.class, () -> LocalStack.start(
                    new LocalStack.Config(cdkOut, NorthwindData.locate(), TABLE, null, 0, null, port,
                            LocalStack.SeedPolicy.ALWAYS, new PrintStream(PrintStream.nullOutputStream()))));
            IllegalStateException ddbPort = assertThrows(IllegalStateException.class, () -> LocalStack.start(
                    new LocalStack.Config(cdkOut, NorthwindData.locate(), TABLE, null, port, null, 0,
                            LocalStack.SeedPolicy.ALWAYS, new PrintStream(PrintStream.nullOutputStream()))));

            // THEN each error names the port, what it was for and the flag that changes it
            assertTrue(lambdaPort.getMessage().contains("Port " + port + " ") && lambdaPort.getMessage().contains("--lambda-port"),
                    lambdaPort.getMessage());
            assertTrue(ddbPort.getMessage().contains("Port " + port + " ") && ddbPort.getMessage().contains("--ddb-port"),
                    ddbPort.getMessage());
        }
    }

    private static InvokeResponse invoke(String function, String payload) {
        return lambda.invoke(b -> b.functionName(function).payload(SdkBytes.fromUtf8String(payload)));
    }

    private static Map<String, Object> json(InvokeResponse response) throws IOException {
        return JSON.std.mapFrom(response.payload().asUtf8String());
    }

    private static List<Map<String, Object>> items(InvokeResponse response) throws IOException {
        Map<String, Object> answer = json(response);
        List<Map<String, Object>> items = new ArrayList<>();
        ((List<?>) answer.get("items")).forEach(i -> items.add(map(i)));
        return items;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static List<String> pairs(List<Object> elements, String name, String value) {
        return elements.stream().map(LocalRunEndToEndTest::map).map(e -> e.get(name) + "=" + e.get(value)).toList();
    }
}
