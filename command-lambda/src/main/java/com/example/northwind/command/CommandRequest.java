package com.example.northwind.command;

import com.example.northwind.model.CommandDefinition;
import java.util.Map;

/**
 * A validated command: its definition, its normalised parameters (ids as Long, decimals as BigDecimal, dates and
 * text as String, flags as Boolean, lines as a list of {@link Line}; an explicit JSON null — "clear this field" —
 * as {@link #CLEAR}), and the optional idempotency key.
 */
record CommandRequest(CommandDefinition definition, Map<String, Object> params, String idempotencyKey) {
    /** The value of a clearable parameter given as JSON null. */
    static final Object CLEAR = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** One line of placeOrder. */
    record Line(long productId, long quantity, java.math.BigDecimal discount) {
    }

    String name() {
        return definition.name();
    }

    boolean has(String param) {
        return params.containsKey(param);
    }

    Object get(String param) {
        return params.get(param);
    }

    long id(String param) {
        return (Long) params.get(param);
    }

    String text(String param) {
        return (String) params.get(param);
    }
}
