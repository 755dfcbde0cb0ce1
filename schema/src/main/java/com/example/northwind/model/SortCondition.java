package com.example.northwind.model;

import com.example.northwind.schema.Keys;
import java.nio.charset.StandardCharsets;

/**
 * The sort-key half of a key condition. It can describe itself, give the form to send to DynamoDB, and test
 * a sort value (which is how a continuation key is checked to lie inside the query it claims to continue).
 */
public record SortCondition(Kind kind, String low, String high) {
    public enum Kind { ANY, EQUALS, BEGINS_WITH, BETWEEN, AT_LEAST, BELOW, AT_MOST }

    public static final SortCondition ANY = new SortCondition(Kind.ANY, null, null);
    /** The character right after {@link Keys#SEPARATOR} in byte order: every key component ends before it. */
    private static final char AFTER_SEPARATOR = (char) (Keys.SEPARATOR + 1);

    public static SortCondition equalTo(String value) {
        return new SortCondition(Kind.EQUALS, value, null);
    }

    public static SortCondition beginsWith(String prefix) {
        return new SortCondition(Kind.BEGINS_WITH, prefix, null);
    }

    public static SortCondition between(String low, String high) {
        return new SortCondition(Kind.BETWEEN, low, high);
    }

    public static SortCondition atLeast(String low) {
        return new SortCondition(Kind.AT_LEAST, low, null);
    }

    /** Values up to {@code high}, inclusive. */
    public static SortCondition atMost(String high) {
        return new SortCondition(Kind.AT_MOST, null, high);
    }

    /**
     * This condition, also stopping at {@code bound} (inclusive) in the direction of reading: at most {@code bound}
     * when reading forward, at least {@code bound} when reading backward. A scatter-gather top-up reads a shard only
     * as far as the page can reach; {@code bound} is a value the condition matches (an item read under it).
     */
    public SortCondition boundedBy(String bound, boolean forward) {
        if (!matches(bound)) {
            throw new IllegalArgumentException("bound " + bound + " is outside " + describe("sort"));
        }
        return switch (kind) {
            case EQUALS -> this;
            case ANY -> forward ? atMost(bound) : atLeast(bound);
            case AT_LEAST -> forward ? between(low, bound) : atLeast(bound);
            case BELOW, AT_MOST -> forward ? atMost(bound) : between(bound, high);
            case BETWEEN -> forward ? between(low, bound) : between(bound, high);
            case BEGINS_WITH -> {
                if (forward) {
                    yield between(low, bound);
                }
                SortCondition range = asSent();
                if (range.kind() != Kind.BETWEEN) {
                    throw new IllegalArgumentException("a backward read of begins_with(" + low + ") cannot be bounded");
                }
                yield between(bound, range.high());
            }
        };
    }

    /** Values strictly below {@code high}: {@code 1998-05-01} is above every {@code 1998-04-30#…} and below {@code 1998-05-01#…}. */
    public static SortCondition below(String high) {
        return new SortCondition(Kind.BELOW, null, high);
    }

    /**
     * Values that start with {@code prefix}, whose next component lies from {@code from} to {@code to} (both
     * inclusive, whole components; either may be null for an open end). For {@code ORDER#} and dates: every order
     * edge from one date to another. The upper bound appends the character after {@code #}, which is above every
     * value whose component equals {@code to} (the component is followed by {@code #} and more).
     */
    public static SortCondition componentRange(String prefix, String from, String to) {
        String low = from == null ? prefix : prefix + from;
        String high = to == null ? upperBound(prefix) : prefix + to + AFTER_SEPARATOR;
        return between(low, high);
    }

    /** From {@code low} through every value that starts with {@code prefix} (which ends with the separator). */
    public static SortCondition fromThroughPrefix(String low, String prefix) {
        return between(low, upperBound(prefix));
    }

    /** Above every value starting with {@code prefix} (which ends with the separator). */
    private static String upperBound(String prefix) {
        if (!prefix.endsWith(String.valueOf(Keys.SEPARATOR))) {
            throw new IllegalArgumentException("prefix must end with " + Keys.SEPARATOR + ": " + prefix);
        }
        return prefix.substring(0, prefix.length() - 1) + AFTER_SEPARATOR;
    }

    /**
     * The condition as sent to DynamoDB. A begins_with on a prefix that ends in the separator is sent as the
     * equivalent range [prefix, prefix-with-the-next-character]: DynamoDB reads either as the same range, but
     * DynamoDB Local evaluates begins_with by reading the whole partition, so the range keeps local latency
     * independent of what else shares the partition (BENCHMARKS.md, the control table).
     */
    public SortCondition asSent() {
        if (kind == Kind.BEGINS_WITH && low.endsWith(String.valueOf(Keys.SEPARATOR))) {
            return between(low, upperBound(low));
        }
        return this;
    }

    /** Whether DynamoDB would consider this sort value inside the condition. */
    public boolean matches(String value) {
        return switch (kind) {
            case ANY -> true;
            case EQUALS -> value.equals(low);
            case BEGINS_WITH -> value.startsWith(low);
            case AT_LEAST -> compareUtf8(value, low) >= 0;
            case BELOW -> compareUtf8(value, high) < 0;
            case AT_MOST -> compareUtf8(value, high) <= 0;
            case BETWEEN -> compareUtf8(value, low) >= 0 && compareUtf8(value, high) <= 0;
        };
    }

    /** For the docs: {@code begins_with(data, "ORDER#")}. */
    public String describe(String attribute) {
        return switch (kind) {
            case ANY -> "";
            case EQUALS -> attribute + " = " + low;
            case BEGINS_WITH -> "begins_with(" + attribute + ", " + low + ")";
            case AT_LEAST -> attribute + " >= " + low;
            case BELOW -> attribute + " < " + high;
            case AT_MOST -> attribute + " <= " + high;
            case BETWEEN -> attribute + " BETWEEN " + low + " AND " + high;
        };
    }

    /** DynamoDB orders strings by their UTF-8 bytes, which differs from String.compareTo beyond the BMP. */
    public static int compareUtf8(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(x.length, y.length);
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
