package com.example.northwind.local;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a served stack says it runs, so that a one-off {@code query} or {@code command} from the same folder finds
 * it: {@code serve} writes {@code .run-local/stack-<lambda port>.json} (process id, endpoints, table) once it is
 * ready and removes it when it stops. A file whose process is gone or whose Lambda API no longer answers (a stack
 * killed without its shutdown) is stale and ignored.
 */
public final class StackRegistry {
    /** The folder, under the project root, that holds the state files (git-ignored). */
    public static final String DIR = ".run-local";
    private static final String PREFIX = "stack-";
    private static final String SUFFIX = ".json";
    private static final int CONNECT_TIMEOUT_MS = 300;

    /**
     * A served stack as its state file describes it.
     *
     * @param explorer the design explorer's page, or null when not served
     */
    public record Stack(long pid, Instant started, URI lambdaEndpoint, URI ddbEndpoint, String table, URI explorer) {
        int lambdaPort() {
            return lambdaEndpoint.getPort();
        }

        /** {@code pid 1234, Lambda API http://127.0.0.1:3001, table northwind}. */
        public String describe() {
            return "pid " + pid + ", Lambda API " + lambdaEndpoint + ", table " + table;
        }

        Map<String, Object> toJson() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("pid", pid);
            out.put("started", started.toString());
            out.put("lambdaEndpoint", lambdaEndpoint.toString());
            out.put("ddbEndpoint", ddbEndpoint.toString());
            out.put("table", table);
            out.put("explorer", explorer == null ? null : explorer.toString());
            return out;
        }

        static Stack fromJson(Map<?, ?> json) {
            Object explorer = json.get("explorer");
            return new Stack(((Number) json.get("pid")).longValue(), Instant.parse(json.get("started").toString()),
                    URI.create(json.get("lambdaEndpoint").toString()), URI.create(json.get("ddbEndpoint").toString()),
                    json.get("table").toString(), explorer == null ? null : URI.create(explorer.toString()));
        }
    }

    private final Path dir;

    public StackRegistry(Path dir) {
        this.dir = dir;
    }

    /** The registry of the project this run belongs to: {@code <project root>/.run-local}. */
    public static StackRegistry ofProject(Path projectRoot) {
        return new StackRegistry(projectRoot.resolve(DIR));
    }

    public Path dir() {
        return dir;
    }

    /**
     * Records a served stack (written whole, then moved into place, so a reader never sees half a file).
     *
     * @return its state file, for {@link #remove}
     */
    public Path register(Stack stack) {
        Path file = dir.resolve(PREFIX + stack.lambdaPort() + SUFFIX);
        try {
            Files.createDirectories(dir);
            Path temporary = Files.createTempFile(dir, PREFIX, ".tmp");
            Files.write(temporary, JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT, JSON.Feature.WRITE_NULL_PROPERTIES)
                    .asBytes(stack.toJson()));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the stack's state file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Removes a state file this process wrote (never another live stack's: the pid must be this one's). */
    public void remove(Path file) {
        try {
            Optional<Stack> recorded = read(file);
            if (recorded.isEmpty() || recorded.get().pid() == ProcessHandle.current().pid()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // A leftover file is stale once this process is gone: readers ignore it.
        }
    }

    /** The live stacks, most recently started first. */
    public List<Stack> live() {
        List<Stack> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path file : files) {
                read(file).filter(StackRegistry::isLive).ifPresent(out::add);
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(Comparator.comparing(Stack::started).reversed());
        return out;
    }

    /** The live stack whose Lambda API is on {@code port}, if one was served from here. */
    public Optional<Stack> liveOnLambdaPort(int port) {
        return live().stream().filter(s -> s.lambdaPort() == port).findFirst();
    }

    /** The live stack serving {@code table} of the DynamoDB at {@code endpoint} (same host and port), if any. */
    public Optional<Stack> liveOn(URI endpoint, String table) {
        return live().stream().filter(s -> s.table().equals(table) && sameServer(s.ddbEndpoint(), endpoint)).findFirst();
    }

    private static boolean sameServer(URI a, URI b) {
        return a.getPort() == b.getPort() && loopbackAware(a.getHost()).equals(loopbackAware(b.getHost()));
    }

    private static String loopbackAware(String host) {
        return host.equals("localhost") ? LocalDynamoDbServer.LOOPBACK : host;
    }

    private static Optional<Stack> read(Path file) {
        try {
            Object json = JSON.std.anyFrom(Files.readString(file, StandardCharsets.UTF_8));
            return json instanceof Map<?, ?> map ? Optional.of(Stack.fromJson(map)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable or half-written by something else: not a stack to use
        }
    }

    /** Its process is alive and its Lambda API accepts a connection: not a file left by a killed run. */
    static boolean isLive(Stack stack) {
        if (ProcessHandle.of(stack.pid()).map(ProcessHandle::isAlive).orElse(false)) {
            return answers(stack.lambdaEndpoint());
        }
        return false;
    }

    /** Something accepts connections at the endpoint's host and port. */
    static boolean answers(URI endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
