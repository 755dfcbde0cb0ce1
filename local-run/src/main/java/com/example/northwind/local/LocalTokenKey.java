package com.example.northwind.local;

import com.example.northwind.query.PageTokenKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The query function's nextToken key for a local run (in a deployment it is a Secrets Manager secret):
 * {@code --token-key-file F} if given, else {@code page-token.key} beside an on-disk database ({@code --db-path}),
 * so that tokens keep working across restarts of the same data; else a new random key per start (an in-memory
 * database does not survive a restart either). A missing key file is created with a new random key, readable by
 * the owner only.
 */
final class LocalTokenKey {
    static final String FILE_NAME = "page-token.key";

    private LocalTokenKey() {
    }

    static byte[] resolve(Path keyFile, Path dbPath, PrintStream console) {
        Path file = keyFile != null ? keyFile : dbPath != null ? dbPath.resolve(FILE_NAME) : null;
        if (file == null) {
            return PageTokenKeys.random();
        }
        try {
            if (!Files.exists(file)) {
                create(file);
                console.println("Created a new nextToken key in " + file);
            }
            return PageTokenKeys.fromHex(Files.readString(file, StandardCharsets.US_ASCII), "token key file " + file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or create the token key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file); // not a POSIX file system
            }
            Files.writeString(file, PageTokenKeys.newHex() + "\n", StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException e) {
            // another start created it meanwhile: use that one
        }
    }
}
