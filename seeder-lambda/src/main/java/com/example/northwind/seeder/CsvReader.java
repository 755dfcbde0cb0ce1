package com.example.northwind.seeder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; CRLF line ends
 * are accepted as well as LF; blank lines are skipped. Each record remembers the physical line it starts
 * on, so errors can point at the line a person sees in an editor.
 *
 * <p>Hand-written on purpose: a CSV library would add to the Lambda jar for forty lines of code.
 */
public final class CsvReader {
    /** One record: the 1-based physical line it starts on and its fields (empty string = NULL). */
    public record Record(int line, List<String> fields) {
    }

    private CsvReader() {
    }

    /** Reads a UTF-8 file; errors name the file. */
    public static List<Record> read(Path file) {
        String name = file.getFileName().toString();
        String text;
        try {
            // Strict decoding, so mojibake is reported instead of being written to the table.
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new SeedDataException(name + ": file not found in " + file.getParent());
        } catch (CharacterCodingException e) {
            throw new SeedDataException(name + ": not valid UTF-8");
        } catch (IOException e) {
            throw new SeedDataException(name + ": cannot be read: " + e.getMessage());
        }
        return parse(name, text);
    }

    /** Parses CSV text; {@code name} is used in error messages only. */
    public static List<Record> parse(String name, String text) {
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        int i = text.startsWith("\uFEFF") ? 1 : 0; // a BOM from a spreadsheet export is not data
        boolean fieldStarted = false;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"' && !fieldStarted) {
                // Quoted field: runs to the closing quote; "" is a literal quote.
                i++;
                boolean closed = false;
                while (i < n) {
                    char q = text.charAt(i);
                    if (q == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        closed = true;
                        break;
                    }
                    if (q == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                        i++; // CRLF inside a field becomes LF, so the value does not depend on the line ends
                        continue;
                    }
                    if (q == '\n') {
                        line++;
                    }
                    field.append(q);
                    i++;
                }
                if (!closed) {
                    throw SeedDataException.at(name, recordLine,
                            "unterminated quoted field (no closing quote before the end of the file)");
                }
                fieldStarted = true;
                if (i < n) {
                    char after = text.charAt(i);
                    if (after != ',' && after != '\n' && after != '\r') {
                        throw SeedDataException.at(name, recordLine,
                                "unexpected character '" + after + "' after a closing quote (a quote inside a quoted field must be doubled)");
                    }
                }
                continue;
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
                i++;
                continue;
            }
            if (c == '\n' || c == '\r') {
                int width = (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') ? 2 : 1;
                fields.add(field.toString());
                endRecord(records, recordLine, fields);
                fields = new ArrayList<>();
                field.setLength(0);
                fieldStarted = false;
                i += width;
                line++;
                recordLine = line;
                continue;
            }
            if (c == '"') {
                throw SeedDataException.at(name, recordLine, "quote inside an unquoted field (quote the whole field)");
            }
            field.append(c);
            fieldStarted = true;
            i++;
        }
        if (fieldStarted || !fields.isEmpty()) {
            fields.add(field.toString());
            endRecord(records, recordLine, fields);
        }
        return records;
    }

    private static void endRecord(List<Record> records, int line, List<String> fields) {
        if (fields.size() == 1 && fields.get(0).isEmpty()) {
            return; // blank line
        }
        records.add(new Record(line, List.copyOf(fields)));
    }
}
