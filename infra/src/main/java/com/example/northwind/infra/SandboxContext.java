package com.example.northwind.infra;

import software.constructs.Node;

/**
 * Reads the {@code sandbox} context flag ({@code cdk synth -c sandbox=true}).
 *
 * <p>A sandbox deployment is throw-away: the table may be deleted with its stack. The flag is parsed
 * strictly because a typo ({@code -c sandbox=yes}) silently meaning "production" or "sandbox" would
 * decide whether data survives a {@code cdk destroy}.
 */
public final class SandboxContext {
    /** Context key of the flag. */
    public static final String KEY = "sandbox";

    private SandboxContext() {
    }

    /** The flag of a construct tree (usually the App's node); absent means {@code false}. */
    public static boolean isSandbox(Node node) {
        return parse(node.tryGetContext(KEY));
    }

    /**
     * Parses a context value: {@code null} (absent) is false; a Boolean (from cdk.json) is itself; a
     * String (from {@code -c}) must be "true" or "false" (any case).
     *
     * @throws IllegalArgumentException naming the flag and the rejected value
     */
    public static boolean parse(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("Context value '" + KEY + "' must be true or false, got '" + value
                + "' (use -c " + KEY + "=true for a throw-away table, or leave it out).");
    }
}
