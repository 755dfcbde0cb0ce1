package com.example.northwind.model;

import com.example.northwind.schema.EntityType;
import com.example.northwind.schema.TableSchema;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Model items as DynamoDB attribute maps and back. The only class of the model that needs the AWS SDK (an
 * optional dependency of this module: the Lambdas have the SDK, the CDK app never loads this class).
 */
public final class ItemCodec {
    private ItemCodec() {
    }

    /** The item as written: pk, sk, data (when the item is in gsi_1), type, then its attributes. */
    public static Map<String, AttributeValue> toAttributes(Item item) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        out.put(TableSchema.PK, AttributeValue.fromS(item.pk()));
        out.put(TableSchema.SK, AttributeValue.fromS(item.sk()));
        if (item.data() != null) {
            out.put(TableSchema.DATA, AttributeValue.fromS(item.data())); // no data = not in gsi_1 (sparse)
        }
        if (item.pk2() != null) {
            out.put(TableSchema.PK2, AttributeValue.fromS(item.pk2())); // no pk2/sk2 = not in gsi_2 (sparse)
            out.put(TableSchema.SK2, AttributeValue.fromS(item.sk2()));
        }
        out.put(TableSchema.TYPE, AttributeValue.fromS(item.type()));
        item.attributes().forEach((name, value) -> out.put(name, toAttribute(value)));
        return out;
    }

    /** The key of an item: pk and sk. */
    public static Map<String, AttributeValue> key(Item item) {
        return key(item.pk(), item.sk());
    }

    public static Map<String, AttributeValue> key(String pk, String sk) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        out.put(TableSchema.PK, AttributeValue.fromS(pk));
        out.put(TableSchema.SK, AttributeValue.fromS(sk));
        return out;
    }

    public static AttributeValue toAttribute(Object value) {
        if (value instanceof String s) {
            return AttributeValue.fromS(s);
        }
        if (value instanceof Boolean b) {
            return AttributeValue.fromBool(b);
        }
        if (value instanceof BigDecimal d) {
            return AttributeValue.fromN(d.toPlainString());
        }
        if (value instanceof Long || value instanceof Integer) {
            return AttributeValue.fromN(value.toString());
        }
        throw new IllegalArgumentException("no DynamoDB type for " + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    /**
     * The entity's columns read back from one of its items (typed as {@link Entities} says); attributes that are
     * not columns of the entity (keys, type, copied columns of other entities) are left out.
     */
    public static Map<String, Object> toFact(EntityType type, Map<String, AttributeValue> item) {
        Map<String, Object> fact = new LinkedHashMap<>();
        for (Column column : Entities.columns(type)) {
            AttributeValue value = item.get(column.name());
            if (value == null || Boolean.TRUE.equals(value.nul())) {
                continue;
            }
            fact.put(column.name(), fromAttribute(column.type(), value));
        }
        return fact;
    }

    static Object fromAttribute(ValueType type, AttributeValue value) {
        return switch (type) {
            case INT, ID -> Long.parseLong(new BigDecimal(value.n()).toBigIntegerExact().toString());
            case DECIMAL -> new BigDecimal(value.n());
            case BOOL -> value.bool();
            case DATE, STRING -> value.s();
        };
    }
}
