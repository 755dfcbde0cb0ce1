package com.example.northwind.seeder;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A small RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; CRLF line ends
 * are accepted as well as LF; blank lines are skipped. Each record remembers the physical line it starts
 * on, so errors can point at the line a person sees in an editor. Files are read as a stream, one record at
 * a time, so a file of any size costs a buffer, not its size.
 *
 * <p>Hand-written on purpose: a CSV library would add to the Lambda jar for forty lines of code.
 */
public final class CsvReader {
    /** One record: the 1-based physical line it starts on and its fields (empty string = NULL). */
    public record Record(int line, List<String> fields) {
    }

    private CsvReader() {
    }

    /** Reads a UTF-8 file into a list (small files and tests); errors name the file. */
    public static List<Record> read(Path file) {
        List<Record> records = new ArrayList<>();
        read(file, records::add);
        return records;
    }

    /**
     * Reads a UTF-8 file record by record, holding one record at a time: memory does not grow with the file.
     * Errors name the file; a {@link SeedDataException} thrown by {@code sink} passes through.
     */
    public static void read(Path file, Consumer<Record> sink) {
        String name = file.getFileName().toString();
        // Strict decoding, so mojibake is reported instead of being written to the table.
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader in = new InputStreamReader(Files.newInputStream(file), utf8)) {
            parse(name, in, sink);
        } catch (NoSuchFileException e) {
            throw new SeedDataException(name + ": file not found in " + file.getParent());
        } catch (CharacterCodingException e) {
            throw new SeedDataException(name + ": not valid UTF-8");
        } catch (IOException e) {
            throw new SeedDataException(name + ": cannot be read: " + e.getMessage());
        }
    }

    /** Parses CSV text; {@code name} is used in error messages only. */
    public static List<Record> parse(String name, String text) {
        List<Record> records = new ArrayList<>();
        try {
            parse(name, new StringReader(text), records::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        return records;
    }

    private static void parse(String name, Reader reader, Consumer<Record> sink) throws IOException {
        Chars in = new Chars(reader);
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        if (in.peek() == '\uFEFF') {
            in.next(); // a BOM from a spreadsheet export is not data
        }
        boolean fieldStarted = false;
        for (int c; (c = in.peek()) != -1; ) {
            if (c == '"' && !fieldStarted) {
                // Quoted field: runs to the closing quote; "" is a literal quote.
                in.next();
                boolean closed = false;
                for (int q; (q = in.next()) != -1; ) {
                    if (q == '"') {
                        if (in.peek() == '"') {
                            field.append('"');
                            in.next();
                            continue;
                        }
                        closed = true;
                        break;
                    }
                    if (q == '\r' && in.peek() == '\n') {
                        continue; // CRLF inside a field becomes LF, so the value does not depend on the line ends
                    }
                    if (q == '\n') {
                        line++;
                    }
                    field.append((char) q);
                }
                if (!closed) {
                    throw SeedDataException.at(name, recordLine,
                            "unterminated quoted field (no closing quote before the end of the file)");
                }
                fieldStarted = true;
                int after = in.peek();
                if (after != -1 && after != ',' && after != '\n' && after != '\r') {
                    throw SeedDataException.at(name, recordLine, "unexpected character '" + (char) after
                            + "' after a closing quote (a quote inside a quoted field must be doubled)");
                }
                continue;
            }
            if (c == ',') {
                in.next();
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
                continue;
            }
            if (c == '\n' || c == '\r') {
                in.next();
                if (c == '\r' && in.peek() == '\n') {
                    in.next();
                }
                fields.add(field.toString());
                endRecord(sink, recordLine, fields);
                fields = new ArrayList<>();
                field.setLength(0);
                fieldStarted = false;
                line++;
                recordLine = line;
                continue;
            }
            if (c == '"') {
                throw SeedDataException.at(name, recordLine, "quote inside an unquoted field (quote the whole field)");
            }
            field.append((char) c);
            fieldStarted = true;
            in.next();
        }
        if (fieldStarted || !fields.isEmpty()) {
            fields.add(field.toString());
            endRecord(sink, recordLine, fields);
        }
    }

    /** A buffered reader with one character of look-ahead. */
    private static final class Chars {
        private final Reader reader;
        private final char[] buffer = new char[16 * 1024];
        private int position;
        private int limit;

        Chars(Reader reader) {
            this.reader = reader;
        }

        int peek() throws IOException {
            if (position == limit) {
                int n;
                do {
                    n = reader.read(buffer, 0, buffer.length);
                } while (n == 0);
                if (n < 0) {
                    return -1;
                }
                position = 0;
                limit = n;
            }
            return buffer[position];
        }

        int next() throws IOException {
            int c = peek();
            if (c != -1) {
                position++;
            }
            return c;
        }
    }

    private static void endRecord(Consumer<Record> sink, int line, List<String> fields) {
        if (fields.size() == 1 && fields.get(0).isEmpty()) {
            return; // blank line
        }
        sink.accept(new Record(line, List.copyOf(fields)));
    }
}
