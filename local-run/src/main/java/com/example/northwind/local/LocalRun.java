package com.example.northwind.local;

import com.example.northwind.local.explorer.CollectionViews;
import com.example.northwind.local.explorer.DesignExplorerServer;
import com.example.northwind.local.explorer.FunctionRunner;
import com.example.northwind.model.CommandDefinitions;
import com.example.northwind.model.ModelDocs;
import com.example.northwind.schema.NorthwindData;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs the system locally without an AWS account: {@code serve} starts DynamoDB Local and the query and command
 * functions' Lambda API until Ctrl-C; {@code query <pattern>} answers one pattern and exits; {@code command <name>}
 * runs one command and exits.
 *
 * <p>Standard output carries only what this program prints (so {@code --json} output can be piped);
 * the handlers' JSON log lines go to standard error.
 */
public final class LocalRun {
    private LocalRun() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        try {
            CliOptions options = CliOptions.parse(args);
            // The handlers' JSON log lines (log4j2, see the Lambdas' log4j2.xml) go to stderr, so stdout carries
            // only this program's output; a one-off query or command shows only warnings unless --verbose.
            LocalLogging.configure((options.command() == CliOptions.Command.QUERY
                    || options.command() == CliOptions.Command.COMMAND) && !options.verbose());
            System.exit(run(options, out));
        } catch (IllegalArgumentException e) {
            System.err.println("run-local: " + e.getMessage());
            System.err.println("Try --help.");
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

    static int run(CliOptions options, PrintStream out) {
        switch (options.command()) {
            case HELP -> {
                out.print(CliOptions.USAGE);
                return 0;
            }
            case QUERY -> {
                return query(options, out);
            }
            case COMMAND -> {
                return command(options, out);
            }
            default -> {
                serve(options, out);
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

    private static void serve(CliOptions options, PrintStream out) {
        long start = System.nanoTime();
        // Registered before start-up. Ctrl-C during start-up ends this JVM, and with it everything it started
        // (DynamoDB Local runs in-process; an on-disk database is SQLite, which recovers an interrupted write).
        AtomicReference<LocalStack> running = new AtomicReference<>();
        AtomicReference<DesignExplorerServer> explorer = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
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
        if (options.uiPort() > 0) {
            PortCheck.requireFree(options.uiPort(), "design explorer", "--ui-port");
        }
        LocalStack stack = LocalStack.start(config(options, options.lambdaPort(), LocalStack.SeedPolicy.ALWAYS, out));
        running.set(stack);
        String ui = "";
        if (options.uiPort() >= 0) {
            explorer.set(DesignExplorerServer.start(options.uiPort(), new FunctionRunner(stack.functions(), stack.recorder()),
                    new CollectionViews(stack.dynamo(), options.tableName()), stack.streamConsumer().orElse(null)));
            ui = ", design explorer " + explorer.get().endpoint();
        }
        String ddb = stack.dynamoEndpoint().toString();
        String lambda = stack.lambdaEndpoint().toString();
        String streams = stack.streamConsumer().map(c -> ", stream consumer: " + c.readySummary()).orElse("");
        out.printf("Ready: DynamoDB %s (table %s), Lambda API %s (functions %s, %s)%s%s — %.1f s after start%n", ddb,
                options.tableName(), lambda, LocalStack.QUERY_FUNCTION, LocalStack.COMMAND_FUNCTION, ui, streams,
                (System.nanoTime() - start) / 1e9);
        stack.streamConsumer().ifPresent(c -> c.whenCaughtUp(status -> out.println("Stream consumer " + status)));
        out.println(examples(ddb, lambda, options.tableName()));
        out.println("Ctrl-C stops everything.");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String examples(String ddb, String lambda, String table) {
        return String.join("\n",
                "Try (the AWS CLI wants credentials and a region, any will do; CLI v1: drop --cli-binary-format):",
                "  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1",
                "  aws lambda invoke --endpoint-url " + lambda + " --function-name query --cli-binary-format raw-in-base64-out \\",
                "      --payload '{\"pattern\":\"employee\",\"params\":{\"employeeId\":2}}' /dev/stdout",
                "  aws lambda invoke --endpoint-url " + lambda + " --function-name query --cli-binary-format raw-in-base64-out \\",
                "      --payload '{\"pattern\":\"recentOrders\",\"limit\":5}' /dev/stdout",
                "  curl -s " + lambda + "/2015-03-31/functions/query/invocations -d '{\"pattern\":\"directReports\",\"params\":{\"employeeId\":2}}'",
                "  aws lambda invoke --endpoint-url " + lambda + " --function-name command --cli-binary-format raw-in-base64-out \\",
                "      --payload '" + COMMAND_EXAMPLE + "' /dev/stdout",
                "  aws dynamodb get-item --endpoint-url " + ddb + " --table-name " + table
                        + " --key '{\"pk\":{\"S\":\"EMPLOYEE#2\"},\"sk\":{\"S\":\"EMPLOYEE\"}}'",
                "  ./run-local.sh query recentOrders --limit 5 --ddb-endpoint " + ddb + " --table " + table,
                "  ./run-local.sh command placeOrder --param customerId=ALFKI --param employeeId=1 --line 11:2 --line 72:1 \\",
                "      --ddb-endpoint " + ddb + " --table " + table);
    }

    /** The command example of the Ready lines: placeOrder's example request from the item model. */
    static final String COMMAND_EXAMPLE = ModelDocs.payload(CommandDefinitions.byName("placeOrder").orElseThrow());

    /** One command, then exit: on a fresh seeded table, or on the table of a running stack with --ddb-endpoint. */
    private static int command(CliOptions options, PrintStream out) {
        return once(options, out, "command", options.commandRequest(), stack -> stack.commandHandler(),
                stack -> stack.function(LocalStack.COMMAND_FUNCTION), CommandResultPrinter::print);
    }

    private static int query(CliOptions options, PrintStream out) {
        return once(options, out, "query", options.request(), stack -> stack.queryHandler(),
                stack -> stack.function(LocalStack.QUERY_FUNCTION), QueryTablePrinter::print);
    }

    /**
     * Invokes one locally served function once and prints its answer readably (or raw with --json). A refused
     * request (ValidationError, NotFound, Conflict: nothing written) exits 2; a function error exits 1.
     */
    private static int once(CliOptions options, PrintStream out, String what, Object payload,
                            java.util.function.Function<LocalStack, com.amazonaws.services.lambda.runtime.RequestStreamHandler> handler,
                            java.util.function.Function<LocalStack, LocalFunction> function,
                            java.util.function.BiConsumer<Map<String, Object>, PrintStream> printer) {
        PrintStream console = options.json() ? System.err : out;
        try (LocalStack stack = LocalStack.start(config(options, -1, LocalStack.SeedPolicy.IF_CREATED, System.err))) {
            byte[] request = JSON.std.asBytes(payload);
            LocalFunction served = function.apply(stack);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                handler.apply(stack).handleRequest(new ByteArrayInputStream(request), answer, new LocalContext(
                        served.name(), UUID.randomUUID().toString(), served.timeoutMillis(), served.memoryMb()));
            } catch (RuntimeException e) {
                System.err.println("run-local: the " + what + " function failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                return 1;
            }
            String body = answer.toString(StandardCharsets.UTF_8);
            if (options.json()) {
                out.println(body);
                return 0;
            }
            Object parsed = JSON.std.anyFrom(body);
            if (parsed instanceof Map<?, ?> map && map.get("error") instanceof Map<?, ?> error) {
                // The function's own answer to a refused request: say it plainly, and fail like a bad command would.
                System.err.println("run-local: " + error.get("type") + ": " + error.get("message"));
                return 2;
            }
            if (parsed instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) map;
                printer.accept(typed, console);
            } else {
                console.println(body);
            }
            return 0;
        } catch (IOException e) {
            throw new IllegalStateException("The " + what + "'s JSON could not be read or written: " + e.getMessage(), e);
        }
    }
}
