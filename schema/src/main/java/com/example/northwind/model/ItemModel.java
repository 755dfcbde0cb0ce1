package com.example.northwind.model;

import static com.example.northwind.model.KeyTemplate.derived;
import static com.example.northwind.model.KeyTemplate.id10;
import static com.example.northwind.model.KeyTemplate.lit;
import static com.example.northwind.model.KeyTemplate.path;
import static com.example.northwind.model.KeyTemplate.shard;
import static com.example.northwind.model.KeyTemplate.val;
import static com.example.northwind.schema.EntityType.CATEGORY;
import static com.example.northwind.schema.EntityType.CUSTOMER;
import static com.example.northwind.schema.EntityType.DAILY_SALES;
import static com.example.northwind.schema.EntityType.EMPLOYEE;
import static com.example.northwind.schema.EntityType.EMPLOYEE_TERRITORY;
import static com.example.northwind.schema.EntityType.ORDER;
import static com.example.northwind.schema.EntityType.ORDER_LINE;
import static com.example.northwind.schema.EntityType.PRODUCT;
import static com.example.northwind.schema.EntityType.PRODUCT_SALES;
import static com.example.northwind.schema.EntityType.REGION;
import static com.example.northwind.schema.EntityType.SHIPPER;
import static com.example.northwind.schema.EntityType.STOCK_SHARD;
import static com.example.northwind.schema.EntityType.SUPPLIER;
import static com.example.northwind.schema.EntityType.TERRITORY;

import com.example.northwind.schema.EntityType;
import com.example.northwind.schema.Keys;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The item model: every item every Northwind entity becomes, in one table. Read it top to bottom to see the
 * whole design of an entity — its entity item, its edges (a reference stored in the referencing partition;
 * gsi_1 gives the reverse direction) and its sparse views — with each item's pk, sk, data and the attributes it
 * carries. The seeder maps rows through {@link #itemsOf}, the query Lambda reads with the key conditions of
 * {@link AccessPatterns} (which use the same templates), writers put and delete the same items, and
 * docs/key-design.md is generated from it. {@link ModelVersion} hashes it.
 */
public final class ItemModel {
    private static final Map<EntityType, List<ItemShape>> SHAPES = new EnumMap<>(EntityType.class);
    private static final Map<EntityType, List<Enrichment>> ENRICHMENTS = new EnumMap<>(EntityType.class);
    /** Every shape, and each by its kind: fixed once the table below is built (readers ask per request). */
    private static final List<ItemShape> ALL;
    private static final Map<String, ItemShape> BY_KIND;

    // Order-sorted values shared by an order's items: orderDate, then orderID, both ascending.
    private static final KeyTemplate ORDER_SORT = KeyTemplate.of(val("orderDate"), lit("#"), id10("orderID"));

    /** gsi_1 sort value of the order edges: {@code ORDER#<orderDate>#<orderID10>}. */
    public static final KeyTemplate ORDER_EDGE_DATA = KeyTemplate.of(lit("ORDER#"), val("orderDate"), lit("#"), id10("orderID"));
    /** gsi_1 sort value of the product edges: {@code PRODUCT#<productID10>}. */
    public static final KeyTemplate PRODUCT_EDGE_DATA = KeyTemplate.of(lit("PRODUCT#"), id10("productID"));
    /** gsi_1 sort value of the employee edges (reports-to, territory): {@code EMPLOYEE#<employeeID10>}. */
    public static final KeyTemplate EMPLOYEE_EDGE_DATA = KeyTemplate.of(lit("EMPLOYEE#"), id10("employeeID"));
    /**
     * gsi_1 sort value of a product entity item, present only for the two lists that read it: {@code DISCONTINUED#…}
     * or {@code LOW_STOCK#…} (not discontinued, unitsInStock below reorderLevel). A product that is still sold and
     * stocked has no {@code data} and stays out of gsi_1 (item model 3): its stock changes with every order, and an
     * entry in the one gsi_1 partition {@code PRODUCT} would make every order line write that partition.
     */
    public static final KeyTemplate PRODUCT_STATUS_DATA = KeyTemplate.of(
            derived("discontinued ? DISCONTINUED : unitsInStock < reorderLevel ? LOW_STOCK : (absent: not in gsi_1)",
                    List.of("discontinued", "unitsInStock", "reorderLevel"), ItemModel::productStatus),
            lit("#"), id10("productID"));
    /** Sort key of a day's sales in the one {@code DAILY_SALES} partition: {@code DAY#<date>}. */
    public static final KeyTemplate DAILY_SALES_SORT = KeyTemplate.of(lit("DAY#"), val("date"));
    /** gsi_2 sort value of orders by shipper: {@code ORDER#<orderDate>#<orderID10>}. */
    public static final KeyTemplate ORDER_BY_SHIPPER_SORT = ORDER_EDGE_DATA;
    /** gsi_2 sort value of the open orders by required date: {@code <requiredDate>#<orderID10>}. */
    public static final KeyTemplate REQUIRED_SORT = KeyTemplate.of(val("requiredDate"), lit("#"), id10("orderID"));
    /** gsi_2 sort value of a product's order lines: {@code <orderDate>#<orderID10>} (only lines share the partition). */
    public static final KeyTemplate ORDER_LINE_SORT = ORDER_SORT;

    // ---- shard counts of the lists that take a write per order (docs/key-design.md, "Sharded lists") ----
    // Each shard is one partition key value, limited to 1,000 WCU/s and 3,000 RCU/s; the simulation (BENCHMARKS.md
    // section 7) keeps each under half of that at R = 1,000 orders/s. A page reads every shard, so more shards cost
    // reads: the counts are the smallest powers of two that hold. Changing one is a migration.
    /** recentOrders (gsi_1 {@code ORDER_LIST#<s>}): a write per order placed and per order shipped, ~2,000 WCU/s at R = 1,000. */
    public static final int RECENT_ORDER_SHARDS = 8;
    /** openOrders (gsi_1 {@code OPEN_ORDER#<s>}): the open view is written when placed and deleted when shipped. */
    public static final int OPEN_ORDER_SHARDS = 8;
    /** lateOrders (gsi_2 {@code OPEN_ORDER_BY_REQUIRED_DATE#<s>}): the same view, the same writes. */
    public static final int LATE_ORDER_SHARDS = 8;
    /** ordersByShipper (gsi_2 {@code SHIPPER#<id>#<s>}): three shippers share every order, ~700 WCU/s each at R = 1,000. */
    public static final int SHIPPER_ORDER_SHARDS = 4;
    /** productOrders (gsi_2 {@code ORDER_LINE#<productID10>#<s>}): a best-seller is on about a quarter of all lines. */
    public static final int PRODUCT_ORDER_SHARDS = 4;
    /**
     * Stock shards per product (item model 6; docs/key-design.md, "Stock shards"): a best-seller is on about a quarter
     * of all order lines, ~750 takes/s at R = 1,000, each a transactional update (2 WCU): 8 shards keep each near
     * 190 WCU/s and make two concurrent orders of one product meet on one shard rarely. Uniform, so {@code product}
     * names every shard's key without reading anything first (one BatchGetItem). Changing it is a migration.
     */
    public static final int STOCK_SHARDS = 8;
    /** Sort key of every stock shard: {@code STOCK}. */
    public static final String STOCK_SORT_KEY = STOCK_SHARD.keyPrefix();

    static {
        // Category: the entity only; its products are found through the products' category edges.
        shapes(CATEGORY, entity(CATEGORY, null));

        // Customer: the entity item sorted by location, and two views for the other two orders a pattern needs.
        shapes(CUSTOMER,
                entity(CUSTOMER, KeyTemplate.of(path("country", "region", "city"))),
                view(CUSTOMER, "CUSTOMER_CONTACT_VIEW", "view: by contact name", Keys.CUSTOMER_CONTACT,
                        KeyTemplate.of(val("contactName")), Presence.ALWAYS),
                view(CUSTOMER, "CUSTOMER_CITY_VIEW", "view: by country and city", Keys.CUSTOMER_CITY,
                        KeyTemplate.of(path("country", "city")), Presence.ALWAYS));

        // Employee: the entity, and an edge to the manager (gsi_1 on the manager's key = direct reports).
        shapes(EMPLOYEE,
                entity(EMPLOYEE, null),
                new ItemShape("EMPLOYEE_REPORTS_TO_EDGE", EMPLOYEE, "edge: reports to", partitionOf(EMPLOYEE),
                        KeyTemplate.of(lit(prefix(EMPLOYEE)), val("reportsTo")), EMPLOYEE_EDGE_DATA,
                        Presence.whenPresent("reportsTo"), List.of()));

        // EmployeeTerritory: an edge in the employee's partition; gsi_1 on the territory key = its employees.
        enrich(EMPLOYEE_TERRITORY,
                new Enrichment(TERRITORY, "territoryID", List.of("territoryDescription", "regionID")),
                new Enrichment(EMPLOYEE, "employeeID", List.of("firstName", "lastName", "title")));
        shapes(EMPLOYEE_TERRITORY,
                new ItemShape("EMPLOYEE_TERRITORY_EDGE", EMPLOYEE_TERRITORY, "edge: territory", partitionOf(EMPLOYEE),
                        partitionOf(TERRITORY), EMPLOYEE_EDGE_DATA, Presence.ALWAYS,
                        List.of("employeeID", "territoryID", "territoryDescription", "regionID",
                                "firstName", "lastName", "title")));

        // Order: the entity (in no index: it is read by its key), edges to customer and employee, the list view (gsi_1
        // ORDER_LIST#<s> = every order by date, gsi_2 SHIPPER#<id>#<s> = the shipper's orders) and the open-order view,
        // present only while the order is unshipped. The lists take a write per order, so each is sharded by a hash of
        // the orderID and read by scatter-gather (item model 5; before, the entity itself was in gsi_1 ORDER).
        shapes(ORDER,
                entity(ORDER, null),
                new ItemShape("ORDER_CUSTOMER_EDGE", ORDER, "edge: customer", partitionOf(ORDER), partitionOf(CUSTOMER),
                        ORDER_EDGE_DATA, Presence.ALWAYS, List.of()),
                new ItemShape("ORDER_EMPLOYEE_EDGE", ORDER, "edge: employee", partitionOf(ORDER), partitionOf(EMPLOYEE),
                        ORDER_EDGE_DATA, Presence.ALWAYS, List.of()),
                // ORDER_LIST sorts after ORDER_LINE#…: the order pattern's range (the entity through its lines) never
                // meets it, in this model or the one before.
                view(ORDER, "ORDER_LIST_VIEW", "view: listed by date and by shipper (sharded)",
                        KeyTemplate.of(lit(Keys.ORDER_LIST + Keys.SEPARATOR), shard("orderID", RECENT_ORDER_SHARDS)),
                        ORDER_SORT, Presence.ALWAYS)
                        .inGsi2(KeyTemplate.of(lit(prefix(SHIPPER)), val("shipVia"), lit("#"),
                                shard("orderID", SHIPPER_ORDER_SHARDS)), ORDER_BY_SHIPPER_SORT),
                // The open-order view is also in gsi_2 by required date (lateOrders): the same sparse item serves both lists.
                view(ORDER, "ORDER_OPEN_VIEW", "view: open (sharded)",
                        KeyTemplate.of(lit(Keys.OPEN_ORDER + Keys.SEPARATOR), shard("orderID", OPEN_ORDER_SHARDS)),
                        ORDER_SORT, Presence.whenAbsent("shippedDate"))
                        .inGsi2(KeyTemplate.of(lit(Keys.OPEN_ORDER_BY_REQUIRED_DATE + Keys.SEPARATOR),
                                shard("orderID", LATE_ORDER_SHARDS)), REQUIRED_SORT));

        // OrderLine: an edge in the order's partition to the product; gsi_2 on the product's sharded key = its order lines.
        enrich(ORDER_LINE,
                new Enrichment(ORDER, "orderID", List.of("orderDate")),
                // Denormalised so productOrders/orderLines answer with the product's name in one request.
                new Enrichment(PRODUCT, "productID", List.of("productName")));
        // Its sort key pads the product id, so an order's lines come back in productID order; the ORDER_LINE# prefix
        // sorts right after the order item (the order and its lines are one contiguous range) and is new in item
        // model 2, so old and new lines can coexist while a migration runs (docs/key-design.md, "Migrations").
        // A best-seller's lines are too many writes for one key: productOrders reads them from gsi_2, sharded.
        shapes(ORDER_LINE,
                new ItemShape("ORDER_LINE_EDGE", ORDER_LINE, "edge: product", partitionOf(ORDER),
                        KeyTemplate.of(lit(ORDER_LINE.keyPrefix() + Keys.SEPARATOR), id10("productID")),
                        null, Presence.ALWAYS,
                        List.of("orderID", "productID", "unitPrice", "quantity", "discount", "productName"))
                        .inGsi2(KeyTemplate.of(lit(ORDER_LINE.keyPrefix() + Keys.SEPARATOR), id10("productID"), lit("#"),
                                shard("orderID", PRODUCT_ORDER_SHARDS)), ORDER_LINE_SORT));

        // Product: the entity, listed by status in gsi_1 only while discontinued or low on stock, and found by supplier
        // in gsi_2 (the entity item itself), and an edge to its category. Since item model 6 their unitsInStock is the
        // LISTED stock, kept by the stream consumer from the stock shards (eventually consistent); the stock itself is
        // in the shards, which no order writes to the product's own items.
        shapes(PRODUCT,
                entity(PRODUCT, PRODUCT_STATUS_DATA).inGsi2(partitionOf(SUPPLIER), PRODUCT_EDGE_DATA),
                new ItemShape("PRODUCT_CATEGORY_EDGE", PRODUCT, "edge: category", partitionOf(PRODUCT),
                        partitionOf(CATEGORY), PRODUCT_EDGE_DATA, Presence.ALWAYS, List.of()));

        // Stock shards: a product's stock in STOCK_SHARDS items, each on a partition key of its own (one key value is
        // one partition: shards under the product's key would share its 1,000 WCU/s), in no index, copied nowhere.
        shapes(STOCK_SHARD, new ItemShape(STOCK_SHARD.name(), STOCK_SHARD, "stock: one of the product's shards",
                KeyTemplate.of(lit(prefix(STOCK_SHARD)), val("productID"), lit("#"), val("shard")),
                KeyTemplate.of(lit(STOCK_SORT_KEY)), null, Presence.ALWAYS, List.of()));

        shapes(REGION, entity(REGION, null));
        shapes(SHIPPER, entity(SHIPPER, KeyTemplate.of(val("companyName"))));
        shapes(SUPPLIER, entity(SUPPLIER, KeyTemplate.of(path("country", "region"))));
        shapes(TERRITORY, entity(TERRITORY, null));

        // Derived data (docs/derived-data.md): written by the stream consumer from order and order-line images, never
        // by a command. A product's sales are one item in the product's own partition-sized key (read by GetItem);
        // the days share one partition, DAILY_SALES, sorted by date, so a date range is one Query. The consumer
        // writes each once per transaction, whatever the number of orders in it, which keeps today's item cool.
        shapes(PRODUCT_SALES, entity(PRODUCT_SALES, null, "derived: the product's sales"));
        shapes(DAILY_SALES, new ItemShape(DAILY_SALES.name(), DAILY_SALES, "derived: one day's sales",
                KeyTemplate.of(lit(DAILY_SALES.keyPrefix())), DAILY_SALES_SORT, null, Presence.ALWAYS, List.of()));

        List<ItemShape> all = new ArrayList<>();
        for (EntityType type : EntityType.values()) {
            all.addAll(SHAPES.get(type));
        }
        ALL = List.copyOf(all);
        Map<String, ItemShape> byKind = new LinkedHashMap<>();
        ALL.forEach(shape -> byKind.put(shape.kind(), shape));
        BY_KIND = Map.copyOf(byKind);
    }

    private ItemModel() {
    }

    /** The item shapes of one entity, in the order the docs list them. */
    public static List<ItemShape> shapes(EntityType type) {
        return SHAPES.get(type);
    }

    /** Every item shape of the model. */
    public static List<ItemShape> allShapes() {
        return ALL;
    }

    public static ItemShape shape(String kind) {
        ItemShape shape = BY_KIND.get(kind);
        if (shape == null) {
            throw new IllegalArgumentException("no item kind " + kind);
        }
        return shape;
    }

    /** What the entity's items copy from related entities; a writer must supply these columns in the fact. */
    public static List<Enrichment> enrichments(EntityType type) {
        return ENRICHMENTS.getOrDefault(type, List.of());
    }

    /**
     * Every item a fact becomes. {@code fact} holds the entity's columns (typed values, absent = not in the map)
     * plus the columns of its {@link #enrichments}.
     */
    public static List<Item> itemsOf(EntityType type, Map<String, ?> fact) {
        List<Item> items = new ArrayList<>(4);
        for (ItemShape shape : shapes(type)) {
            if (!shape.presence().test(fact)) {
                continue;
            }
            Map<String, Object> attributes = new LinkedHashMap<>();
            for (String name : shape.attributeNames()) {
                Object value = fact.get(name);
                if (value != null) {
                    attributes.put(name, value);
                }
            }
            String data = shape.data() == null ? null : shape.data().render(fact);
            String pk2 = shape.pk2() == null ? null : shape.pk2().render(fact);
            String sk2 = shape.sk2() == null ? null : shape.sk2().render(fact);
            boolean inGsi2 = pk2 != null && !pk2.isEmpty() && sk2 != null && !sk2.isEmpty();
            items.add(new Item(shape, shape.pk().renderRequired(fact), shape.sk().renderRequired(fact),
                    data == null || data.isEmpty() ? null : data, inGsi2 ? pk2 : null, inGsi2 ? sk2 : null, attributes));
        }
        return items;
    }

    /**
     * Whether a value could be the partition key of an item of this model: some shape's pk prefix followed by a
     * non-empty id. Readers use it to refuse a continuation key no item could have produced.
     */
    public static boolean isItemPartition(String value) {
        for (ItemShape shape : allShapes()) {
            String prefix = shape.pk().literalPrefix();
            if (value.startsWith(prefix) && value.length() > prefix.length()) {
                return true;
            }
            boolean allLiteral = shape.pk().parts().stream().allMatch(p -> p instanceof KeyTemplate.Literal);
            if (allLiteral && value.equals(prefix)) {
                return true; // a partition of one literal value (DAILY_SALES)
            }
        }
        return false;
    }

    /**
     * The status part of a product's gsi_1 sort value (see {@link #PRODUCT_STATUS_DATA}); null when the product is
     * still sold and stocked (it is on neither list) or its status is unknown.
     */
    static String productStatus(Map<String, ?> fact) {
        Object discontinued = fact.get("discontinued");
        if (discontinued == null) {
            return null;
        }
        if (Boolean.TRUE.equals(discontinued) || "true".equals(discontinued.toString())) {
            return Keys.DISCONTINUED;
        }
        Object reorder = fact.get("reorderLevel");
        Object stock = fact.get("unitsInStock");
        long inStock = stock == null ? 0 : Long.parseLong(stock.toString());
        return reorder != null && inStock < Long.parseLong(reorder.toString()) ? Keys.LOW_STOCK : null;
    }

    // ---- keys the access patterns read, built from the same templates as the items ----

    /** The partition key of a product's stock shard: {@code STOCK#56#3}. */
    public static String stockShardPartition(Object productId, int shard) {
        return shape(STOCK_SHARD.name()).pk().renderRequired(Map.of("productID", productId, "shard", shard));
    }

    /** The partition of an entity: {@code ORDER#10248}. */
    public static String partition(EntityType type, String id) {
        return partitionOf(type).renderRequired(Map.of(Entities.idColumn(type), id));
    }

    /** The sort key of an entity item, and the gsi_1 partition listing every entity of the type: {@code ORDER}. */
    public static String entitySortKey(EntityType type) {
        return type.keyPrefix();
    }

    /** {@code <PREFIX>#<id>} of an entity, over the id column of the entity (e.g. {@code SUPPLIER#<supplierID>}). */
    private static KeyTemplate partitionOf(EntityType type) {
        return KeyTemplate.of(lit(prefix(type)), val(Entities.idColumn(type)));
    }

    private static String prefix(EntityType type) {
        return type.keyPrefix() + Keys.SEPARATOR;
    }

    private static ItemShape entity(EntityType type, KeyTemplate data) {
        return entity(type, data, "entity");
    }

    private static ItemShape entity(EntityType type, KeyTemplate data, String role) {
        return new ItemShape(type.name(), type, role, partitionOf(type), KeyTemplate.of(lit(entitySortKey(type))),
                data, Presence.ALWAYS, List.of());
    }

    private static ItemShape view(EntityType type, String kind, String role, String sortKey, KeyTemplate data,
                                  Presence presence) {
        return view(type, kind, role, KeyTemplate.of(lit(sortKey)), data, presence);
    }

    private static ItemShape view(EntityType type, String kind, String role, KeyTemplate sortKey, KeyTemplate data,
                                  Presence presence) {
        return new ItemShape(kind, type, role, partitionOf(type), sortKey, data, presence, List.of());
    }

    private static void shapes(EntityType type, ItemShape... shapes) {
        SHAPES.put(type, List.of(shapes));
    }

    private static void enrich(EntityType type, Enrichment... enrichments) {
        ENRICHMENTS.put(type, List.of(enrichments));
    }
}
