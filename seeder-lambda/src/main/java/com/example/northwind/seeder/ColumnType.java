package com.example.northwind.seeder;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/** The type of a CSV column: how its text is validated and which DynamoDB type it is written as. */
public enum ColumnType {
    /** A whole number, written as N. */
    INT,
    /**
     * An id: a whole number from 0 to {@value #MAX_ID}, written as N. Ids are zero-padded to 10 digits inside
     * sort keys (Keys.paddedId), so a negative or longer id must be rejected here, with its file and line,
     * rather than fail later in the key code without saying which row it came from.
     */
    ID,
    /** A decimal number such as money or a discount fraction, written as N with the CSV's text. */
    DECIMAL,
    /** An ISO date ({@code YYYY-MM-DD}) that exists in the calendar, written as S. */
    DATE,
    /** {@code 0} or {@code 1}, written as BOOL. */
    BOOL,
    /** Any text, written as S. */
    STRING;

    /** The largest id that fits the 10-digit padding of Keys.paddedId. */
    static final long MAX_ID = 9_999_999_999L;

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");
    private static final Pattern DECIMAL_TEXT = Pattern.compile("-?[0-9]{1,20}(\\.[0-9]{1,20})?");
    // STRICT with uuuu rejects 1996-02-30 instead of quietly moving it to the 29th.
    private static final DateTimeFormatter ISO_DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    /**
     * Checks a non-empty value and returns its canonical text (integers lose leading zeros, so "07" and
     * "7" are the same key); returns null and leaves the reason in {@code problem} when it is invalid.
     */
    String canonical(String column, String value, StringBuilder problem) {
        switch (this) {
            case INT -> {
                if (!INTEGER.matcher(value).matches()) {
                    problem.append(column).append(" \"").append(value).append("\" is not an integer");
                    return null;
                }
                return Long.toString(Long.parseLong(value));
            }
            case ID -> {
                if (!INTEGER.matcher(value).matches() || value.startsWith("-") || Long.parseLong(value) > MAX_ID) {
                    problem.append(column).append(" \"").append(value)
                            .append("\" is not an id (a whole number from 0 to ").append(MAX_ID).append(")");
                    return null;
                }
                return Long.toString(Long.parseLong(value));
            }
            case DECIMAL -> {
                if (!DECIMAL_TEXT.matcher(value).matches()) {
                    problem.append(column).append(" \"").append(value).append("\" is not a decimal number");
                    return null;
                }
                return value;
            }
            case DATE -> {
                try {
                    LocalDate.parse(value, ISO_DATE);
                    return value;
                } catch (DateTimeParseException e) {
                    problem.append(column).append(" \"").append(value)
                            .append("\" is not a valid date (expected YYYY-MM-DD)");
                    return null;
                }
            }
            case BOOL -> {
                if (!value.equals("0") && !value.equals("1")) {
                    problem.append(column).append(" \"").append(value).append("\" is not 0 or 1");
                    return null;
                }
                return value;
            }
            default -> {
                return value;
            }
        }
    }

    /** The item model's Java value for a canonical value of this type (see model ValueType). */
    Object toValue(String canonical) {
        return switch (this) {
            case INT, ID -> Long.parseLong(canonical);
            case DECIMAL -> new BigDecimal(canonical);
            case BOOL -> canonical.equals("1");
            case DATE, STRING -> canonical;
        };
    }
}
