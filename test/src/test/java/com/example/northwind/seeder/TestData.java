package com.example.northwind.seeder;

import com.example.northwind.testsupport.NorthwindCsv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Copies of the real CSVs in a temporary folder (at run time, never in the repository), to edit per test. */
final class TestData {
    private TestData() {
    }

    /** Copies every CSV of the real data folder into {@code target} and returns it. */
    static Path copyTo(Path target) {
        try (var files = Files.list(NorthwindCsv.dir())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Physical lines of a file (a quoted line break counts as a line, as in an editor). */
    static List<String> lines(Path file) {
        try {
            return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, List<String> lines) {
        try {
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Applies {@code edit} to the lines of a file. */
    static void edit(Path file, UnaryOperator<List<String>> edit) {
        write(file, edit.apply(lines(file)));
    }

    /** The 1-based physical line number of the first line starting with {@code prefix}. */
    static int lineStartingWith(Path file, String prefix) {
        List<String> lines = lines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line starting with " + prefix + " in " + file);
    }

    /** Replaces the first line starting with {@code prefix}; returns its 1-based line number. */
    static int replaceLine(Path file, String prefix, UnaryOperator<String> change) {
        int line = lineStartingWith(file, prefix);
        edit(file, lines -> {
            lines.set(line - 1, change.apply(lines.get(line - 1)));
            return lines;
        });
        return line;
    }
}
