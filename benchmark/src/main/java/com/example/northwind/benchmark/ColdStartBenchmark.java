package com.example.northwind.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cold-start proxy: a fresh JVM per run, from process start to the first answered request, for a Lambda jar
 * with the launcher beside it. JVM flags as the Lambda Java runtime sets them by default (tiered compilation
 * stopped at C1).
 */
final class ColdStartBenchmark {
    static final String LAUNCHER_CLASS = "com.example.northwind.benchmark.launch.ColdStartLauncher";
    private static final List<String> LAMBDA_JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-Xmx512m");

    private final URI endpoint;
    private final String table;
    private final Path launcherJar;

    ColdStartBenchmark(URI endpoint, String table, Path launcherJar) {
        this.endpoint = endpoint;
        this.table = table;
        this.launcherJar = launcherJar;
    }

    /** A handler to measure: label, its deployment jar, class, and events (the first is the cold-start one). */
    record Subject(String label, Path jar, String handlerClass, List<String> events) {
    }

    /**
     * {@code runs} timed cold starts per subject, alternating between subjects so drift hits all alike; then one
     * class-count run and one heap run per subject.
     */
    /** One stand-in for the whole benchmark JVM (a daemon HTTP server on loopback). */
    private static final LocalSecretsManager SECRETS = LocalSecretsManager.start();

    Map<String, Map<String, Object>> measure(List<Subject> subjects, int runs) {
        Map<String, double[][]> times = new LinkedHashMap<>();
        Map<String, String> answers = new LinkedHashMap<>();
        subjects.forEach(s -> times.put(s.label(), new double[3][runs]));
        for (int i = 0; i < runs; i++) {
            for (Subject s : subjects) {
                Child c = run(s.jar(), s.handlerClass(), List.of(), List.of(s.events().get(0)), false);
                double[][] t = times.get(s.label());
                t[0][i] = c.wallMs;
                t[1][i] = c.initMs;
                t[2][i] = c.invokeMs;
                answers.put(s.label(), c.answerHead);
            }
        }
        Map<String, Map<String, Object>> results = new LinkedHashMap<>();
        for (Subject s : subjects) {
            Child classes = run(s.jar(), s.handlerClass(), List.of("-Xlog:class+load=info:stdout"), List.of(s.events().get(0)), false);
            Child heap = run(s.jar(), s.handlerClass(), List.of(), s.events(), true);
            double[][] t = times.get(s.label());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("handler", s.label());
            m.put("runs", runs);
            m.put("startToFirstAnswerMedianMs", Stats.round(Stats.median(t[0]), 1));
            m.put("startToFirstAnswerMinMs", Stats.round(Stats.percentile(t[0], 0), 1));
            m.put("startToFirstAnswerMaxMs", Stats.round(Stats.percentile(t[0], 100), 1));
            m.put("initMedianMs", Stats.round(Stats.median(t[1]), 1));
            m.put("firstInvokeMedianMs", Stats.round(Stats.median(t[2]), 1));
            m.put("classesLoadedBeforeAnswer", classes.classesBeforeAnswer);
            m.put("heapAfterWarmupMiB", Stats.round(heap.heapBytes / 1048576.0, 1));
            m.put("jarBytes", size(s.jar()));
            m.put("firstAnswerHead", answers.get(s.label()));
            System.out.printf("  cold start %-6s median %.0f ms (init %.0f, first invoke %.0f), %d classes, heap %.1f MiB, jar %.1f MB%n",
                    s.label(), Stats.median(t[0]), Stats.median(t[1]), Stats.median(t[2]), classes.classesBeforeAnswer,
                    heap.heapBytes / 1048576.0, size(s.jar()) / 1e6);
            results.put(s.label(), m);
        }
        return results;
    }

    static long size(Path jar) {
        try {
            return Files.size(jar);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + jar + ": build it first", e);
        }
    }

    private record Child(double wallMs, double initMs, double invokeMs, String answerHead, int classesBeforeAnswer,
                         long heapBytes) {
    }

    private Child run(Path jar, String handlerClass, List<String> extraFlags, List<String> events, boolean heap) {
        List<String> cmd = new ArrayList<>();
        cmd.add(DynamoServerProcess.javaBinary());
        cmd.addAll(LAMBDA_JVM_FLAGS);
        cmd.addAll(extraFlags);
        cmd.add("-cp");
        cmd.add(jar + java.io.File.pathSeparator + launcherJar);
        cmd.add(LAUNCHER_CLASS);
        if (heap) {
            cmd.add("--heap");
        }
        cmd.add(handlerClass);
        cmd.addAll(events);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = pb.environment();
        // What the Lambda service provides, plus the SDK's standard endpoint override for DynamoDB Local.
        env.put("TABLE_NAME", table);
        env.put("AWS_REGION", Dynamo.REGION);
        env.put("AWS_DEFAULT_REGION", Dynamo.REGION);
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", endpoint.toString());
        // The query Lambda reads its nextToken key from Secrets Manager at init: a loopback stand-in answers.
        env.put("PAGE_TOKEN_SECRET_ARN", LocalSecretsManager.SECRET_ARN);
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", SECRETS.endpoint().toString());
        env.remove("JAVA_TOOL_OPTIONS");
        long start = System.nanoTime();
        try {
            Process p = pb.start();
            double wall = -1;
            double initMs = -1;
            double invokeMs = -1;
            String head = null;
            int classes = 0;
            long heapBytes = -1;
            List<String> tail = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("ANSWERED ") && wall < 0) {
                        wall = (System.nanoTime() - start) / 1e6;
                        String[] parts = line.split(" ", 4);
                        initMs = Double.parseDouble(parts[1]);
                        invokeMs = Double.parseDouble(parts[2]);
                        head = parts.length > 3 ? parts[3] : "";
                    } else if (line.startsWith("HEAP ")) {
                        heapBytes = Long.parseLong(line.substring(5).trim());
                    } else if (wall < 0 && line.contains("[class,load]")) {
                        classes++;
                    } else if (wall < 0) {
                        tail.add(line);
                    }
                }
            }
            int exit = p.waitFor();
            if (exit != 0 || wall < 0) {
                throw new IllegalStateException(handlerClass + " cold-start run failed (exit " + exit + "): "
                        + String.join(" | ", tail.subList(Math.max(0, tail.size() - 5), tail.size())));
            }
            if (head != null && (head.contains("\"error\"") || head.contains("errorMessage"))) {
                throw new IllegalStateException(handlerClass + " answered with an error: " + head);
            }
            return new Child(wall, initMs, invokeMs, head, classes, heapBytes);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start a JVM for " + jar + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
