package com.example.northwind.local;

/**
 * Where the handlers' log lines go in a local run. On Lambda they are JSON on standard output; here standard
 * output is the command's own output (a table, or {@code --json} to pipe), so the lines go to standard error, and
 * only with {@code --verbose}: by default the console shows one line per call ({@link CallLog}) and errors.
 * Set through system properties before the first logger is created (log4j2 reads its configuration once): the
 * local run's own configuration file, the level of the {@code com.example.northwind} loggers, and no shutdown hook
 * (the local run stops its components itself; a hook registered while the JVM stops only prints a warning).
 */
public final class LocalLogging {
    /** log4j2's system property naming its configuration file. */
    static final String CONFIGURATION_PROPERTY = "log4j2.configurationFile";
    static final String CONFIGURATION = "run-local-log4j2.xml";
    /** Level of the {@code com.example.northwind} loggers (read by the configuration file). */
    public static final String LEVEL_PROPERTY = "northwind.log.level";
    static final String SHUTDOWN_HOOK_PROPERTY = "log4j2.shutdownHookEnabled";
    /** The Lambdas' own log4j2.xml target: stderr too, should one of them be the configuration in effect. */
    static final String TARGET_PROPERTY = "northwind.log.target";

    private LocalLogging() {
    }

    /** The handlers' JSON lines on stderr with {@code verbose}, else errors only. Explicit -D settings win. */
    public static void configure(boolean verbose) {
        setIfAbsent(CONFIGURATION_PROPERTY, CONFIGURATION);
        setIfAbsent(LEVEL_PROPERTY, verbose ? "INFO" : "ERROR");
        setIfAbsent(SHUTDOWN_HOOK_PROPERTY, "false");
        setIfAbsent(TARGET_PROPERTY, "SYSTEM_ERR");
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
