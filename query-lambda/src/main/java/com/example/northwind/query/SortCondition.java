package com.example.northwind.query;

import com.example.northwind.schema.Keys;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The sort-key half of a key condition. It can both render itself for DynamoDB and test a sort value,
 * which is how a nextToken is checked to lie inside the query it claims to continue.
 */
record SortCondition(Kind kind, String low, String high) {
    enum Kind { ANY, EQUALS, BEGINS_WITH, BETWEEN, AT_LEAST }

    static final SortCondition ANY = new SortCondition(Kind.ANY, null, null);
    private static final String SEPARATOR = String.valueOf(Keys.SEPARATOR);
    /** The character right after {@link Keys#SEPARATOR} in byte order. */
    private static final char RANGE_END = (char) (Keys.SEPARATOR + 1);

    static SortCondition equalTo(String value) {
        return new SortCondition(Kind.EQUALS, value, null);
    }

    static SortCondition beginsWith(String prefix) {
        return new SortCondition(Kind.BEGINS_WITH, prefix, null);
    }

    static SortCondition between(String low, String high) {
        return new SortCondition(Kind.BETWEEN, low, high);
    }

    static SortCondition atLeast(String low) {
        return new SortCondition(Kind.AT_LEAST, low, null);
    }

    /** The condition on {@code #s}, adding its values as {@code :s1}/{@code :s2}; empty for ANY. */
    String expression(Map<String, AttributeValue> values) {
        switch (kind) {
            case ANY:
                return "";
            case EQUALS:
                values.put(":s1", AttributeValue.fromS(low));
                return " AND #s = :s1";
            case BEGINS_WITH:
                values.put(":s1", AttributeValue.fromS(low));
                if (low.endsWith(SEPARATOR)) {
                    // Sent as the equivalent range [prefix, prefix-with-'$'] ('$' is the character after '#',
                    // and no key ends right after that '$'). DynamoDB reads either form as a range, but
                    // DynamoDB Local evaluates begins_with by reading the whole partition, so the range keeps
                    // local latency independent of what else shares the partition (BENCHMARKS.md, control).
                    values.put(":s2", AttributeValue.fromS(low.substring(0, low.length() - 1) + RANGE_END));
                    return " AND #s BETWEEN :s1 AND :s2";
                }
                return " AND begins_with(#s, :s1)";
            case AT_LEAST:
                values.put(":s1", AttributeValue.fromS(low));
                return " AND #s >= :s1";
            case BETWEEN:
                values.put(":s1", AttributeValue.fromS(low));
                values.put(":s2", AttributeValue.fromS(high));
                return " AND #s BETWEEN :s1 AND :s2";
            default:
                throw new IllegalStateException("unhandled " + kind);
        }
    }

    /** Whether DynamoDB would consider this sort value inside the condition. */
    boolean matches(String value) {
        return switch (kind) {
            case ANY -> true;
            case EQUALS -> value.equals(low);
            case BEGINS_WITH -> value.startsWith(low);
            case AT_LEAST -> compareUtf8(value, low) >= 0;
            case BETWEEN -> compareUtf8(value, low) >= 0 && compareUtf8(value, high) <= 0;
        };
    }

    /** DynamoDB orders strings by their UTF-8 bytes, which differs from String.compareTo beyond the BMP. */
    static int compareUtf8(String a, String b) {
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
