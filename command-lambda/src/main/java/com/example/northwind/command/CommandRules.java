package com.example.northwind.command;

import com.example.northwind.model.ParamLimits;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/** Per-command rules that need no data: ranges of numbers and what an update must contain. */
final class CommandRules {
    /** Parameters that are counts or money and must not be negative. */
    private static final Set<String> NON_NEGATIVE = ParamLimits.NON_NEGATIVE;

    private CommandRules() {
    }

    static void check(String command, Map<String, Object> values) {
        for (String name : NON_NEGATIVE) {
            Object value = values.get(name);
            if (value instanceof Long n && n < 0 || value instanceof BigDecimal d && d.signum() < 0) {
                throw CommandError.validation("params." + name + " must not be negative, got " + value);
            }
        }
        if (ParamLimits.needsAChange(command) && values.size() < 2) {
            throw CommandError.validation(command + " needs at least one field to change besides the id");
        }
    }

    /** Why an update may not clear this field (JSON null): the columns a row must always have. */
    static String notClearable(String field) {
        String why = switch (field) {
            case "params.companyName" -> ": a customer always has a company name";
            case "params.discontinued" -> ": a product is either discontinued or not";
            default -> " (leave it out to keep it, or give a value)";
        };
        return field + " cannot be cleared" + why;
    }

    /** A discount: 0 ≤ d < 1. */
    static void fraction(String field, BigDecimal value) {
        if (value.signum() < 0 || value.compareTo(ParamLimits.MAX_DISCOUNT_EXCLUSIVE) >= 0) {
            throw CommandError.validation(field + " must be at least 0 and below 1, got " + value.toPlainString());
        }
    }
}
