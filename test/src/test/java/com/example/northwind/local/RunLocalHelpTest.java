package com.example.northwind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ./run-local.sh --help} (and {@code query --help}, {@code command --help}) is printed by the script itself
 * from the committed help files, before any install, build or synth; LocalRun prints the same files. This keeps the
 * two the same text.
 */
class RunLocalHelpTest {
    /** The test module runs with its own folder as working directory; the project root is its parent. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void scriptHelp_isWhatLocalRunPrints_forEachSubcommand() throws Exception {
        // GIVEN each way of asking for help WHEN run-local.sh is asked
        // THEN it prints exactly what LocalRun prints for that subcommand, and exits 0
        assertEquals(CliOptions.usage(CliOptions.Command.SERVE), script("--help"));
        assertEquals(CliOptions.usage(CliOptions.Command.SERVE), script("help"));
        assertEquals(CliOptions.usage(CliOptions.Command.QUERY), script("query", "--help"));
        assertEquals(CliOptions.usage(CliOptions.Command.QUERY), script("query", "customerOrders", "-h"));
        assertEquals(CliOptions.usage(CliOptions.Command.COMMAND), script("command", "--help"));
    }

    private static String script(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("run-local.sh").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // A build or synth would take far longer than this: the help must not wait for one.
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("run-local.sh " + String.join(" ", args) + " did not finish");
        }
        assertEquals(0, process.exitValue(), "exit code of run-local.sh " + String.join(" ", args));
        return out;
    }
}
