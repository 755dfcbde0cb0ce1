package com.example.northwind.schema;

/**
 * Key formats of the single table. Every key the seeder writes and every key condition the query
 * Lambda builds comes from here; docs/key-design.md shows them as a table.
 *
 * <ul>
 *   <li>An entity's partition: {@code <PREFIX>#<id>} ({@code ORDER#10248}, {@code CUSTOMER#ALFKI}).</li>
 *   <li>The entity item itself: sort key {@code <PREFIX>} ({@code ORDER}), so a GetItem needs only the id
 *       and the gsi_1 partition {@code ORDER} lists all orders, sorted by {@code data}.</li>
 *   <li>An edge (a reference from the item's entity to another one): sort key = the other entity's key
 *       ({@code PRODUCT#11} in {@code ORDER#10248}), so gsi_1 partition {@code PRODUCT#11} lists everything
 *       that references product 11. Its {@code data} starts with the key prefix of what that reverse
 *       query answers ({@code ORDER_LINE#...}), so two kinds of edge can share a gsi_1 partition.</li>
 *   <li>A view: a copy of an entity under a constant sort key ({@link #OPEN_ORDER}, ...), one gsi_1
 *       partition per view, present only for the entities the view selects (sparse).</li>
 * </ul>
 */
public final class Keys {
    /** Separates key components. Values that may contain it are escaped by {@link #path}. */
    public static final char SEPARATOR = '#';

    /** View: a copy of each order that has no shippedDate; data = {@link #orderSortValue}. */
    public static final String OPEN_ORDER = "OPEN_ORDER";
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
    /** data prefix of a product entity item that is still sold. */
    public static final String AVAILABLE = "AVAILABLE";

    /** Width that numeric ids are zero-padded to inside sort values, so they sort numerically. */
    public static final int ID_WIDTH = 10;

    private Keys() {
    }

    /** Partition key of an entity: {@code ORDER#10248}. */
    public static String entity(EntityType type, Object id) {
        String text = String.valueOf(id);
        if (text.isEmpty()) {
            throw new IllegalArgumentException(type.typeName() + " id must not be empty");
        }
        return type.keyPrefix() + SEPARATOR + text;
    }

    /** Sort key of the entity item itself: {@code ORDER}. */
    public static String root(EntityType type) {
        return type.keyPrefix();
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

    /** Sort value of an order: {@code 1996-07-04#0000010248} (orderDate, then orderID, both ascending). */
    public static String orderSortValue(String orderDate, long orderId) {
        return orderDate + SEPARATOR + paddedId(orderId);
    }

    /** data of an edge: the prefix of the entity the reverse query answers, then a sort value. */
    public static String edgeData(EntityType answers, String sortValue) {
        return answers.keyPrefix() + SEPARATOR + sortValue;
    }

    /** The prefix shared by every {@link #edgeData} of {@code answers}: {@code ORDER#}. */
    public static String edgeDataPrefix(EntityType answers) {
        return answers.keyPrefix() + SEPARATOR;
    }

    /** data of a product entity item: {@code DISCONTINUED#0000000005} or {@code AVAILABLE#0000000001}. */
    public static String productStatus(boolean discontinued, long productId) {
        return (discontinued ? DISCONTINUED : AVAILABLE) + SEPARATOR + paddedId(productId);
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
