package com.example.northwind.model;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Lambda's event filtering, evaluated strictly: the filter criteria of an event source mapping, as the local event
 * source mapping applies them to stream records (a record is invoked only when one pattern matches; the others are
 * done without an invocation).
 *
 * <p>The rules (Lambda's "filter rule syntax"): a pattern is a JSON object mirroring the record's JSON; a key whose
 * value is an object descends into the record's field of that name; a key whose value is an array is a leaf, and the
 * record's field matches when it matches <em>any</em> element of the array (OR); all keys of an object must match (AND);
 * {@code "$or": [pattern, ...]} matches when one of its patterns does. A record field that is an array matches when any
 * of its elements does. Leaf elements: a string, number, boolean or null (equality; a number equals a number by value,
 * never a string), or an object with one operator: {@code prefix}, {@code suffix}, {@code equals-ignore-case},
 * {@code anything-but} (a value, a list of values, or {@code {"prefix": ...}}; the field must exist), {@code exists}
 * (true: the field is there and is a leaf; false: it is not there), {@code numeric} (one or two comparisons). A missing
 * field matches nothing but {@code {"exists": false}}.
 *
 * <p>Anything else — another operator ({@code wildcard}, {@code cidr}, a typo), an empty array, a value that is neither
 * array nor object, a pattern over Lambda's 4,096 characters — is refused when the filter is built, naming what and
 * where: a filter that silently matched everything (or nothing) would mean a consumer that sees the wrong records.
 */
public final class EventFilter {
    /** Lambda's maximum length of one filter pattern. */
    public static final int MAX_PATTERN_LENGTH = 4_096;
    private static final int MAX_DEPTH = 32;
    private static final Set<String> OPERATORS = Set.of("prefix", "suffix", "equals-ignore-case", "anything-but",
            "exists", "numeric");
    private static final Set<String> NUMERIC_OPERATORS = Set.of("=", "<", "<=", ">", ">=");

    private final List<Map<String, Object>> patterns;

    private EventFilter(List<Map<String, Object>> patterns) {
        this.patterns = patterns;
    }

    /**
     * The filter criteria made of {@code patterns} (JSON texts): a record passes when any pattern matches it; no
     * patterns at all (a mapping without filter criteria) passes every record.
     *
     * @throws IllegalArgumentException naming the pattern and the rule that is not supported or malformed
     */
    public static EventFilter of(List<String> patterns) {
        List<Map<String, Object>> compiled = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            compiled.add(compile(patterns.get(i), "filter pattern " + (i + 1)));
        }
        return new EventFilter(List.copyOf(compiled));
    }

    /** The filter of one pattern. */
    public static EventFilter of(String pattern) {
        return of(List.of(pattern));
    }

    /** True when the record (its JSON, as Lambda would send it) passes: no patterns, or one of them matches. */
    public boolean matches(Map<String, Object> record) {
        if (patterns.isEmpty()) {
            return true;
        }
        for (Map<String, Object> pattern : patterns) {
            if (matchesObject(pattern, record)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> compile(String text, String where) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(where + " is empty.");
        }
        if (text.length() > MAX_PATTERN_LENGTH) {
            throw new IllegalArgumentException(where + " is " + text.length() + " characters long; Lambda allows "
                    + MAX_PATTERN_LENGTH + ".");
        }
        Object parsed;
        try {
            parsed = JSON.std.anyFrom(text);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(where + " is not JSON: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> map) || map.isEmpty()) {
            throw new IllegalArgumentException(where + " must be a non-empty JSON object, got " + text);
        }
        validateObject(map, where, 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> pattern = (Map<String, Object>) parsed;
        return pattern;
    }

    private static void validateObject(Map<?, ?> object, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException(path + " is nested deeper than " + MAX_DEPTH + " levels.");
        }
        if (object.isEmpty()) {
            throw new IllegalArgumentException(path + " is an empty object: it would match nothing to filter on.");
        }
        for (Map.Entry<?, ?> e : object.entrySet()) {
            String key = String.valueOf(e.getKey());
            String at = path + " › " + key;
            Object value = e.getValue();
            if (key.equals("$or")) {
                if (!(value instanceof List<?> alternatives) || alternatives.isEmpty()) {
                    throw new IllegalArgumentException(at + " must be a non-empty array of patterns.");
                }
                for (Object alternative : alternatives) {
                    if (!(alternative instanceof Map<?, ?> map)) {
                        throw new IllegalArgumentException(at + " holds " + alternative + ", not a pattern object.");
                    }
                    validateObject(map, at, depth + 1);
                }
            } else if (value instanceof Map<?, ?> nested) {
                validateObject(nested, at, depth + 1);
            } else if (value instanceof List<?> rules) {
                if (rules.isEmpty()) {
                    throw new IllegalArgumentException(at + " is an empty array: a leaf needs at least one value or rule.");
                }
                rules.forEach(rule -> validateRule(rule, at));
            } else {
                throw new IllegalArgumentException(at + " is " + value + ": a leaf must be an array of values or rules"
                        + " (e.g. [\"" + value + "\"]), anything else an object.");
            }
        }
    }

    private static void validateRule(Object rule, String at) {
        if (!(rule instanceof Map<?, ?> operator)) {
            if (rule instanceof List<?>) {
                throw new IllegalArgumentException(at + " holds a nested array " + rule + ".");
            }
            return; // a string, number, boolean or null: equality
        }
        if (operator.size() != 1) {
            throw new IllegalArgumentException(at + " holds " + rule + ": a rule object has exactly one operator.");
        }
        String name = String.valueOf(operator.keySet().iterator().next());
        Object argument = operator.values().iterator().next();
        if (!OPERATORS.contains(name)) {
            throw new IllegalArgumentException(at + " uses the filter operator '" + name + "', which this evaluator "
                    + "does not support (supported: exact values, " + String.join(", ", OPERATORS.stream().sorted().toList()) + ").");
        }
        switch (name) {
            case "prefix", "suffix", "equals-ignore-case" -> {
                if (!(argument instanceof String)) {
                    throw new IllegalArgumentException(at + ": '" + name + "' takes a string, got " + argument + ".");
                }
            }
            case "exists" -> {
                if (!(argument instanceof Boolean)) {
                    throw new IllegalArgumentException(at + ": 'exists' takes true or false, got " + argument + ".");
                }
            }
            case "anything-but" -> validateAnythingBut(argument, at);
            default -> validateNumeric(argument, at);
        }
    }

    private static void validateAnythingBut(Object argument, String at) {
        if (argument instanceof Map<?, ?> inner) {
            if (inner.size() != 1 || !(inner.get("prefix") instanceof String)) {
                throw new IllegalArgumentException(at + ": 'anything-but' takes a value, a list of values or"
                        + " {\"prefix\": \"...\"}, got " + argument + ".");
            }
        } else if (argument instanceof List<?> values) {
            if (values.isEmpty() || values.stream().anyMatch(v -> !(v instanceof String || v instanceof Number))) {
                throw new IllegalArgumentException(at + ": 'anything-but' takes a non-empty list of strings or numbers,"
                        + " got " + argument + ".");
            }
        } else if (!(argument instanceof String || argument instanceof Number)) {
            throw new IllegalArgumentException(at + ": 'anything-but' takes a string or a number, got " + argument + ".");
        }
    }

    private static void validateNumeric(Object argument, String at) {
        if (!(argument instanceof List<?> parts) || (parts.size() != 2 && parts.size() != 4)) {
            throw new IllegalArgumentException(at + ": 'numeric' takes [operator, number] or [operator, number,"
                    + " operator, number], got " + argument + ".");
        }
        for (int i = 0; i < parts.size(); i += 2) {
            if (!NUMERIC_OPERATORS.contains(String.valueOf(parts.get(i))) || !(parts.get(i + 1) instanceof Number)) {
                throw new IllegalArgumentException(at + ": 'numeric' comparison " + parts.get(i) + " " + parts.get(i + 1)
                        + " is not one of = < <= > >= followed by a number.");
            }
        }
    }

    private static boolean matchesObject(Map<?, ?> pattern, Object value) {
        if (!(value instanceof Map<?, ?> fields)) {
            return false;
        }
        for (Map.Entry<?, ?> e : pattern.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.equals("$or")) {
                boolean any = false;
                for (Object alternative : (List<?>) e.getValue()) {
                    any |= matchesObject((Map<?, ?>) alternative, fields);
                }
                if (!any) {
                    return false;
                }
            } else if (e.getValue() instanceof Map<?, ?> nested) {
                // Below a missing field every field is missing too: only {"exists": false} can match there.
                if (!matchesObject(nested, fields.containsKey(key) ? fields.get(key) : Map.of())) {
                    return false;
                }
            } else if (!matchesLeaf((List<?>) e.getValue(), fields.containsKey(key), fields.get(key))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesLeaf(List<?> rules, boolean present, Object value) {
        for (Object rule : rules) {
            if (matchesRule(rule, present, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesRule(Object rule, boolean present, Object value) {
        if (rule instanceof Map<?, ?> operator && operator.size() == 1
                && "exists".equals(String.valueOf(operator.keySet().iterator().next()))) {
            boolean wanted = (Boolean) operator.values().iterator().next();
            return wanted ? present && !(value instanceof Map<?, ?>) : !present;
        }
        if (!present) {
            return false;
        }
        if (value instanceof List<?> elements) {
            // An array in the record matches when one of its elements does.
            for (Object element : elements) {
                if (matchesValue(rule, element)) {
                    return true;
                }
            }
            return false;
        }
        return matchesValue(rule, value);
    }

    private static boolean matchesValue(Object rule, Object value) {
        if (value instanceof Map<?, ?>) {
            return false; // leaf rules apply to leaf values only
        }
        if (!(rule instanceof Map<?, ?> operator)) {
            return equal(rule, value);
        }
        String name = String.valueOf(operator.keySet().iterator().next());
        Object argument = operator.values().iterator().next();
        return switch (name) {
            case "prefix" -> value instanceof String s && s.startsWith((String) argument);
            case "suffix" -> value instanceof String s && s.endsWith((String) argument);
            case "equals-ignore-case" -> value instanceof String s
                    && s.toLowerCase(Locale.ROOT).equals(((String) argument).toLowerCase(Locale.ROOT));
            case "anything-but" -> anythingBut(argument, value);
            default -> numeric((List<?>) argument, value);
        };
    }

    private static boolean anythingBut(Object argument, Object value) {
        if (value == null) {
            return false;
        }
        if (argument instanceof Map<?, ?> inner) {
            return value instanceof String s && !s.startsWith((String) inner.get("prefix"));
        }
        List<?> excluded = argument instanceof List<?> list ? list : List.of(argument);
        for (Object e : excluded) {
            if (equal(e, value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean numeric(List<?> comparisons, Object value) {
        if (!(value instanceof Number number)) {
            return false;
        }
        BigDecimal actual = decimal(number);
        for (int i = 0; i < comparisons.size(); i += 2) {
            int c = actual.compareTo(decimal((Number) comparisons.get(i + 1)));
            boolean ok = switch (String.valueOf(comparisons.get(i))) {
                case "=" -> c == 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                default -> c >= 0;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean equal(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (expected instanceof Number e && actual instanceof Number a) {
            return decimal(e).compareTo(decimal(a)) == 0;
        }
        return expected.getClass() == actual.getClass() && expected.equals(actual);
    }

    private static BigDecimal decimal(Number n) {
        return n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
    }
}
