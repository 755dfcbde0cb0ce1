package com.example.northwind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.schema.NorthwindData;
import com.example.northwind.testsupport.LocalDynamo;
import com.example.northwind.testsupport.SynthesizedApp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code ./run-local.sh} (serve) shows, in a JVM of its own as the script starts it (logging is configured once
 * per JVM): one line per call by default, the handlers' JSON lines on stderr with {@code --verbose} — as its help
 * says — a state file while it runs, and a clean stop without a Log4j warning. It serves a table seeded beforehand
 * on the test JVM's DynamoDB Local, so each start only finds the table seeded.
 */
class ServeConsoleTest {
    private static final String TABLE = "northwind-serve-console";
    private static final Pattern LAMBDA = Pattern.compile("Lambda API (http://127\\.0\\.0\\.1:[0-9]+)");
    private static Path cdkOut;
    private static URI ddb;

    @BeforeAll
    static void seedTheTable() {
        cdkOut = SynthesizedApp.defaults().assemblyDir();
        ddb = LocalDynamo.start().endpoint();
        LocalStack.start(new LocalStack.Config(cdkOut, NorthwindData.locate(), TABLE, ddb, 0, null, -1,
                LocalStack.SeedPolicy.ALWAYS, new PrintStream(PrintStream.nullOutputStream()))).close();
    }

    @Test
    void byDefault_oneLinePerCall_noHandlerJson_andAStopWithoutLog4jWarnings(@TempDir Path folder) throws Exception {
        // GIVEN serve started from a project folder, with default logging
        try (Serve serve = Serve.start(folder, false)) {
            // WHEN a pattern and a misspelt pattern are invoked through its Lambda API
            LambdaApiClient.invoke(serve.lambda, "query", "{\"pattern\":\"employee\",\"params\":{\"employeeId\":2}}".getBytes(StandardCharsets.UTF_8));
            LambdaApiClient.invoke(serve.lambda, "query", "{\"pattern\":\"directReport\"}".getBytes(StandardCharsets.UTF_8));

            // THEN its console shows one line per call: function, pattern, outcome, milliseconds
            assertTrue(serve.awaitOut("query directReport: ValidationError: unknown pattern 'directReport'"), serve.out.toString());
            assertTrue(serve.out.stream().anyMatch(l -> l.matches("[0-9:]{8} query employee: 1 item \\([0-9]+ ms\\)")), serve.out.toString());
            // AND while it runs, its state file says where it is
            StackRegistry registry = StackRegistry.ofProject(folder);
            assertEquals(serve.lambda, registry.live().get(0).lambdaEndpoint());

            // AND WHEN it is stopped (SIGTERM, as Ctrl-C's shutdown runs)
            serve.stop();

            // THEN it says so, the state file is gone, and stderr holds no handler JSON and no Log4j warning
            assertTrue(serve.out.contains("Stopped: nothing left running."), "exit " + serve.process.exitValue() + ": "
                    + serve.out + serve.err);
            assertTrue(registry.live().isEmpty());
            assertFalse(Files.list(registry.dir()).anyMatch(f -> f.getFileName().toString().startsWith("stack-")));
            assertTrue(serve.err.stream().noneMatch(l -> l.contains("Log4j") || l.startsWith("{")), serve.err.toString());
        }
    }

    @Test
    void withVerbose_theHandlersJsonLinesGoToStderr(@TempDir Path folder) throws Exception {
        // GIVEN serve started with --verbose
        try (Serve serve = Serve.start(folder, true)) {
            // WHEN a pattern is invoked
            LambdaApiClient.invoke(serve.lambda, "query", "{\"pattern\":\"employee\",\"params\":{\"employeeId\":2}}".getBytes(StandardCharsets.UTF_8));

            // THEN the console has its line, and stderr the query handler's JSON line for it
            assertTrue(serve.awaitOut("query employee: 1 item"), serve.out.toString());
            assertTrue(serve.awaitErr("\"message\":\"query\""), serve.err.toString());
            String json = serve.err.stream().filter(l -> l.contains("\"message\":\"query\"")).findFirst().orElseThrow();
            assertTrue(json.startsWith("{") && json.contains("\"pattern\":\"employee\""), json);
            serve.stop();
            assertTrue(serve.err.stream().noneMatch(l -> l.contains("Log4j")), serve.err.toString());
        }
    }

    /** LocalRun serve in a JVM of its own, from {@code folder} (a project root: it holds a cdk.json). */
    private static final class Serve implements AutoCloseable {
        final Process process;
        final List<String> out = new CopyOnWriteArrayList<>();
        final List<String> err = new CopyOnWriteArrayList<>();
        URI lambda;

        private Serve(Process process) {
            this.process = process;
        }

        static Serve start(Path folder, boolean verbose) throws IOException, InterruptedException {
            Files.writeString(folder.resolve("cdk.json"), "{}");
            // Surefire may put only a manifest jar on java.class.path; surefire.test.class.path is the real one.
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath, LocalRun.class.getName(),
                    "--ddb-endpoint", ddb.toString(), "--table", TABLE, "--lambda-port", "0", "--no-ui",
                    "--cdk-out", cdkOut.toString(), "--data-dir", NorthwindData.locate().toString()));
            if (verbose) {
                command.add("--verbose");
            }
            Serve serve = new Serve(new ProcessBuilder(command).directory(folder.toFile()).start());
            serve.pump(serve.process.getInputStream(), serve.out);
            serve.pump(serve.process.getErrorStream(), serve.err);
            if (!serve.awaitOut("Ready: ")) {
                serve.close();
                throw new AssertionError("serve did not get ready: " + serve.out + serve.err);
            }
            Matcher lambda = LAMBDA.matcher(serve.out.stream().filter(l -> l.startsWith("Ready: ")).findFirst().orElseThrow());
            assertTrue(lambda.find());
            serve.lambda = URI.create(lambda.group(1));
            return serve;
        }

        boolean awaitOut(String text) throws InterruptedException {
            return await(out, text);
        }

        boolean awaitErr(String text) throws InterruptedException {
            return await(err, text);
        }

        private boolean await(List<String> lines, String text) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                if (lines.stream().anyMatch(l -> l.contains(text))) {
                    return true;
                }
                if (!process.isAlive() && lines.stream().noneMatch(l -> l.contains(text))) {
                    Thread.sleep(200); // the pumps may still be reading what it printed last
                    return lines.stream().anyMatch(l -> l.contains(text));
                }
                Thread.sleep(50);
            }
            return false;
        }

        /** SIGTERM, then waits for the shutdown to finish and the output to be read. */
        void stop() throws InterruptedException {
            // Through the handle: Process.destroy() would also close the pipes, losing what the shutdown prints.
            process.toHandle().destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "serve did not stop");
            Thread.sleep(200);
        }

        private void pump(java.io.InputStream stream, List<String> lines) {
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the process is gone
                }
            }, "serve-output");
            reader.setDaemon(true);
            reader.start();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
