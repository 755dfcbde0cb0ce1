package com.example.northwind.local.design;

import com.example.northwind.model.Item;
import com.example.northwind.model.ItemModel;
import com.example.northwind.schema.EntityType;
import com.example.northwind.seeder.ItemMapper;
import com.example.northwind.seeder.NorthwindDataSet;
import com.example.northwind.seeder.NorthwindFiles;
import com.example.northwind.seeder.Row;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A small, real slice of the table for pictures and the Workbench model: one customer (ALFKI) with its orders and
 * their lines, the products on them with their categories and suppliers, the employees who took the orders (and
 * their managers) with their territories and regions, and the shippers. Two items the customer does not bring are
 * added so that every item kind and every pattern has something to show: one open (unshipped) order, and one
 * discontinued product. Items are built exactly as the seeder builds them ({@link ItemMapper#fact} and
 * {@link ItemModel#itemsOf}), so the sample cannot drift from the table.
 *
 * @param items          every sample item, in file order then row order
 * @param basePartitions the table partitions a picture draws: one per entity, chosen to show every item kind
 */
public record DesignSample(String customerId, List<Item> items, List<String> basePartitions) {
    public static final String CUSTOMER = "ALFKI";

    public static DesignSample load(Path dataDir) {
        return of(NorthwindDataSet.load(dataDir), CUSTOMER);
    }

    static DesignSample of(NorthwindDataSet data, String customerId) {
        List<Row> orders = select(data, NorthwindFiles.ORDERS, r -> customerId.equals(r.get("customerID")));
        if (orders.isEmpty()) {
            throw new IllegalStateException("customer " + customerId + " has no orders in the data");
        }
        Row openOrder = orders.stream().filter(r -> !r.has("shippedDate")).findFirst()
                .orElseGet(() -> first(data, NorthwindFiles.ORDERS, r -> !r.has("shippedDate")));
        Set<String> orderIds = ids(orders, "orderID");
        orderIds.add(openOrder.get("orderID"));
        List<Row> lines = select(data, NorthwindFiles.ORDER_DETAILS, r -> orderIds.contains(r.get("orderID")));
        Set<String> productIds = ids(lines, "productID");
        // Canonical CSV text: BOOL columns hold 0 or 1.
        if (productIds.stream().noneMatch(id -> "1".equals(data.row(NorthwindFiles.PRODUCTS, id).get("discontinued")))) {
            productIds.add(first(data, NorthwindFiles.PRODUCTS, r -> "1".equals(r.get("discontinued"))).get("productID"));
        }
        List<Row> products = select(data, NorthwindFiles.PRODUCTS, r -> productIds.contains(r.get("productID")));
        Set<String> employeeIds = ids(select(data, NorthwindFiles.ORDERS, r -> orderIds.contains(r.get("orderID"))), "employeeID");
        // Managers too, so the reports-to edges point at employees the sample holds.
        for (String id : List.copyOf(employeeIds)) {
            String manager = data.row(NorthwindFiles.EMPLOYEES, id).get("reportsTo");
            if (manager != null) {
                employeeIds.add(manager);
            }
        }
        List<Row> employeeTerritories = select(data, NorthwindFiles.EMPLOYEE_TERRITORIES, r -> employeeIds.contains(r.get("employeeID")));
        Set<String> territoryIds = ids(employeeTerritories, "territoryID");
        List<Row> territories = select(data, NorthwindFiles.TERRITORIES, r -> territoryIds.contains(r.get("territoryID")));

        Set<String> categoryIds = ids(products, "categoryID");
        Set<String> supplierIds = ids(products, "supplierID");
        Set<String> shipperIds = ids(select(data, NorthwindFiles.ORDERS, r -> orderIds.contains(r.get("orderID"))), "shipVia");
        Set<String> regionIds = ids(territories, "regionID");

        List<Item> items = new ArrayList<>();
        add(items, data, EntityType.CATEGORY, select(data, NorthwindFiles.CATEGORIES, r -> categoryIds.contains(r.get("categoryID"))));
        add(items, data, EntityType.CUSTOMER, select(data, NorthwindFiles.CUSTOMERS, r -> customerId.equals(r.get("customerID"))));
        add(items, data, EntityType.EMPLOYEE, select(data, NorthwindFiles.EMPLOYEES, r -> employeeIds.contains(r.get("employeeID"))));
        add(items, data, EntityType.EMPLOYEE_TERRITORY, employeeTerritories);
        add(items, data, EntityType.ORDER, select(data, NorthwindFiles.ORDERS, r -> orderIds.contains(r.get("orderID"))));
        add(items, data, EntityType.ORDER_LINE, lines);
        add(items, data, EntityType.PRODUCT, products);
        for (Row product : products) { // each product's stock, split over its shards as the seeder splits it
            items.addAll(com.example.northwind.model.Stock.shardItems(product.getLong("productID"),
                    product.has("unitsInStock") ? product.getLong("unitsInStock") : 0, 0));
        }
        add(items, data, EntityType.REGION, select(data, NorthwindFiles.REGIONS, r -> regionIds.contains(r.get("regionID"))));
        add(items, data, EntityType.SHIPPER, select(data, NorthwindFiles.SHIPPERS, r -> shipperIds.contains(r.get("shipperID"))));
        add(items, data, EntityType.SUPPLIER, select(data, NorthwindFiles.SUPPLIERS, r -> supplierIds.contains(r.get("supplierID"))));
        add(items, data, EntityType.TERRITORY, territories);
        addDerived(items, data, productIds, ids(select(data, NorthwindFiles.ORDERS, r -> orderIds.contains(r.get("orderID"))), "orderDate"));

        List<String> partitions = new ArrayList<>(basePartitions(data, orders.get(0), openOrder, lines, employeeIds));
        String soldProduct = lines.stream().filter(r -> r.get("orderID").equals(orders.get(0).get("orderID"))).findFirst()
                .orElseThrow().get("productID");
        partitions.add(ItemModel.partition(EntityType.PRODUCT_SALES, soldProduct));
        partitions.add(ItemModel.stockShardPartition(Long.parseLong(soldProduct), 0)); // one of its stock shards
        partitions.add(ItemModel.shape(EntityType.DAILY_SALES.name()).pk().renderRequired(java.util.Map.of()));
        return new DesignSample(customerId, List.copyOf(items), List.copyOf(partitions));
    }

    /** One partition per entity, chosen so that together they hold every item kind. */
    private static List<String> basePartitions(NorthwindDataSet data, Row firstOrder, Row openOrder, List<Row> lines,
                                               Set<String> employeeIds) {
        Row line = lines.stream().filter(r -> r.get("orderID").equals(firstOrder.get("orderID"))).findFirst().orElseThrow();
        Row product = data.row(NorthwindFiles.PRODUCTS, line.get("productID"));
        // The order's employee, unless they report to nobody: then the first sample employee who has a manager.
        Row employee = data.row(NorthwindFiles.EMPLOYEES, firstOrder.get("employeeID"));
        if (!employee.has("reportsTo")) {
            employee = employeeIds.stream().map(id -> data.row(NorthwindFiles.EMPLOYEES, id))
                    .filter(r -> r.has("reportsTo")).min(Comparator.comparingLong(r -> r.getLong("employeeID"))).orElseThrow();
        }
        String employeeId = employee.get("employeeID");
        Row employeeTerritory = first(data, NorthwindFiles.EMPLOYEE_TERRITORIES, r -> employeeId.equals(r.get("employeeID")));
        Row territory = data.row(NorthwindFiles.TERRITORIES, employeeTerritory.get("territoryID"));
        List<String> out = new ArrayList<>();
        out.add(ItemModel.partition(EntityType.CUSTOMER, firstOrder.get("customerID")));
        out.add(ItemModel.partition(EntityType.ORDER, firstOrder.get("orderID")));
        out.add(ItemModel.partition(EntityType.ORDER, openOrder.get("orderID")));
        out.add(ItemModel.partition(EntityType.PRODUCT, product.get("productID")));
        out.add(ItemModel.partition(EntityType.CATEGORY, product.get("categoryID")));
        out.add(ItemModel.partition(EntityType.SUPPLIER, product.get("supplierID")));
        out.add(ItemModel.partition(EntityType.EMPLOYEE, employeeId));
        out.add(ItemModel.partition(EntityType.TERRITORY, territory.get("territoryID")));
        out.add(ItemModel.partition(EntityType.REGION, territory.get("regionID")));
        out.add(ItemModel.partition(EntityType.SHIPPER, firstOrder.get("shipVia")));
        return List.copyOf(new LinkedHashSet<>(out));
    }

    /** The sample items of one table partition, sorted by sk as DynamoDB sorts them. */
    public List<Item> partition(String pk) {
        return items.stream().filter(i -> i.pk().equals(pk))
                .sorted((a, b) -> com.example.northwind.model.SortCondition.compareUtf8(a.sk(), b.sk())).toList();
    }

    private static void add(List<Item> items, NorthwindDataSet data, EntityType type, List<Row> rows) {
        for (Row row : rows) {
            items.addAll(ItemModel.itemsOf(type, ItemMapper.fact(data, type, row)));
        }
    }

    /**
     * The derived sales items of the sample's products and order dates, with the values the stream consumer derives
     * from the whole data (every order and line as the seed writes it, counted by the consumer's own contribution rule).
     */
    private static void addDerived(List<Item> items, NorthwindDataSet data, Set<String> productIds, Set<String> dates) {
        java.util.Map<com.example.northwind.derived.Aggregate, com.example.northwind.derived.Delta> sums = new java.util.LinkedHashMap<>();
        for (EntityType type : List.of(EntityType.ORDER, EntityType.ORDER_LINE)) {
            String file = type == EntityType.ORDER ? NorthwindFiles.ORDERS : NorthwindFiles.ORDER_DETAILS;
            for (Row row : data.rows(file)) {
                for (Item item : ItemModel.itemsOf(type, ItemMapper.fact(data, type, row))) {
                    com.example.northwind.derived.SalesContribution.of(com.example.northwind.model.ItemCodec.toAttributes(item))
                            .deltas().forEach((aggregate, delta) -> sums.merge(aggregate, delta,
                                    com.example.northwind.derived.Delta::plus));
                }
            }
        }
        for (String id : productIds) {
            com.example.northwind.derived.Delta sold = sums.getOrDefault(
                    com.example.northwind.derived.Aggregate.product(Long.parseLong(id)), com.example.northwind.derived.Delta.ZERO);
            items.addAll(ItemModel.itemsOf(EntityType.PRODUCT_SALES, java.util.Map.of("productID", Long.parseLong(id),
                    "orders", sold.orders(), "unitsSold", sold.unitsSold(), "revenue", exact(sold.revenue()))));
        }
        for (String date : new java.util.TreeSet<>(dates)) {
            com.example.northwind.derived.Delta day = sums.get(com.example.northwind.derived.Aggregate.day(date));
            items.addAll(ItemModel.itemsOf(EntityType.DAILY_SALES, java.util.Map.of("date", date,
                    "orders", day.orders(), "unitsSold", day.unitsSold(), "revenue", exact(day.revenue()))));
        }
    }

    /** As the consumer stores it: exact, without trailing zeros. */
    private static java.math.BigDecimal exact(java.math.BigDecimal value) {
        return value.signum() == 0 ? java.math.BigDecimal.ZERO : value.stripTrailingZeros();
    }

    private static List<Row> select(NorthwindDataSet data, String file, Predicate<Row> filter) {
        return data.rows(file).stream().filter(filter).toList();
    }

    private static Row first(NorthwindDataSet data, String file, Predicate<Row> filter) {
        return data.rows(file).stream().filter(filter).findFirst()
                .orElseThrow(() -> new IllegalStateException("no row of " + file + " fits the sample"));
    }

    private static Set<String> ids(List<Row> rows, String column) {
        Set<String> out = new LinkedHashSet<>();
        rows.forEach(r -> out.add(r.get(column)));
        return out;
    }
}
