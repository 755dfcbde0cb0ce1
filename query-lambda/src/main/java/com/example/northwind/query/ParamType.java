package com.example.northwind.query;

import com.example.northwind.model.ParamLimits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/** The kinds of parameter a pattern takes; each turns the raw JSON value into the normalised text used in keys. */
enum ParamType {
    /** A numeric id (employeeID, productID, ...): a JSON integer or a string of digits, 0 to 9999999999. */
    NUMERIC_ID("a non-negative integer up to 9999999999 (a JSON number or a numeric string)") {
        @Override
        String normalise(String field, Object raw) {
            BigInteger value;
            if (raw instanceof Integer || raw instanceof Long || raw instanceof BigInteger) {
                value = new BigInteger(raw.toString());
            } else if (raw instanceof String s && DIGITS.matcher(s).matches()) {
                value = new BigInteger(s);
            } else if (raw instanceof BigDecimal d && d.signum() >= 0 && isWholeWithinMaxDigits(d.stripTrailingZeros())) {
                value = d.toBigIntegerExact(); // 7.0 is still the integer 7
            } else {
                throw invalid(field, raw);
            }
            if (value.signum() < 0 || value.compareTo(MAX_ID) > 0) {
                throw invalid(field, raw);
            }
            // Canonical form (no leading zeros), as the seeder writes ids taken from the CSV.
            return value.toString();
        }
    },
    /** Free text (names, countries, string ids such as customerID or territoryID). */
    TEXT("a non-empty string of at most " + ParamType.MAX_TEXT + " characters") {
        @Override
        String normalise(String field, Object raw) {
            if (!(raw instanceof String s) || s.isEmpty() || s.length() > MAX_TEXT) {
                throw invalid(field, raw);
            }
            return s;
        }
    },
    /** A calendar date. */
    DATE("a date YYYY-MM-DD") {
        @Override
        String normalise(String field, Object raw) {
            if (!(raw instanceof String s) || !DATE_SHAPE.matcher(s).matches()) {
                throw invalid(field, raw);
            }
            try {
                LocalDate.parse(s, STRICT_DATE); // rejects 1997-02-30, which the shape check lets through
            } catch (DateTimeParseException e) {
                throw invalid(field, raw);
            }
            return s;
        }
    };

    static final int MAX_TEXT = ParamLimits.MAX_TEXT;
    private static final BigInteger MAX_ID = BigInteger.valueOf(ParamLimits.MAX_ID);
    private static final int MAX_ID_DIGITS = 10;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,20}");
    private static final Pattern DATE_SHAPE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final DateTimeFormatter STRICT_DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    private final String allowed;

    /**
     * Whether a (stripped) decimal is a whole number of at most {@link #MAX_ID_DIGITS} digits. Checked on
     * precision and scale, which are free, before any conversion: 1e20000000 is a short JSON number whose
     * conversion to BigInteger would build a 20-million-digit integer (seconds of CPU per request).
     */
    private static boolean isWholeWithinMaxDigits(BigDecimal stripped) {
        return stripped.scale() <= 0 && (long) stripped.precision() - stripped.scale() <= MAX_ID_DIGITS;
    }

    /** The validation of a model parameter kind (same names). */
    static ParamType of(com.example.northwind.model.ParamSpec.Kind kind) {
        return valueOf(kind.name());
    }

    ParamType(String allowed) {
        this.allowed = allowed;
    }

    /** The normalised text of a valid value, or a ValidationException naming the field. */
    abstract String normalise(String field, Object raw);

    ValidationException invalid(String field, Object raw) {
        return new ValidationException(field + " must be " + allowed + ", got " + ValidationException.show(raw));
    }
}
