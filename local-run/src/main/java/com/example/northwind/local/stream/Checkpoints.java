package com.example.northwind.local.stream;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the local mapping is in each shard: the sequence number after which nothing is done yet (everything up to it
 * is), and which shards are finished. With a file (beside DynamoDB Local's database, {@code --db-path}), every change is
 * written at once and atomically (a new file moved over the old one), so a stopped run continues where it stopped: a
 * batch the function completed but whose checkpoint was not written yet is delivered again, which at-least-once
 * delivery allows; no record is skipped. Without a file (an in-memory database) they live as long as the run.
 *
 * <p>The file belongs to one stream: a table whose stream was replaced (a new table, a stream disabled and enabled
 * again) starts from its mapping's starting position.
 */
public final class Checkpoints {
    /** The file's name in the database folder. */
    public static final String FILE_NAME = "stream-consumer-checkpoints.json";

    private final Path file;
    private String streamArn;
    private final Map<String, String> sequenceNumbers = new LinkedHashMap<>();
    private final Set<String> finished = new TreeSet<>();

    private Checkpoints(Path file) {
        this.file = file;
    }

    /** Checkpoints that last as long as the run. */
    public static Checkpoints inMemory() {
        return new Checkpoints(null);
    }

    /**
     * Checkpoints kept in {@code file}, read from it when it exists.
     *
     * @throws IllegalStateException naming the file when it cannot be read as checkpoints
     */
    @SuppressWarnings("unchecked")
    public static Checkpoints file(Path file) {
        Checkpoints checkpoints = new Checkpoints(file);
        if (Files.isRegularFile(file)) {
            try {
                Map<String, Object> json = JSON.std.mapFrom(Files.readString(file));
                checkpoints.streamArn = (String) json.get("streamArn");
                Map<String, Object> shards = (Map<String, Object>) json.getOrDefault("shards", Map.of());
                shards.forEach((id, value) -> {
                    Map<String, Object> shard = (Map<String, Object>) value;
                    if (shard.get("sequenceNumber") != null) {
                        checkpoints.sequenceNumbers.put(id, String.valueOf(shard.get("sequenceNumber")));
                    }
                    if (Boolean.TRUE.equals(shard.get("finished"))) {
                        checkpoints.finished.add(id);
                    }
                });
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("The stream consumer's checkpoints in " + file + " cannot be read ("
                        + e.getMessage() + "): move the file away to let the consumer start over from the stream's"
                        + " starting position.", e);
            }
        }
        return checkpoints;
    }

    /** The file, or null when in memory. */
    public Path file() {
        return file;
    }

    /** The last done sequence number of {@code shardId} in {@code stream}, or null when nothing of it is done. */
    public synchronized String sequenceNumber(String stream, String shardId) {
        return stream.equals(streamArn) ? sequenceNumbers.get(shardId) : null;
    }

    /** The shards of {@code stream} that are closed and whose records are all done. */
    public synchronized Set<String> finished(String stream) {
        return stream.equals(streamArn) ? Set.copyOf(finished) : Set.of();
    }

    /** Everything up to {@code sequenceNumber} of the shard is done. */
    public synchronized void advance(String stream, String shardId, String sequenceNumber) {
        switchTo(stream);
        if (!sequenceNumber.equals(sequenceNumbers.put(shardId, sequenceNumber))) {
            save();
        }
    }

    /** The shard is closed and all its records are done: its children may be read. */
    public synchronized void finish(String stream, String shardId) {
        switchTo(stream);
        if (finished.add(shardId)) {
            save();
        }
    }

    private void switchTo(String stream) {
        if (!stream.equals(streamArn)) {
            streamArn = stream;
            sequenceNumbers.clear();
            finished.clear();
        }
    }

    private void save() {
        if (file == null) {
            return;
        }
        Map<String, Object> shards = new LinkedHashMap<>();
        Set<String> ids = new TreeSet<>(sequenceNumbers.keySet());
        ids.addAll(finished);
        for (String id : ids) {
            Map<String, Object> shard = new LinkedHashMap<>();
            shard.put("sequenceNumber", sequenceNumbers.get(id));
            shard.put("finished", finished.contains(id));
            shards.put(id, shard);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("streamArn", streamArn);
        json.put("shards", shards);
        try {
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temp, JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asBytes(json));
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stream consumer's checkpoints to " + file, e);
        }
    }
}
