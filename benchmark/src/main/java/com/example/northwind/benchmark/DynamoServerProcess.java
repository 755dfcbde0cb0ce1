package com.example.northwind.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@link DynamoServerMain} in a child JVM and stops it on close. */
final class DynamoServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private DynamoServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static DynamoServerProcess start(String nativeLibs, String heap) {
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xmx" + heap, "-Dsqlite4java.library.path=" + nativeLibs,
                "-cp", System.getProperty("java.class.path"), DynamoServerMain.class.getName()));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("PORT ")) {
                    int port = Integer.parseInt(line.substring(5).trim());
                    // Keep draining stdout so DynamoDB Local never blocks on a full pipe.
                    Thread drain = new Thread(() -> {
                        try {
                            while (out.readLine() != null) {
                                // discard
                            }
                        } catch (IOException ignored) {
                            // the child is gone
                        }
                    }, "dynamodb-local-stdout");
                    drain.setDaemon(true);
                    drain.start();
                    return new DynamoServerProcess(p, port);
                }
            }
            throw new IllegalStateException("DynamoDB Local child exited before listening (exit " + p.waitFor() + ")");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start DynamoDB Local child JVM: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting DynamoDB Local", e);
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (IOException | InterruptedException e) {
            process.destroy();
        }
    }
}
