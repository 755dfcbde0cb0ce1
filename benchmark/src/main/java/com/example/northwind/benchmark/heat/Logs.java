package com.example.northwind.benchmark.heat;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/** The command handler logs one line per command: off for simulated millions of commands. */
final class Logs {
    private Logs() {
    }

    static void quiet() {
        Configurator.setLevel("com.example.northwind", Level.OFF);
        Configurator.setRootLevel(Level.OFF);
    }
}
