package com.example.northwind.lambda;

import com.example.northwind.model.AnswerView;
import com.example.northwind.schema.EntityType;
import com.example.northwind.schema.TableSchema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How a stored item becomes an answer item, as the model's {@link AnswerView} says: which attributes, under which
 * type; key attributes never leave. Both the query API and the command API show items this way.
 */
public final class AnswerItems {
    private static final Set<String> KEY_ATTRIBUTES = TableSchema.INTERNAL_ATTRIBUTES;

    private AnswerItems() {
    }

    /** The answer item: "type" first, then the attributes by name (a stable order for readers and diffs). */
    public static Map<String, Object> toJson(AnswerView view, Map<String, AttributeValue> item) {
        EntityType type = view.type();
        List<String> attributes = view.attributes();
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> fields = new TreeMap<>();
        if (type == null) {
            AttributeValue stored = item.get(TableSchema.TYPE);
            out.put(TableSchema.TYPE, stored == null ? null : stored.s());
            item.forEach((name, value) -> {
                if (!KEY_ATTRIBUTES.contains(name) && !TableSchema.TYPE.equals(name) && !isNull(value)) {
                    fields.put(name, value(value));
                }
            });
        } else {
            out.put(TableSchema.TYPE, type.typeName());
            for (String name : attributes) {
                AttributeValue value = item.get(name);
                if (value != null && !isNull(value)) {
                    fields.put(name, value(value));
                }
            }
        }
        for (String money : view.moneyAttributes()) {
            Object value = fields.get(money);
            if (value != null) {
                fields.put(money, money(new BigDecimal(value.toString())));
            }
        }
        out.putAll(fields);
        return out;
    }

    /** Half-up to cents, as an answer shows money ({@code 12.345} → {@code 12.35}; {@code 0} → {@code 0.00}). */
    public static BigDecimal money(BigDecimal exact) {
        return exact.setScale(2, java.math.RoundingMode.HALF_UP);
    }

    private static boolean isNull(AttributeValue value) {
        return Boolean.TRUE.equals(value.nul());
    }

    /** A DynamoDB value as plain JSON: S → string, N → integer or decimal, BOOL → boolean, lists/maps recursively. */
    public static Object value(AttributeValue value) {
        switch (value.type()) {
            case S:
                return value.s();
            case N:
                return number(value.n());
            case BOOL:
                return value.bool();
            case L: {
                List<Object> list = new ArrayList<>();
                value.l().forEach(v -> list.add(value(v)));
                return list;
            }
            case M: {
                Map<String, Object> map = new TreeMap<>();
                value.m().forEach((k, v) -> map.put(k, value(v)));
                return map;
            }
            case SS:
                return List.copyOf(value.ss());
            case NS: {
                List<Object> list = new ArrayList<>();
                value.ns().forEach(n -> list.add(number(n)));
                return list;
            }
            default:
                // B/BS/NUL never appear in this table's items; a base64 text would mislead more than help.
                return null;
        }
    }

    /** A JSON integer when the number has no fraction (12, 14.00 → 14), else a decimal (0.05, 18.4). */
    public static Object number(String text) {
        BigDecimal decimal = new BigDecimal(text);
        if (decimal.signum() == 0) {
            return 0L;
        }
        BigDecimal stripped = decimal.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            BigInteger integer = stripped.toBigIntegerExact();
            return integer.bitLength() < 64 ? (Object) integer.longValue() : integer;
        }
        return stripped;
    }
}
