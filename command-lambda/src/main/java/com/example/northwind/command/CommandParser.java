package com.example.northwind.command;

import com.example.northwind.lambda.BadRequest;
import com.example.northwind.lambda.Excerpt;
import com.example.northwind.lambda.JsonRequestReader;
import com.example.northwind.lambda.KnownNames;
import com.example.northwind.model.CommandDefinition;
import com.example.northwind.model.CommandDefinitions;
import com.example.northwind.model.CommandParam;
import com.example.northwind.model.ParamLimits;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns request bytes into a {@link CommandRequest}, or a ValidationError saying what is wrong — decided without
 * reading the table: shape, names, types, ranges, dates, lengths, and the per-command rules that need no data.
 */
final class CommandParser {
    static final int MAX_TEXT = ParamLimits.MAX_TEXT;
    static final int MAX_LINES = ParamLimits.MAX_LINES;
    static final long MAX_QUANTITY = ParamLimits.MAX_QUANTITY;
    /** Stock figures and money are bounded far above any real value, so arithmetic can never overflow. */
    static final long MAX_COUNT = ParamLimits.MAX_COUNT;
    static final BigDecimal MAX_MONEY = ParamLimits.MAX_MONEY;
    /** Money and fractions carry at most this many decimals (Northwind's have two; discounts a few). */
    static final int MAX_SCALE = ParamLimits.MAX_SCALE;
    private static final Set<String> FIELDS = Set.of("command", "params", "idempotencyKey");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile(ParamLimits.IDEMPOTENCY_KEY_PATTERN);
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,20}");
    private static final Pattern DATE_SHAPE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final DateTimeFormatter STRICT_DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final BigInteger MAX_ID = BigInteger.valueOf(ParamLimits.MAX_ID);
    private static final String SHAPE = "send a JSON object such as {\"command\": \"shipOrder\", \"params\": {\"orderId\": 11077}}";

    /** A valid request nests request → params → lines → line: four levels; anything deeper is refused while read. */
    private final JsonRequestReader reader = new JsonRequestReader(8, 16 * 1024, SHAPE);

    CommandRequest parse(InputStream input) {
        Map<?, ?> request;
        try {
            request = reader.readObject(input);
        } catch (BadRequest e) {
            throw CommandError.validation(e.getMessage());
        }
        return parse(request);
    }

    /** Validates a request already read as a JSON object (the HTTP API's, built by HttpApiAdapter). */
    CommandRequest parse(Map<?, ?> request) {
        for (Object key : request.keySet()) {
            if (!FIELDS.contains(key)) {
                throw CommandError.validation("unexpected field " + Excerpt.show(key)
                        + "; a request has command, params, idempotencyKey?");
            }
        }
        CommandDefinition definition = command(request.get("command"));
        Map<String, Object> params = params(definition, request.get("params"));
        return new CommandRequest(definition, params, idempotencyKey(request.get("idempotencyKey")));
    }

    private static CommandDefinition command(Object raw) {
        String known = KnownNames.commands();
        if (raw == null) {
            throw CommandError.validation("missing field command; known commands: " + known);
        }
        if (!(raw instanceof String name)) {
            throw CommandError.validation("command must be a string, got " + Excerpt.show(raw) + "; known commands: " + known);
        }
        return CommandDefinitions.byName(name).orElseThrow(() -> CommandError.validation(KnownNames.unknownCommand(name)));
    }

    private static String idempotencyKey(Object raw) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof String key) || !IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw CommandError.validation("idempotencyKey must be 1 to 64 characters of A-Z a-z 0-9 _ -, got "
                    + Excerpt.show(raw));
        }
        return key;
    }

    private static Map<String, Object> params(CommandDefinition definition, Object raw) {
        String takes = "; " + definition.name() + " takes " + definition.signature();
        if (!(raw instanceof Map<?, ?> given)) {
            throw CommandError.validation(raw == null ? "missing field params" + takes
                    : "params must be a JSON object, got " + Excerpt.show(raw) + takes);
        }
        for (Object name : given.keySet()) {
            if (definition.param(String.valueOf(name)) == null) {
                throw CommandError.validation("unexpected parameter params." + Excerpt.show(name).replace("\"", "") + takes);
            }
        }
        Map<String, Object> values = new TreeMap<>();
        for (CommandParam param : definition.params()) {
            String field = "params." + param.name();
            if (!given.containsKey(param.name())) {
                if (param.required()) {
                    throw CommandError.validation("missing parameter " + field + takes);
                }
                continue;
            }
            Object value = given.get(param.name());
            if (value == null) {
                if (!param.clearable()) {
                    throw CommandError.validation(definition.name().startsWith("update") && !param.required()
                            ? CommandRules.notClearable(field)
                            : field + " cannot be null" + (param.required() ? "" : " (leave it out, or give a value)"));
                }
                values.put(param.name(), CommandRequest.CLEAR);
                continue;
            }
            values.put(param.name(), value(field, param.kind(), value));
        }
        CommandRules.check(definition.name(), values);
        return values;
    }

    /** The normalised value of one parameter, or a ValidationError naming it. */
    static Object value(String field, CommandParam.Kind kind, Object raw) {
        return switch (kind) {
            case NUMERIC_ID -> id(field, raw);
            case TEXT -> text(field, raw);
            case DATE -> date(field, raw);
            case INTEGER -> integer(field, raw);
            case DECIMAL -> decimal(field, raw);
            case BOOLEAN -> {
                if (!(raw instanceof Boolean b)) {
                    throw invalid(field, "true or false", raw);
                }
                yield b;
            }
            case ORDER_LINES -> lines(field, raw);
        };
    }

    static long id(String field, Object raw) {
        BigInteger value = null;
        if (raw instanceof Integer || raw instanceof Long || raw instanceof BigInteger) {
            value = new BigInteger(raw.toString());
        } else if (raw instanceof String s && DIGITS.matcher(s).matches()) {
            value = new BigInteger(s);
        } else if (raw instanceof BigDecimal d && d.signum() >= 0 && d.stripTrailingZeros().scale() <= 0
                && d.precision() - d.scale() <= 10) {
            value = d.toBigIntegerExact(); // 7.0 is still the id 7; the precision check keeps 1e20000000 cheap
        }
        if (value == null || value.signum() < 0 || value.compareTo(MAX_ID) > 0) {
            throw invalid(field, "a non-negative integer up to 9999999999 (a JSON number or a numeric string)", raw);
        }
        return value.longValue();
    }

    private static String text(String field, Object raw) {
        if (!(raw instanceof String s) || s.isEmpty() || s.length() > MAX_TEXT) {
            throw invalid(field, "a non-empty string of at most " + MAX_TEXT + " characters", raw);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f) {
                throw CommandError.validation(field + " must not contain control characters");
            }
        }
        return s;
    }

    private static String date(String field, Object raw) {
        if (raw instanceof String s && DATE_SHAPE.matcher(s).matches()) {
            try {
                LocalDate.parse(s, STRICT_DATE); // rejects 1997-02-30, which the shape check lets through
                return s;
            } catch (DateTimeParseException e) {
                // falls through to the message
            }
        }
        throw invalid(field, "a date YYYY-MM-DD that exists", raw);
    }

    private static long integer(String field, Object raw) {
        if ((raw instanceof Integer || raw instanceof Long || raw instanceof BigInteger)
                && new BigInteger(raw.toString()).abs().compareTo(BigInteger.valueOf(MAX_COUNT)) <= 0) {
            return Long.parseLong(raw.toString());
        }
        throw invalid(field, "a whole number from -" + MAX_COUNT + " to " + MAX_COUNT, raw);
    }

    private static BigDecimal decimal(String field, Object raw) {
        BigDecimal value = null;
        if (raw instanceof Integer || raw instanceof Long || raw instanceof BigInteger) {
            value = new BigDecimal(raw.toString());
        } else if (raw instanceof BigDecimal d && d.precision() - d.scale() <= 12) {
            value = d;
        }
        if (value == null || value.abs().compareTo(MAX_MONEY) > 0 || value.stripTrailingZeros().scale() > MAX_SCALE) {
            throw invalid(field, "a number of at most " + MAX_SCALE + " decimals, at most " + MAX_MONEY.toPlainString(), raw);
        }
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    private static List<CommandRequest.Line> lines(String field, Object raw) {
        if (!(raw instanceof List<?> list) || list.isEmpty() || list.size() > MAX_LINES) {
            throw invalid(field, "an array of 1 to " + MAX_LINES + " lines {productId, quantity, discount?}", raw);
        }
        List<CommandRequest.Line> lines = new ArrayList<>(list.size());
        Set<Long> products = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = field + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> line)) {
                throw invalid(at, "an object {productId, quantity, discount?}", list.get(i));
            }
            for (Object name : line.keySet()) {
                if (!Set.of("productId", "quantity", "discount").contains(name)) {
                    throw CommandError.validation("unexpected field " + at + "." + Excerpt.show(name).replace("\"", "")
                            + "; a line has productId, quantity, discount?");
                }
            }
            if (line.get("productId") == null || line.get("quantity") == null) {
                throw CommandError.validation(at + " needs productId and quantity");
            }
            long productId = id(at + ".productId", line.get("productId"));
            long quantity = integer(at + ".quantity", line.get("quantity"));
            if (quantity < 1 || quantity > MAX_QUANTITY) {
                throw CommandError.validation(at + ".quantity must be from 1 to " + MAX_QUANTITY + ", got " + quantity);
            }
            BigDecimal discount = line.get("discount") == null ? BigDecimal.ZERO : decimal(at + ".discount", line.get("discount"));
            CommandRules.fraction(at + ".discount", discount);
            if (!products.add(productId)) {
                throw CommandError.validation(at + ".productId " + productId + " appears twice in lines; order each product once");
            }
            lines.add(new CommandRequest.Line(productId, quantity, discount));
        }
        return List.copyOf(lines);
    }

    static CommandError invalid(String field, String allowed, Object raw) {
        return CommandError.validation(field + " must be " + allowed + ", got " + Excerpt.show(raw));
    }

    /** Param names of a request, for logs. */
    static Map<String, Object> describe(CommandRequest request) {
        Map<String, Object> out = new LinkedHashMap<>();
        request.params().forEach((k, v) -> out.put(k, v instanceof List<?> l ? l.size() + " lines" : String.valueOf(v)));
        return out;
    }
}
