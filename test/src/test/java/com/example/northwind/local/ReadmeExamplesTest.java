package com.example.northwind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.example.northwind.schema.NorthwindData;
import com.example.northwind.testsupport.LocalDynamo;
import com.example.northwind.testsupport.SynthesizedApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's examples work as written, pasted in order into a second terminal while a stack runs, and so do the
 * Ready line's: every {@code ./run-local.sh query|command}, {@code export}, {@code echo … > request.json}, {@code aws}
 * and {@code curl} line of their code blocks is run against a started stack (its ports in place of the defaults),
 * each must succeed, and every order a command places must show in a later query's output. The {@code aws} lines
 * need the AWS CLI: where it is not installed they are skipped, and the test says so.
 */
class ReadmeExamplesTest {
    /** The test module runs with its own folder as working directory; the project root is its parent. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final String TABLE = "northwind-readme";
    private static final Pattern EXAMPLE = Pattern.compile(
            "^(\\./run-local\\.sh (query|command) .*|export AWS_.*|echo '.*' > request\\.json|aws .*|curl .*)$");
    private static final Pattern PLACED = Pattern.compile("\"command\":\"placeOrder\".*?\"orderID\":([0-9]+)|^  orderID: ([0-9]+)$",
            Pattern.MULTILINE);

    private static LocalStack stack;
    private static LocalHttpApi api;
    private static StackRegistry registry;
    private static boolean aws;

    @BeforeAll
    static void startStack(@TempDir Path registryDir) throws Exception {
        stack = LocalStack.start(new LocalStack.Config(SynthesizedApp.defaults().assemblyDir(), NorthwindData.locate(),
                TABLE, LocalDynamo.start().endpoint(), 0, null, 0, LocalStack.SeedPolicy.ALWAYS,
                new PrintStream(PrintStream.nullOutputStream())));
        api = LocalHttpApi.start(LocalApiOptions.DEFAULTS.onPort(0), stack.functions());
        // As ./run-local.sh records itself: the README's ./run-local.sh lines find this stack from "this folder".
        registry = new StackRegistry(registryDir);
        registry.register(new StackRegistry.Stack(ProcessHandle.current().pid(), Instant.now(), stack.lambdaEndpoint(),
                stack.dynamoEndpoint(), TABLE, null));
        aws = new ProcessBuilder("bash", "-c", "command -v aws").start().waitFor() == 0;
    }

    @AfterAll
    static void stopStack() {
        if (api != null) {
            api.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void readmeAndReadyLineExamples_runAsWritten_andShowEachOthersWrites(@TempDir Path terminal) throws Exception {
        // GIVEN the README's example lines (in order) and then the Ready line's, with this stack's endpoints
        List<String> lines = new ArrayList<>();
        for (String line : codeLines(Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8))) {
            lines.add(line.replace("http://127.0.0.1:3001", stack.lambdaEndpoint().toString())
                    .replace("http://127.0.0.1:8000", stack.dynamoEndpoint().toString())
                    .replace("http://127.0.0.1:3000", api.endpoint().toString()));
        }
        int fromReadme = lines.size();
        String ready = ReadyLine.examples(stack.lambdaEndpoint().toString(), stack.dynamoEndpoint().toString(), TABLE)
                + "\n" + api.examples();
        for (String line : codeLines("```\n" + ready + "\n```")) {
            lines.add(line);
        }
        assertTrue(fromReadme >= 8, "the README's tour lost its examples: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("aws lambda invoke")) && lines.stream().anyMatch(l -> l.startsWith("curl ")),
                lines.toString());

        // WHEN each runs, as pasted into one terminal (its exports kept for the lines after them)
        List<String> exports = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("export ")) {
                exports.add(line);
                outputs.add("");
            } else if (line.startsWith("aws ") && !aws) {
                skipped.add(line);
                outputs.add("");
            } else if (line.startsWith("./run-local.sh ")) {
                outputs.add(runLocal(line));
            } else {
                outputs.add(shell(terminal, exports, line));
            }
        }

        // THEN every order a command placed shows in the output of a later query
        Set<String> placed = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = PLACED.matcher(outputs.get(i));
            while (m.find()) {
                String orderId = m.group(1) != null ? m.group(1) : m.group(2);
                placed.add(orderId);
                int placedAt = i;
                boolean seenLater = false;
                for (int j = i + 1; j < lines.size(); j++) {
                    seenLater |= (lines.get(j).contains("query") || lines.get(j).contains("/patterns/")) && (outputs.get(j).contains("\"orderID\":" + orderId)
                            || outputs.get(j).contains("| " + orderId + " "));
                }
                assertTrue(seenLater, "order " + orderId + " placed by `" + lines.get(placedAt) + "` shows in no later query");
            }
        }
        assertTrue(placed.size() >= (aws ? 3 : 1), "orders placed: " + placed + " by " + lines);
        assumeTrue(skipped.isEmpty(), "AWS CLI not installed (no `aws` on the PATH): these example lines were not run: " + skipped);
    }

    /** The lines of the page's fenced code blocks that are examples to paste (not ./run-local.sh itself, not tests). */
    static List<String> codeLines(String markdown) {
        List<String> out = new ArrayList<>();
        boolean fenced = false;
        StringBuilder continued = new StringBuilder();
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (!fenced) {
                continue;
            }
            continued.append(line.strip());
            if (line.endsWith("\\")) {
                continued.setLength(continued.length() - 1);
                continue;
            }
            String whole = continued.toString().strip();
            continued.setLength(0);
            if (EXAMPLE.matcher(whole).matches()) {
                out.add(whole);
            }
        }
        return out;
    }

    /** A {@code ./run-local.sh} line, run as the script would run it from this folder: LocalRun, this registry. */
    private static String runLocal(String line) throws Exception {
        List<String> words = words(line);
        assertEquals("./run-local.sh", words.get(0), line);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = LocalRun.run(CliOptions.parse(words.subList(1, words.size()).toArray(String[]::new)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), registry);
        String notes = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, line + "\n" + notes);
        assertTrue(notes.startsWith("run-local: using the stack running here"), line + "\n" + notes);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A shell line run by bash in {@code folder}, after the exports before it; it must exit 0. */
    private static String shell(Path folder, List<String> exports, String line) throws IOException, InterruptedException {
        String script = String.join("\n", exports) + "\n" + line + "\n";
        Process process = new ProcessBuilder("bash", "-c", script).directory(folder.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), line + " did not finish");
        assertEquals(0, process.exitValue(), line + "\n" + output);
        assertFalse(output.contains("\"error\""), line + "\n" + output);
        // API Gateway's own refusals (a bad signature, no route) are {"message": …}: curl still exits 0 on them
        assertFalse(output.contains("{\"message\""), line + "\n" + output);
        return output;
    }

    /** The line's words as bash splits them (quotes honoured, a trailing comment dropped). */
    private static List<String> words(String line) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", "eval \"set -- $1\"; printf '%s\\0' \"$@\"", "_", line).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        List<String> words = new ArrayList<>(List.of(out.split("\0")));
        words.removeIf(String::isEmpty);
        return words;
    }
}
