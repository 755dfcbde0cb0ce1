package com.example.northwind.local.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mapping's checkpoints beside the database: what a next run reads back, and what it refuses. */
class CheckpointsTest {
    private static final String STREAM = "arn:aws:dynamodb:ddblocal:000000000000:table/t/stream/2026-01-01T00:00:00.000";

    @Test
    void whatIsWritten_isReadBackByTheNextRun_andNoTemporaryFileIsLeft(@TempDir Path dir) throws Exception {
        // GIVEN checkpoints in a file, advanced in two shards, one of them finished
        Path file = dir.resolve(Checkpoints.FILE_NAME);
        Checkpoints first = Checkpoints.file(file);
        first.advance(STREAM, "shard-a", "100");
        first.advance(STREAM, "shard-a", "250");
        first.advance(STREAM, "shard-b", "7");
        first.finish(STREAM, "shard-b");

        // WHEN a next run reads the file
        Checkpoints next = Checkpoints.file(file);

        // THEN it continues after the last sequence number of each shard, knows the finished one, and only the file is
        // in the folder (each write went to a temporary file moved over it)
        assertEquals("250", next.sequenceNumber(STREAM, "shard-a"));
        assertEquals("7", next.sequenceNumber(STREAM, "shard-b"));
        assertEquals(Set.of("shard-b"), next.finished(STREAM));
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of(file), files.toList());
        }
    }

    @Test
    void checkpointsOfAnotherStream_areNotUsed_andAreReplacedOnTheFirstAdvance(@TempDir Path dir) {
        // GIVEN checkpoints of a stream the table no longer has (a new table, a stream enabled again)
        Path file = dir.resolve(Checkpoints.FILE_NAME);
        Checkpoints.file(file).advance(STREAM, "shard-a", "250");
        String newStream = STREAM.replace("2026-01-01", "2026-02-01");

        // WHEN read for the new stream / THEN nothing of them applies, and a checkpoint of the new one replaces them
        Checkpoints next = Checkpoints.file(file);
        assertNull(next.sequenceNumber(newStream, "shard-a"));
        assertTrue(next.finished(newStream).isEmpty());
        next.advance(newStream, "shard-x", "3");
        Checkpoints after = Checkpoints.file(file);
        assertEquals("3", after.sequenceNumber(newStream, "shard-x"));
        assertNull(after.sequenceNumber(STREAM, "shard-a"));
    }

    @Test
    void anUnreadableFile_isRefusedNamingItAndWhatToDo(@TempDir Path dir) throws Exception {
        // GIVEN a checkpoint file that is not JSON / WHEN read / THEN refused, naming the file and the way out
        Path file = Files.writeString(dir.resolve(Checkpoints.FILE_NAME), "{not json");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Checkpoints.file(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("move the file away"), e.getMessage());
        // AND checkpoints in memory never touch a file
        Checkpoints memory = Checkpoints.inMemory();
        memory.advance(STREAM, "shard-a", "1");
        assertNull(memory.file());
        assertFalse(memory.finished(STREAM).contains("shard-a"));
    }
}
