package com.example.northwind.benchmark.heat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB counts it for capacity units and storage (the rule of the developer guide's "Item
 * sizes and formats"): the sum over attributes of the attribute name's UTF-8 bytes plus the value's size, where
 * <ul>
 *   <li>S: its UTF-8 bytes; B: its bytes;</li>
 *   <li>N: 1 byte per two significant digits (leading and trailing zeros trimmed), rounded up, plus 1 byte;</li>
 *   <li>BOOL and NULL: 1 byte;</li>
 *   <li>L and M: 3 bytes, plus each element's size, plus 1 byte per element (a map's keys count as names);</li>
 *   <li>SS, NS, BS: the sum of the elements' sizes.</li>
 * </ul>
 * Storage adds 100 bytes per item (table) and per index entry ({@link #STORAGE_OVERHEAD_BYTES}); capacity units do not.
 */
public final class ItemSize {
    /** DynamoDB's per-item storage overhead, in the table and in each index entry. */
    public static final int STORAGE_OVERHEAD_BYTES = 100;

    private ItemSize() {
    }

    public static int of(Map<String, AttributeValue> item) {
        int size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += utf8(e.getKey()) + value(e.getValue());
        }
        return size;
    }

    static int value(AttributeValue v) {
        if (v.s() != null) {
            return utf8(v.s());
        }
        if (v.n() != null) {
            return number(v.n());
        }
        if (v.bool() != null || Boolean.TRUE.equals(v.nul())) {
            return 1;
        }
        if (v.b() != null) {
            return v.b().asByteArrayUnsafe().length;
        }
        if (v.hasSs()) {
            return v.ss().stream().mapToInt(ItemSize::utf8).sum();
        }
        if (v.hasNs()) {
            return v.ns().stream().mapToInt(ItemSize::number).sum();
        }
        if (v.hasBs()) {
            return v.bs().stream().mapToInt(b -> b.asByteArrayUnsafe().length).sum();
        }
        if (v.hasL()) {
            return 3 + v.l().stream().mapToInt(e -> value(e) + 1).sum();
        }
        if (v.hasM()) {
            return 3 + v.m().entrySet().stream().mapToInt(e -> utf8(e.getKey()) + value(e.getValue()) + 1).sum();
        }
        return 0;
    }

    /** 1 byte per two significant digits, rounded up, plus 1. */
    public static int number(String n) {
        BigDecimal d = new BigDecimal(n);
        int digits = d.signum() == 0 ? 1 : d.stripTrailingZeros().unscaledValue().abs().toString().length();
        return (digits + 1) / 2 + 1;
    }

    public static int utf8(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    static int bytes(SdkBytes b) {
        return b.asByteArrayUnsafe().length;
    }

    /** Code-point order, which is UTF-8 byte order (how DynamoDB sorts S keys), without encoding. */
    public static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
