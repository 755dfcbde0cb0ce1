package com.example.northwind.local.stream;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Where the local mapping puts the record of a batch it gave up on (retries or record age exhausted), in place of the
 * SQS queue of the deployed mapping's {@code DestinationConfig.OnFailure}: a folder holding one JSON file per discarded
 * batch, with the fields Lambda sends to an on-failure destination (requestContext, responseContext, version, timestamp,
 * DDBStreamBatchInfo). Without a destination in the template, the record is only logged, as Lambda only drops it.
 */
public interface FailureDestination {
    /**
     * Delivers one invocation record.
     *
     * @param name a file name for it (unique per batch)
     * @return where it went, for the log line
     */
    String send(Map<String, Object> invocationRecord, String name);

    /** For the console: the folder, or that there is none. */
    String describe();

    /** A folder (created when missing) holding {@code <name>.json} per discarded batch, each written atomically. */
    static FailureDestination folder(Path dir) {
        return new FailureDestination() {
            @Override
            public String send(Map<String, Object> invocationRecord, String name) {
                try {
                    Files.createDirectories(dir);
                    Path file = dir.resolve(name + ".json");
                    Path temp = dir.resolve("." + name + ".tmp");
                    Files.write(temp, JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asBytes(invocationRecord));
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    return file.toString();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write a failed batch's record to " + dir, e);
                }
            }

            @Override
            public String describe() {
                return dir.toString();
            }
        };
    }

    /** No destination: the record is dropped (the caller logs it). */
    static FailureDestination none() {
        return new FailureDestination() {
            @Override
            public String send(Map<String, Object> invocationRecord, String name) {
                return "nowhere (the mapping has no on-failure destination)";
            }

            @Override
            public String describe() {
                return "none";
            }
        };
    }
}
