package com.example.northwind.schema;

/**
 * The building blocks of key values: the separator, escaped hierarchical paths, padded ids, and the constant sort
 * keys and prefixes of views and statuses. How each item's keys are composed from them is defined once, in the item
 * model (com.example.northwind.model.ItemModel, as key templates); nothing else composes keys.
 */
public final class Keys {
    /** Separates key components. Values that may contain it are escaped by {@link #path}. */
    public static final char SEPARATOR = '#';

    /** View: a copy of each order that has no shippedDate (the item model sorts it by orderDate, then orderID). */
    public static final String OPEN_ORDER = "OPEN_ORDER";
    /** View: a copy of each order, listed by date (recentOrders) and under its shipper (ordersByShipper), sharded. */
    public static final String ORDER_LIST = "ORDER_LIST";
    /** View: a copy of each customer; data = contactName. */
    public static final String CUSTOMER_CONTACT = "CUSTOMER_CONTACT";
    /** View: a copy of each customer; data = {@code path(country, city)}. */
    public static final String CUSTOMER_CITY = "CUSTOMER_CITY";

    /** data prefix of a product entity item that is discontinued. */
    public static final String DISCONTINUED = "DISCONTINUED";
    /** data prefix of a product entity item that is still sold but below its reorder level. */
    public static final String LOW_STOCK = "LOW_STOCK";
    /** gsi_2 partition of the open-order view by required date (lateOrders). */
    public static final String OPEN_ORDER_BY_REQUIRED_DATE = "OPEN_ORDER_BY_REQUIRED_DATE";

    /** Width that numeric ids are zero-padded to inside sort values, so they sort numerically. */
    public static final int ID_WIDTH = 10;

    private Keys() {
    }



    /** A numeric id zero-padded to {@link #ID_WIDTH} digits: {@code 0000010248}. */
    public static String paddedId(long id) {
        if (id < 0) {
            throw new IllegalArgumentException("id must not be negative: " + id);
        }
        String digits = Long.toString(id);
        if (digits.length() > ID_WIDTH) {
            throw new IllegalArgumentException("id has more than " + ID_WIDTH + " digits: " + id);
        }
        return "0".repeat(ID_WIDTH - digits.length()) + digits;
    }





    /**
     * A hierarchical value such as {@code USA#WA#Seattle}. A null or absent component is written empty
     * ({@code Germany##Berlin}). Each component is escaped ({@code \} → {@code \\}, {@code #} → {@code \#}),
     * so a component can never be mistaken for a separator and {@link #pathPrefix} matches whole
     * components only.
     */
    public static String path(String... components) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < components.length; i++) {
            if (i > 0) {
                out.append(SEPARATOR);
            }
            appendEscaped(out, components[i]);
        }
        return out.toString();
    }

    /** The begins_with prefix that matches every {@link #path} whose first components are these. */
    public static String pathPrefix(String... leadingComponents) {
        return path(leadingComponents) + SEPARATOR;
    }

    private static void appendEscaped(StringBuilder out, String component) {
        if (component == null) {
            return;
        }
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c == '\\' || c == SEPARATOR) {
                out.append('\\');
            }
            out.append(c);
        }
    }
}
