package com.example.northwind.lambda;

import com.example.northwind.model.AccessPatterns;
import com.example.northwind.model.CommandDefinition;
import com.example.northwind.model.CommandDefinitions;
import com.example.northwind.model.PatternDefinition;
import java.util.stream.Collectors;

/**
 * The names of the patterns and commands the model defines, and the one way an unknown name is reported: by the
 * functions' own parsers (a ValidationError of the direct API) and by the HTTP API (a 404), in the same words.
 */
public final class KnownNames {
    private KnownNames() {
    }

    /** "employee, directReports, …" in model order. */
    public static String patterns() {
        return AccessPatterns.all().stream().map(PatternDefinition::name).collect(Collectors.joining(", "));
    }

    /** "placeOrder, shipOrder, …" in model order. */
    public static String commands() {
        return CommandDefinitions.all().stream().map(CommandDefinition::name).collect(Collectors.joining(", "));
    }

    public static String unknownPattern(String name) {
        return "unknown pattern '" + Excerpt.show(name).replace("\"", "") + "'; known patterns: " + patterns();
    }

    public static String unknownCommand(String name) {
        return "unknown command " + Excerpt.show(name) + "; known commands: " + commands();
    }
}
