package com.example.northwind.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine the numbers were taken on, read at run time. */
final class MachineInfo {
    private MachineInfo() {
    }

    static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name", "unknown"));
        long memBytes = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memBytes = os.getTotalMemorySize();
        }
        m.put("memoryMiB", memBytes / (1024 * 1024));
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        String pretty = firstValue(Path.of("/etc/os-release"), "PRETTY_NAME", null);
        m.put("os", (pretty == null ? "" : pretty.replace("\"", "") + ", ") + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("loadAverageAtStart", Stats.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), 2));
        m.put("benchmarkMaxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        return m;
    }

    private static String firstValue(Path file, String key, String fallback) {
        try {
            for (String line : Files.readAllLines(file)) {
                int sep = line.indexOf(line.contains("=") && !line.contains(":") ? '=' : ':');
                if (line.startsWith(key) && sep > 0) {
                    return line.substring(sep + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: the fallback says so
        }
        return fallback;
    }
}
