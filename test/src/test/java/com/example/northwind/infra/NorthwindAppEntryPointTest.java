package com.example.northwind.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.schema.NorthwindData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The entry point cdk.json runs, as the CDK CLI runs it: a separate JVM with CDK_OUTDIR set. Catches a
 * wrong main class in cdk.json, a main that forgets app.synth(), or stacks renamed under the CLI's feet.
 */
class NorthwindAppEntryPointTest {
    private static final Pattern MAIN_CLASS = Pattern.compile("\\b(com\\.example\\.northwind\\.[\\w.]+)\\s*$");

    private static String mainClass;

    @BeforeAll
    static void readCdkJson() throws IOException {
        String cdkJson = Files.readString(NorthwindData.projectRoot().resolve("cdk.json"), StandardCharsets.UTF_8);
        Matcher app = Pattern.compile("\"app\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(cdkJson);
        assertTrue(app.find(), "cdk.json has no \"app\" command");
        Matcher main = MAIN_CLASS.matcher(app.group(1));
        assertTrue(main.find(), "the app command does not end with a com.example.northwind main class: " + app.group(1));
        mainClass = main.group(1);
    }

    @Test
    void app_writesBothStacksToCdkOutdir(@TempDir Path outdir) throws Exception {
        // GIVEN the main class named in cdk.json, run like the CDK CLI runs it
        // WHEN it runs with CDK_OUTDIR pointing at an empty folder
        Run run = runMain(Map.of("CDK_OUTDIR", outdir.toString()));

        // THEN it succeeds and writes the cloud assembly with one template per stack
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(Files.isRegularFile(outdir.resolve("manifest.json")), "no manifest.json: " + run.output());
        String data = Files.readString(outdir.resolve("NorthwindData.template.json"));
        String service = Files.readString(outdir.resolve("NorthwindService.template.json"));
        assertTrue(data.contains("\"AWS::DynamoDB::Table\""), data);
        assertTrue(service.contains("com.example.northwind.seeder.SeederHandler::handleRequest"), service);
        assertTrue(service.contains("com.example.northwind.query.QueryHandler::handleRequest"), service);
        assertFalse(data.contains("\"AWS::Lambda::Function\""), "the data stack holds no function");
    }

    @Test
    void fails_whenSandboxContextIsInvalid(@TempDir Path outdir) throws Exception {
        // GIVEN context as the CLI passes it, with a value that is neither true nor false
        // WHEN the main class runs
        Run run = runMain(Map.of("CDK_OUTDIR", outdir.toString(), "CDK_CONTEXT_JSON", "{\"sandbox\":\"yes\"}"));

        // THEN it exits non-zero with one clear line, no stack trace, and writes no templates
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("Context value 'sandbox' must be true or false, got 'yes'"), run.output());
        assertFalse(run.output().contains("\tat "), "stack trace in: " + run.output());
        assertFalse(Files.exists(outdir.resolve("NorthwindData.template.json")));
    }

    private record Run(int exitCode, String output) {
    }

    private static Run runMain(Map<String, String> env) throws IOException, InterruptedException {
        // Surefire may put only a manifest jar on java.class.path; surefire.test.class.path is the real one.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java,
                "-D" + NorthwindData.DIR_PROPERTY + "=" + NorthwindData.locate(),
                "-cp", classpath, mainClass);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(NorthwindData.projectRoot().toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().putIfAbsent("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "1");
        Process process = builder.start();
        // Read before waiting so a chatty child cannot block on a full pipe.
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("main did not finish in 3 minutes: " + output);
        }
        return new Run(process.exitValue(), output);
    }
}
