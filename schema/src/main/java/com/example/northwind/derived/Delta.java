package com.example.northwind.derived;

import java.math.BigDecimal;

/**
 * What a change adds to one aggregate: {@code orders} (for ProductSales: order lines; for DailySales: orders),
 * {@code unitsSold} and {@code revenue}, exact.
 */
public record Delta(long orders, long unitsSold, BigDecimal revenue) {
    public static final Delta ZERO = new Delta(0, 0, BigDecimal.ZERO);

    public Delta plus(Delta other) {
        return new Delta(orders + other.orders, unitsSold + other.unitsSold, revenue.add(other.revenue));
    }

    public Delta negate() {
        return new Delta(-orders, -unitsSold, revenue.negate());
    }

    public boolean isZero() {
        return orders == 0 && unitsSold == 0 && revenue.signum() == 0;
    }

    /** Whether the change takes something away (a day may have lost its last order). */
    public boolean removes() {
        return orders < 0 || unitsSold < 0 || revenue.signum() < 0;
    }

    /** A DynamoDB number text for an exact decimal: no exponent, no trailing zeros ({@code 0} for zero). */
    static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
