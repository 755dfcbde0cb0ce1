package com.example.northwind.schema;

import java.util.Arrays;
import java.util.Optional;

/** The Northwind entities stored in the table, with the prefix their keys carry. */
public enum EntityType {
    CATEGORY("Category", "CATEGORY"),
    CUSTOMER("Customer", "CUSTOMER"),
    EMPLOYEE("Employee", "EMPLOYEE"),
    EMPLOYEE_TERRITORY("EmployeeTerritory", "EMPLOYEE_TERRITORY"),
    ORDER("Order", "ORDER"),
    ORDER_LINE("OrderLine", "ORDER_LINE"),
    PRODUCT("Product", "PRODUCT"),
    REGION("Region", "REGION"),
    SHIPPER("Shipper", "SHIPPER"),
    SUPPLIER("Supplier", "SUPPLIER"),
    TERRITORY("Territory", "TERRITORY"),
    /**
     * One of a product's stock shards (item model 6): the product's stock is the sum of its shards' units. Written by
     * the seeder and the commands; no CSV of its own (a product row's unitsInStock is split across them).
     */
    STOCK_SHARD("StockShard", "STOCK"),
    /** Derived by the stream consumer from order lines (no CSV, no writer but the consumer and the backfill). */
    PRODUCT_SALES("ProductSales", "PRODUCT_SALES"),
    /** Derived by the stream consumer from orders and their lines. */
    DAILY_SALES("DailySales", "DAILY_SALES");

    private final String typeName;
    private final String keyPrefix;

    EntityType(String typeName, String keyPrefix) {
        this.typeName = typeName;
        this.keyPrefix = keyPrefix;
    }

    /** The value of the {@code type} attribute and of {@code type} in query answers, e.g. {@code OrderLine}. */
    public String typeName() {
        return typeName;
    }

    /** The upper-case prefix of this entity's keys, e.g. {@code ORDER} in {@code ORDER#10248}. */
    public String keyPrefix() {
        return keyPrefix;
    }

    /** Whether the items of this type are derived data: written only by the stream consumer (and its backfill). */
    public boolean derived() {
        return this == PRODUCT_SALES || this == DAILY_SALES;
    }

    public static Optional<EntityType> fromTypeName(String typeName) {
        return Arrays.stream(values()).filter(t -> t.typeName.equals(typeName)).findFirst();
    }
}
