package com.example.northwind.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.example.northwind.local.explorer.RequestRecorder;
import com.example.northwind.local.stream.StreamConsumer;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * The whole stack on one machine, assembled from the synthesized app: DynamoDB Local (or a given endpoint),
 * the table created from the template, seeded (or migrated: expand, then contract) by the real seeder handler with
 * the template's Create events, driven as the Provider framework drives it ({@link SeedRunner}),
 * and the real query and command handlers behind the Lambda Invoke API. Closing it stops everything it started.
 */
public final class LocalStack implements AutoCloseable {
    public static final String QUERY_FUNCTION = "query";
    public static final String COMMAND_FUNCTION = "command";
    static final String QUERY_HANDLER_PREFIX = QueryFunctionFactory.HANDLER_CLASS + "::";
    static final String COMMAND_HANDLER_PREFIX = CommandFunctionFactory.HANDLER_CLASS + "::";

    /** When to seed: always converge (serve), or only a table this run had to create (query against an endpoint). */
    public enum SeedPolicy { ALWAYS, IF_CREATED }

    /**
     * @param ddbEndpoint an existing DynamoDB, or null to start DynamoDB Local on {@code ddbPort} (0 = free port)
     * @param dbPath      DynamoDB Local's on-disk folder, or null for in-memory
     * @param lambdaPort  the Lambda API's port (0 = free port), or -1 for none (the query command)
     */
    public record Config(Path cdkOut, Path dataDir, String tableName, URI ddbEndpoint, int ddbPort, Path dbPath,
                         int lambdaPort, SeedPolicy seedPolicy, PrintStream console, Path tokenKeyFile,
                         boolean allowMassDelete) {
        /** Without a token key file (see {@link LocalTokenKey}) and without allowing mass deletes. */
        public Config(Path cdkOut, Path dataDir, String tableName, URI ddbEndpoint, int ddbPort, Path dbPath,
                      int lambdaPort, SeedPolicy seedPolicy, PrintStream console) {
            this(cdkOut, dataDir, tableName, ddbEndpoint, ddbPort, dbPath, lambdaPort, seedPolicy, console, null, false);
        }
    }

    private final List<AutoCloseable> started;
    private final LocalDynamoDbServer dynamoServer;
    private final URI dynamoEndpoint;
    private final DynamoDbClient dynamo;
    private final RequestStreamHandler queryHandler;
    private final RequestStreamHandler commandHandler;
    private final LambdaInvokeServer lambdaServer;
    private final Map<String, Object> seeded;
    private final List<LocalFunction> functions;
    private final RequestRecorder recorder;
    private final StreamConsumer streamConsumer;

    private LocalStack(List<AutoCloseable> started, LocalDynamoDbServer dynamoServer, URI dynamoEndpoint,
                       DynamoDbClient dynamo, RequestStreamHandler queryHandler, RequestStreamHandler commandHandler,
                       LambdaInvokeServer lambdaServer, Map<String, Object> seeded, List<LocalFunction> functions,
                       RequestRecorder recorder, StreamConsumer streamConsumer) {
        this.started = started;
        this.dynamoServer = dynamoServer;
        this.dynamoEndpoint = dynamoEndpoint;
        this.dynamo = dynamo;
        this.queryHandler = queryHandler;
        this.commandHandler = commandHandler;
        this.lambdaServer = lambdaServer;
        this.seeded = seeded;
        this.functions = functions;
        this.recorder = recorder;
        this.streamConsumer = streamConsumer;
    }

    public static LocalStack start(Config config) {
        // Everything read from the template first: a broken or stale cdk.out fails before anything starts.
        CloudAssembly assembly = CloudAssembly.read(config.cdkOut());
        CreateTableRequest table = TemplateTable.createTableRequest(
                assembly.onlyResource(SeedEventFactory.DATA_STACK, SeedEventFactory.TABLE_RESOURCE_TYPE).properties(),
                config.tableName());
        Map<String, Object> createEvent = SeedEventFactory.createEvent(assembly, config.tableName(), config.allowMassDelete());
        Map<String, Object> contractEvent = SeedEventFactory.contractEvent(assembly, config.tableName());
        byte[] tokenKey = LocalTokenKey.resolve(config.tokenKeyFile(), config.dbPath(), config.console());
        CloudAssembly.Resource queryFunction = queryFunction(assembly);
        CloudAssembly.Resource commandFunction = commandFunction(assembly);
        PortCheck.requireFree(ports(config));

        List<AutoCloseable> started = new ArrayList<>();
        try {
            LocalDynamoDbServer server = null;
            URI endpoint = config.ddbEndpoint();
            if (endpoint == null) {
                server = LocalDynamoDbServer.start(config.ddbPort(), config.dbPath());
                started.add(server);
                endpoint = server.endpoint();
            }
            WriteCounter counter = new WriteCounter();
            RequestRecorder recorder = new RequestRecorder();
            DynamoDbClient dynamo = client(endpoint, counter, recorder);
            recorder.readBeforeWritesWith(dynamo);
            started.add(dynamo);

            boolean created = TableProvisioner.ensureTable(dynamo, table);
            config.console().println((created ? "Created table " : "Using existing table ") + config.tableName()
                    + " at " + endpoint + " from " + SeedEventFactory.DATA_STACK + "/" + assembly.onlyResource(
                    SeedEventFactory.DATA_STACK, SeedEventFactory.TABLE_RESOURCE_TYPE).logicalId());
            Map<String, Object> seeded = Map.of();
            if (created || config.seedPolicy() == SeedPolicy.ALWAYS) {
                SeedEventFactory.requireDataOfTemplate(createEvent, config.dataDir(), assembly);
                // Seed or expand, then contract: nothing serves yet, so no old reader needs the switch in between.
                seeded = new SeedRunner(dynamo, counter, config.console())
                        .seed(createEvent, contractEvent, config.tableName(), config.dataDir());
            }

            RequestStreamHandler handler = QueryFunctionFactory.create(dynamo, config.tableName(), tokenKey);
            RequestStreamHandler command = CommandFunctionFactory.create(dynamo, config.tableName());
            // One handler instance per execution environment, all sharing the (thread-safe) DynamoDB client.
            List<LocalFunction> functions = List.of(
                    localFunction(assembly, QUERY_FUNCTION, queryFunction,
                            () -> QueryFunctionFactory.create(dynamo, config.tableName(), tokenKey)),
                    localFunction(assembly, COMMAND_FUNCTION, commandFunction,
                            () -> CommandFunctionFactory.create(dynamo, config.tableName())));
            // Served runs only (a one-off query or command leaves the stream to the running stack's consumer).
            StreamConsumer streams = config.lambdaPort() < 0 ? null : StreamConsumerLauncher.start(assembly, endpoint,
                    config.tableName(), config.dbPath(), config.console()).orElse(null);
            if (streams != null) {
                started.add(streams);
            }
            LambdaInvokeServer lambda = null;
            if (config.lambdaPort() >= 0) {
                lambda = LambdaInvokeServer.start(config.lambdaPort(), functions);
                started.add(lambda);
            }
            return new LocalStack(started, server, endpoint, dynamo, handler, command, lambda, seeded, functions, recorder,
                    streams);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    /** The ports this stack will listen on (DynamoDB Local unless an endpoint is given, the Lambda API if served). */
    static List<PortCheck.PortUse> ports(Config config) {
        List<PortCheck.PortUse> ports = new ArrayList<>();
        if (config.ddbEndpoint() == null) {
            ports.add(new PortCheck.PortUse(config.ddbPort(), "DynamoDB Local", "--ddb-port"));
        }
        ports.add(new PortCheck.PortUse(config.lambdaPort(), "Lambda API", "--lambda-port"));
        return ports;
    }

    /** Tells {@code listener} of every call the Lambda API has finished (the serve console's line per call). */
    public void onCall(java.util.function.Consumer<CallLog.Call> listener) {
        if (lambdaServer != null) {
            lambdaServer.onCall(listener);
        }
    }

    public URI dynamoEndpoint() {
        return dynamoEndpoint;
    }

    /** @throws IllegalStateException when the stack was started without the Lambda API */
    public URI lambdaEndpoint() {
        if (lambdaServer == null) {
            throw new IllegalStateException("started without the Lambda API");
        }
        return lambdaServer.endpoint();
    }

    public RequestStreamHandler queryHandler() {
        return queryHandler;
    }

    /** A command handler of its own (not one of the Lambda API's environments), for one-off commands. */
    public RequestStreamHandler commandHandler() {
        return commandHandler;
    }

    /** The served function named {@code name} ({@code query}, {@code command}). */
    public LocalFunction function(String name) {
        return functions.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no local function " + name));
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    /** The functions the Lambda API serves (the same handler instances), for the design explorer. */
    public List<LocalFunction> functions() {
        return functions;
    }

    /** Records the DynamoDB requests of an invocation on the functions' client (see {@link RequestRecorder}). */
    public RequestRecorder recorder() {
        return recorder;
    }

    /** The local event source mapping on the table's stream, when this run serves one. */
    public java.util.Optional<StreamConsumer> streamConsumer() {
        return java.util.Optional.ofNullable(streamConsumer);
    }

    /** The seeder's response Data, empty when this run did not seed. */
    public Map<String, Object> seeded() {
        return seeded;
    }

    public boolean startedDynamoDbLocal() {
        return dynamoServer != null;
    }

    /** Something started on top of this stack (the HTTP API), stopped with it, first. */
    public <T extends AutoCloseable> T adopt(T startedOnTop) {
        started.add(startedOnTop);
        return startedOnTop;
    }

    @Override
    public void close() {
        closeAll(started);
    }

    private static void closeAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("run-local: stopping " + started.get(i).getClass().getSimpleName() + " failed: " + e.getMessage());
            }
        }
        started.clear();
    }

    /** Clients are built once per run; credentials are dummies because DynamoDB Local checks none. */
    static DynamoDbClient client(URI endpoint, ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(TemplateValues.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> List.of(interceptors).forEach(o::addExecutionInterceptor))
                .build();
    }

    /** The function whose handler is the QueryHandler: found by its Handler, not by a generated logical ID. */
    static CloudAssembly.Resource queryFunction(CloudAssembly assembly) {
        return functionWithHandler(assembly, QUERY_HANDLER_PREFIX);
    }

    /** The function whose handler is the CommandHandler: found by its Handler, not by a generated logical ID. */
    static CloudAssembly.Resource commandFunction(CloudAssembly assembly) {
        return functionWithHandler(assembly, COMMAND_HANDLER_PREFIX);
    }

    private static CloudAssembly.Resource functionWithHandler(CloudAssembly assembly, String handlerPrefix) {
        List<CloudAssembly.Resource> found = assembly.resources(SeedEventFactory.SERVICE_STACK, "AWS::Lambda::Function")
                .stream().filter(f -> String.valueOf(f.properties().get("Handler")).startsWith(handlerPrefix))
                .toList();
        if (found.size() != 1) {
            throw new IllegalStateException("Expected one function with handler " + handlerPrefix
                    + "handleRequest in " + SeedEventFactory.SERVICE_STACK + " of " + assembly.dir() + ", found "
                    + found.size() + (found.isEmpty() ? " (a cdk.out synthesized before the function existed? run"
                    + " `npx cdk synth` again, or let run-local.sh do it)." : "."));
        }
        return found.get(0);
    }

    /**
     * Names it answers to: {@code name} ("query", "command"), its logical ID, a literal FunctionName. Qualifiers: its published versions,
     * numbered 1, 2, … in template order as Lambda numbers them on a first deploy, and the template's aliases,
     * each running the version it points to.
     */
    static LocalFunction localFunction(CloudAssembly assembly, String name, CloudAssembly.Resource function,
                                       Supplier<? extends RequestStreamHandler> handlers) {
        Set<String> names = new LinkedHashSet<>();
        names.add(function.logicalId());
        if (function.properties().get("FunctionName") instanceof String literal) {
            names.add(literal);
        }
        Map<String, String> versionOfResource = new LinkedHashMap<>();
        for (CloudAssembly.Resource version : assembly.resources(SeedEventFactory.SERVICE_STACK, "AWS::Lambda::Version")) {
            if (refersTo(version, function)) {
                versionOfResource.put(version.logicalId(), String.valueOf(versionOfResource.size() + 1));
            }
        }
        Map<String, String> qualifiers = new LinkedHashMap<>();
        versionOfResource.values().forEach(v -> qualifiers.put(v, v));
        for (CloudAssembly.Resource alias : assembly.resources(SeedEventFactory.SERVICE_STACK, "AWS::Lambda::Alias")) {
            if (refersTo(alias, function)) {
                // FunctionVersion is {"Fn::GetAtt": [<version resource>, "Version"]}, or a literal version.
                Object target = alias.properties().get("FunctionVersion");
                String version = target instanceof Map<?, ?> getAtt && getAtt.get("Fn::GetAtt") instanceof List<?> parts
                        && !parts.isEmpty() ? versionOfResource.get(String.valueOf(parts.get(0)))
                        : target instanceof String literal ? literal : null;
                qualifiers.put(String.valueOf(alias.properties().get("Name")), version == null ? "1" : version);
            }
        }
        long timeoutMillis = function.properties().get("Timeout") instanceof Number t ? t.longValue() * 1000 : 3000;
        int memory = function.properties().get("MemorySize") instanceof Number m ? m.intValue() : 128;
        return new LocalFunction(name, names, qualifiers, handlers, timeoutMillis, memory);
    }

    private static boolean refersTo(CloudAssembly.Resource versionOrAlias, CloudAssembly.Resource function) {
        return versionOrAlias.properties().get("FunctionName") instanceof Map<?, ?> ref
                && function.logicalId().equals(ref.get("Ref"));
    }
}
