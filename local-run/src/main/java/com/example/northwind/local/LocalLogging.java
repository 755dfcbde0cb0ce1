package com.example.northwind.local;

/**
 * Where the handlers' log lines go in a local run. On Lambda they are JSON on standard output; here standard
 * output is the command's own output (a table, or {@code --json} to pipe), so the lines go to standard
 * error. Set through the system properties the Lambdas' {@code log4j2.xml} reads, before the first logger
 * is created (log4j2 reads its configuration once).
 */
public final class LocalLogging {
    /** log4j2 Console target of the handlers' appender. */
    public static final String TARGET_PROPERTY = "northwind.log.target";
    /** Level of the {@code com.example.northwind} loggers. */
    public static final String LEVEL_PROPERTY = "northwind.log.level";

    private LocalLogging() {
    }

    /** Handler logs to stderr; {@code quiet} keeps only warnings and errors. Explicit -D settings win. */
    public static void configure(boolean quiet) {
        if (System.getProperty(TARGET_PROPERTY) == null) {
            System.setProperty(TARGET_PROPERTY, "SYSTEM_ERR");
        }
        if (quiet && System.getProperty(LEVEL_PROPERTY) == null) {
            System.setProperty(LEVEL_PROPERTY, "WARN");
        }
    }
}
