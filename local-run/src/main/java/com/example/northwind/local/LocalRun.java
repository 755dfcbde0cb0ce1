package com.example.northwind.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.example.northwind.local.explorer.CollectionViews;
import com.example.northwind.local.explorer.DesignExplorerServer;
import com.example.northwind.local.explorer.FunctionRunner;
import com.example.northwind.schema.NorthwindData;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs the system locally without an AWS account: {@code serve} starts DynamoDB Local and the query and command
 * functions' Lambda API until Ctrl-C; {@code query <pattern>} answers one pattern and exits; {@code command <name>}
 * runs one command and exits — on the stack served from this folder when one runs ({@link StackRegistry}), through
 * its Lambda API, else on a temporary stack started for the call.
 *
 * <p>Standard output carries only what this program prints (so {@code --json} output can be piped); notes about
 * where a call runs, and the handlers' JSON log lines ({@code --verbose}), go to standard error.
 */
public final class LocalRun {
    private LocalRun() {
    }

    public static void main(String[] args) {
        try {
            CliOptions options = CliOptions.parse(args);
            // Before the first logger: the handlers' JSON lines go to stderr, and only with --verbose.
            LocalLogging.configure(options.verbose());
            System.exit(run(options, System.out, System.err, StackRegistry.ofProject(NorthwindData.projectRoot())));
        } catch (IllegalArgumentException e) {
            System.err.println("run-local: " + e.getMessage());
            System.err.println("Try ./run-local.sh " + (args.length > 0 && (args[0].equals("query") || args[0].equals("command"))
                    ? args[0] + " " : "") + "--help.");
            System.exit(2);
        } catch (IllegalStateException e) {
            System.err.println("run-local: " + e.getMessage());
            System.exit(1);
        } catch (SdkException e) {
            // DynamoDB refused something (a bad --ddb-endpoint table, an access error): its message, no stack trace.
            System.err.println("run-local: DynamoDB call failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** With this project's stack registry, notes on stderr. */
    static int run(CliOptions options, PrintStream out) {
        return run(options, out, System.err, StackRegistry.ofProject(NorthwindData.projectRoot()));
    }

    /**
     * @param err      where notes go (which stack a call runs on, the next page's flag)
     * @param registry where served stacks are recorded and one-off calls look for them
     */
    static int run(CliOptions options, PrintStream out, PrintStream err, StackRegistry registry) {
        switch (options.command()) {
            case HELP -> {
                out.print(CliOptions.usage(options.helpFor()));
                return 0;
            }
            case QUERY -> {
                return once(options, out, err, registry, LocalStack.QUERY_FUNCTION, options.request(), QueryTablePrinter::print);
            }
            case COMMAND -> {
                return once(options, out, err, registry, LocalStack.COMMAND_FUNCTION, options.commandRequest(),
                        CommandResultPrinter::print);
            }
            default -> {
                serve(options, out, registry);
                return 0;
            }
        }
    }

    private static LocalStack.Config config(CliOptions options, int lambdaPort, LocalStack.SeedPolicy policy, PrintStream console) {
        Path cdkOut = options.cdkOut() != null ? options.cdkOut() : NorthwindData.projectRoot().resolve("cdk.out");
        Path dataDir = options.dataDir() != null ? options.dataDir().toAbsolutePath().normalize() : NorthwindData.locate();
        return new LocalStack.Config(cdkOut, dataDir, options.tableName(), options.ddbEndpoint(), options.ddbPort(),
                options.dbPath(), lambdaPort, policy, console, options.tokenKeyFile(), options.allowMassDelete());
    }

    /**
     * Every port serve listens on, checked together before anything starts. A feature with a port of its own (an HTTP
     * API, say) adds one line here.
     */
    static List<PortCheck.PortUse> servePorts(CliOptions options) {
        List<PortCheck.PortUse> ports = new ArrayList<>(LocalStack.ports(config(options, options.lambdaPort(),
                LocalStack.SeedPolicy.ALWAYS, System.out)));
        ports.add(new PortCheck.PortUse(options.uiPort(), "design explorer", "--ui-port, or --no-ui"));
        ports.add(new PortCheck.PortUse(options.api().port(), "HTTP API", "--api-port, or --no-api"));
        return ports;
    }

    private static void serve(CliOptions options, PrintStream out, StackRegistry registry) {
        long start = System.nanoTime();
        requirePortsFree(servePorts(options), registry);
        // Registered before start-up. Ctrl-C during start-up ends this JVM, and with it everything it started
        // (DynamoDB Local runs in-process; an on-disk database is SQLite, which recovers an interrupted write).
        AtomicReference<LocalStack> running = new AtomicReference<>();
        AtomicReference<DesignExplorerServer> explorer = new AtomicReference<>();
        AtomicReference<Path> stateFile = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Path state = stateFile.getAndSet(null);
            if (state != null) {
                registry.remove(state);
            }
            DesignExplorerServer page = explorer.getAndSet(null);
            if (page != null) {
                page.close();
            }
            LocalStack stack = running.getAndSet(null);
            if (stack != null) {
                out.println("Stopping…");
                stack.close();
                out.println("Stopped: nothing left running.");
                out.flush();
            }
            stopped.countDown();
        }, "run-local-shutdown"));
        LocalStack stack = LocalStack.start(config(options, options.lambdaPort(), LocalStack.SeedPolicy.ALWAYS, out));
        running.set(stack);
        CallLog calls = new CallLog(out);
        stack.onCall(calls);
        ReadyLine ready = new ReadyLine()
                .add("DynamoDB", stack.dynamoEndpoint(), "table " + options.tableName())
                .add("Lambda API", stack.lambdaEndpoint(), "functions " + LocalStack.QUERY_FUNCTION + ", " + LocalStack.COMMAND_FUNCTION);
        LocalHttpApi api = options.api().enabled() ? stack.adopt(LocalHttpApi.start(options.api(), stack.functions())) : null;
        if (api != null) {
            api.onCall(calls);
            ready.add("HTTP API", api.endpoint(), api.credentials());
        }
        URI page = null;
        if (options.uiPort() >= 0) {
            explorer.set(DesignExplorerServer.start(options.uiPort(),
                    new FunctionRunner(stack.functions(), stack.recorder(), calls),
                    new CollectionViews(stack.dynamo(), options.tableName()), stack.streamConsumer().orElse(null)));
            page = explorer.get().endpoint();
            ready.add("design explorer", page, null);
        }
        stack.streamConsumer().ifPresent(c -> ready.add("stream consumer", null, c.readySummary()));
        out.println(ready.line((System.nanoTime() - start) / 1e9));
        stack.streamConsumer().ifPresent(c -> c.whenCaughtUp(status -> out.println("Stream consumer " + status)));
        out.println(ReadyLine.examples(stack.lambdaEndpoint().toString(), stack.dynamoEndpoint().toString(),
                options.tableName()));
        if (api != null) {
            out.println(api.examples());
        }
        out.println("Each call is logged below" + (options.verbose() ? ", with the handlers' JSON lines on stderr" : "")
                + ". Ctrl-C stops everything.");
        out.flush();
        stateFile.set(registry.register(new StackRegistry.Stack(ProcessHandle.current().pid(), Instant.now(),
                stack.lambdaEndpoint(), stack.dynamoEndpoint(), options.tableName(), page)));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** All taken ports in one message; when a stack served from this folder holds them, it says so. */
    private static void requirePortsFree(List<PortCheck.PortUse> ports, StackRegistry registry) {
        List<PortCheck.PortUse> taken = PortCheck.taken(ports);
        if (taken.isEmpty()) {
            return;
        }
        String hint = registry.live().stream().map(s -> " A stack started by ./run-local.sh runs here already ("
                + s.describe() + "): use it, or stop it with Ctrl-C in its terminal.").findFirst().orElse("");
        throw new IllegalStateException(PortCheck.message(taken) + hint);
    }

    /**
     * One query or command, then exit: through the Lambda API of the stack served from this folder (or of the one
     * on {@code --lambda-port}, or serving the {@code --ddb-endpoint} table), else with the function run in this
     * process on the {@code --ddb-endpoint} table or on a temporary stack. Stderr says which, in one line. A refused
     * request (ValidationError, NotFound, Conflict: nothing written) exits 2; a function error exits 1.
     */
    private static int once(CliOptions options, PrintStream out, PrintStream err, StackRegistry registry, String function,
                            Map<String, Object> payload, BiConsumer<Map<String, Object>, PrintStream> printer) {
        byte[] request = Payloads.bytes(payload);
        Optional<URI> lambda = runningStack(options, registry, err);
        if (lambda.isPresent()) {
            try {
                LambdaApiClient.Answer answer = LambdaApiClient.invoke(lambda.get(), function, request);
                return print(options, out, err, function, answer.body(), answer.functionError(), printer, false);
            } catch (IOException e) {
                throw new IllegalStateException("The stack at " + lambda.get() + " did not answer: " + e.getMessage(), e);
            }
        }
        if (options.ddbEndpoint() != null) {
            err.println("run-local: running the " + function + " function in this process on table " + options.tableName()
                    + " of " + options.ddbEndpoint() + " (no stack served from this folder uses it)");
        } else {
            err.println("run-local: no stack started by ./run-local.sh is running here, so this call starts a temporary"
                    + " one (DynamoDB Local in memory, seeded; its data is thrown away when the call ends). Run"
                    + " ./run-local.sh in another terminal for calls that share their data.");
        }
        try (LocalStack stack = LocalStack.start(config(options, -1, LocalStack.SeedPolicy.IF_CREATED, err))) {
            LocalFunction served = stack.function(function);
            RequestStreamHandler handler = function.equals(LocalStack.QUERY_FUNCTION) ? stack.queryHandler() : stack.commandHandler();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                handler.handleRequest(new ByteArrayInputStream(request), answer, new LocalContext(
                        served.name(), UUID.randomUUID().toString(), served.timeoutMillis(), served.memoryMb()));
            } catch (RuntimeException | IOException e) {
                err.println("run-local: the " + function + " function failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                return 1;
            }
            return print(options, out, err, function, answer.toByteArray(), false, printer, options.ddbEndpoint() == null);
        }
    }

    /**
     * The Lambda API of the stack a one-off call should use, if any: the one on {@code --lambda-port} (served from
     * this folder or not: it must answer), the one serving the {@code --ddb-endpoint} table, or else the stack most
     * recently started from this folder (serving the {@code --table} named, when one is). Says which on {@code err}.
     *
     * @throws IllegalStateException when {@code --lambda-port} names a port where no local stack answers
     */
    static Optional<URI> runningStack(CliOptions options, StackRegistry registry, PrintStream err) {
        if (options.lambdaPort() != CliOptions.NO_PORT) {
            Optional<StackRegistry.Stack> known = registry.liveOnLambdaPort(options.lambdaPort());
            URI endpoint = known.map(StackRegistry.Stack::lambdaEndpoint)
                    .orElse(URI.create("http://" + LocalDynamoDbServer.LOOPBACK + ":" + options.lambdaPort()));
            if (known.isEmpty() && !LambdaApiClient.serves(endpoint, LocalStack.QUERY_FUNCTION)) {
                throw new IllegalStateException("No local stack answers on " + endpoint + " (--lambda-port): start one with"
                        + " ./run-local.sh --lambda-port " + options.lambdaPort() + ", or leave the flag out to use the"
                        + " stack started here (or a temporary one).");
            }
            err.println("run-local: using the stack at " + known.map(StackRegistry.Stack::describe).orElse("Lambda API " + endpoint));
            return Optional.of(endpoint);
        }
        // A table named with --table (not the default) must be the stack's: another table is not "its" data.
        boolean tableNamed = !options.tableName().equals(CliOptions.DEFAULT_TABLE);
        Optional<StackRegistry.Stack> stack = options.ddbEndpoint() != null
                ? registry.liveOn(options.ddbEndpoint(), options.tableName())
                : registry.live().stream().filter(s -> !tableNamed || s.table().equals(options.tableName())).findFirst();
        stack.ifPresent(s -> err.println("run-local: using the stack running here (" + s.describe() + ")"));
        return stack.map(StackRegistry.Stack::lambdaEndpoint);
    }

    /** Prints the answer readably (raw with --json); the exit code: 0, 2 for a refused request, 1 for a function error. */
    private static int print(CliOptions options, PrintStream out, PrintStream err, String function, byte[] body,
                             boolean functionError, BiConsumer<Map<String, Object>, PrintStream> printer, boolean temporary) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (functionError) {
            err.println("run-local: the " + function + " function failed: " + text);
            return 1;
        }
        if (options.json()) {
            out.println(text);
            return 0;
        }
        Object parsed;
        try {
            parsed = JSON.std.anyFrom(text);
        } catch (IOException e) {
            out.println(text);
            return 0;
        }
        if (parsed instanceof Map<?, ?> map && map.get("error") instanceof Map<?, ?> error) {
            // The function's own answer to a refused request: say it plainly, and fail like a bad command would.
            err.println("run-local: " + error.get("type") + ": " + error.get("message"));
            return 2;
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            out.println(text);
            return 0;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = (Map<String, Object>) map;
        printer.accept(answer, out);
        if (answer.get("nextToken") != null) {
            err.println(temporary
                    ? "run-local: this nextToken belongs to the temporary stack, gone with this call; start ./run-local.sh to page across calls."
                    : "run-local: next page: the same command with --next-token " + answer.get("nextToken"));
        }
        return 0;
    }
}
