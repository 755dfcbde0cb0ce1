package com.example.northwind.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the Northwind CSVs are, and their checksum.
 *
 * <p>The data lives beside the project ({@code ../shared/northwind}) and is never copied into it.
 * The build, the CDK app and the tests find it with {@link #locate()}; the checksum is a property of
 * the seeding custom resource, so changed data re-seeds on the next deploy and unchanged data does not.
 */
public final class NorthwindData {
    /** System property that overrides the data folder. */
    public static final String DIR_PROPERTY = "northwind.dir";
    /** Environment variable that overrides the data folder (after the system property). */
    public static final String DIR_ENV = "NORTHWIND_DIR";
    /** The default, relative to the project root (the folder holding cdk.json). */
    public static final String DEFAULT_RELATIVE_DIR = "../shared/northwind";

    private NorthwindData() {
    }

    /**
     * The data folder: {@code -Dnorthwind.dir}, else {@code $NORTHWIND_DIR}, else
     * {@code ../shared/northwind} beside the project root found by walking up from the working folder.
     *
     * @throws IllegalStateException naming what was tried when the folder does not exist
     */
    public static Path locate() {
        String configured = System.getProperty(DIR_PROPERTY);
        String source = "-D" + DIR_PROPERTY;
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(DIR_ENV);
            source = "$" + DIR_ENV;
        }
        Path dir;
        if (configured != null && !configured.isBlank()) {
            dir = Path.of(configured);
        } else {
            source = DEFAULT_RELATIVE_DIR + " beside the project root";
            dir = projectRoot().resolve(DEFAULT_RELATIVE_DIR);
        }
        dir = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Northwind data folder not found: " + dir + " (from " + source
                    + "). Put the Northwind CSVs there, or point -D" + DIR_PROPERTY + " or $" + DIR_ENV
                    + " at the folder that holds them.");
        }
        return dir;
    }

    /** The project root: the nearest folder at or above the working folder that holds cdk.json. */
    public static Path projectRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("cdk.json"))) {
                return p;
            }
        }
        throw new IllegalStateException("No cdk.json at or above " + start + ": run from inside the project.");
    }

    /** The CSV files of a data folder, sorted by name. */
    public static List<Path> csvFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".csv"))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    /**
     * SHA-256 over every CSV of the folder, in name order, each as its file name, a NUL, its bytes and a
     * NUL: renaming, editing, adding or removing a file all change it. Other files (README) do not count.
     */
    public static String checksum(Path dir) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        for (Path file : csvFiles(dir)) {
            try {
                sha256.update(file.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha256.update((byte) 0);
                // Streamed: a data file of any size costs one buffer, not its size in heap.
                try (java.io.InputStream in = Files.newInputStream(file)) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        sha256.update(buffer, 0, n);
                    }
                }
                sha256.update((byte) 0);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
