package com.example.northwind.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The pattern and command lists of {@code ./run-local.sh query --help} and {@code command --help}, rendered from the
 * item model into committed text files ({@code ./generate-docs.sh}), so the shell script can print them without a
 * build and a test fails when they drift from the model.
 */
public final class UsageLists {
    /** Where the local run's help texts live (the script prints them, {@code CliOptions} loads them as resources). */
    public static final String HELP_DIR = "local-run/src/main/resources/help/";
    public static final String PATTERNS_FILE = HELP_DIR + "patterns.txt";
    public static final String COMMANDS_FILE = HELP_DIR + "commands.txt";
    private static final int WIDTH = 116;
    private static final String INDENT = "      ";

    private UsageLists() {
    }

    /** Every access pattern: its name and parameters as flags ({@code [ ]} optional), then what it answers. */
    public static String patterns() {
        StringBuilder out = new StringBuilder("Patterns ([...] = optional):\n");
        for (PatternDefinition p : AccessPatterns.all()) {
            List<String> flags = new ArrayList<>();
            p.params().forEach(spec -> flags.add(flag(spec.name(), spec.kind().text().placeholder(), spec.required(), false)));
            entry(p.name(), flags, p.answers(), out);
        }
        return out.toString();
    }

    /** Every command: its name and parameters as flags (placeOrder's lines as {@code --line}), then what it does. */
    public static String commands() {
        StringBuilder out = new StringBuilder("Commands ([...] = optional, |null = null clears the field):\n");
        for (CommandDefinition c : CommandDefinitions.all()) {
            List<String> flags = new ArrayList<>();
            for (CommandParam param : c.params()) {
                flags.add(param.kind() == CommandParam.Kind.ORDER_LINES
                        ? "--line " + param.kind().text().placeholder() + " ..."
                        : flag(param.name(), param.kind().text().placeholder(), param.required(), param.clearable()));
            }
            entry(c.name(), flags, c.effect(), out);
        }
        return out.toString();
    }

    private static String flag(String name, String placeholder, boolean required, boolean clearable) {
        String flag = "--" + name + " " + placeholder + (clearable ? "|null" : "");
        return required ? flag : "[" + flag + "]";
    }

    /** {@code  name: description}, then the flags indented below, wrapped at {@value #WIDTH} columns. */
    private static void entry(String name, List<String> flags, String description, StringBuilder out) {
        out.append("  ").append(name).append(": ").append(description).append('\n');
        StringBuilder line = new StringBuilder();
        for (String flag : flags) {
            if (line.length() > 0 && line.length() + 1 + flag.length() > WIDTH) {
                out.append(line).append('\n');
                line.setLength(0);
            }
            line.append(line.length() == 0 ? INDENT : " ").append(flag);
        }
        if (line.length() > 0) {
            out.append(line).append('\n');
        }
    }
}
