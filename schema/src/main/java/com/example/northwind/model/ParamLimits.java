package com.example.northwind.model;

import java.math.BigDecimal;
import java.util.Set;

/**
 * The bounds of every parameter kind, once: the query and command functions validate against them and the OpenAPI
 * document states them ({@link OpenApiDocument}), so the contract a client reads is the one the functions enforce.
 */
public final class ParamLimits {
    /** Text parameters (names, string ids): 1 to this many characters. */
    public static final int MAX_TEXT = 200;
    /** Numeric ids: 0 to this (10 digits, the width ids are padded to inside keys). */
    public static final long MAX_ID = 9_999_999_999L;
    /** Items per page of a query when no limit is given, and the largest limit. */
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    /** The longest nextToken a query accepts (a sealed continuation key is a few hundred characters). */
    public static final int MAX_NEXT_TOKEN = 4096;
    /** placeOrder: 1 to this many lines, each a quantity of 1 to {@link #MAX_QUANTITY}. */
    public static final int MAX_LINES = 25;
    public static final long MAX_QUANTITY = 1000;
    /** Whole-number command parameters: within ± this, so stock arithmetic can never overflow. */
    public static final long MAX_COUNT = 1_000_000_000L;
    /** Decimal command parameters: within ± this, with at most {@link #MAX_SCALE} decimals. */
    public static final BigDecimal MAX_MONEY = new BigDecimal("1000000000");
    public static final int MAX_SCALE = 4;
    /** Command parameters that are counts or money and must not be negative. */
    public static final Set<String> NON_NEGATIVE = Set.of("freight", "unitPrice", "unitsInStock", "unitsOnOrder", "reorderLevel");
    /** A command's idempotency key. */
    public static final String IDEMPOTENCY_KEY_PATTERN = "[A-Za-z0-9_-]{1,64}";
    /** A discount is a fraction: at least 0 and below this. */
    public static final BigDecimal MAX_DISCOUNT_EXCLUSIVE = BigDecimal.ONE;

    private ParamLimits() {
    }

    /** An update changes something: it needs at least one parameter besides the id. */
    public static boolean needsAChange(String command) {
        return command.startsWith("update");
    }
}
