package com.example.northwind.model;

import static com.example.northwind.model.ParamSpec.Kind.DATE;
import static com.example.northwind.model.ParamSpec.Kind.NUMERIC_ID;
import static com.example.northwind.model.ParamSpec.Kind.TEXT;
import static com.example.northwind.model.ParamSpec.optional;
import static com.example.northwind.model.ParamSpec.required;
import static com.example.northwind.model.PatternDefinition.pattern;
import static com.example.northwind.schema.EntityType.CATEGORY;
import static com.example.northwind.schema.EntityType.CUSTOMER;
import static com.example.northwind.schema.EntityType.DAILY_SALES;
import static com.example.northwind.schema.EntityType.EMPLOYEE;
import static com.example.northwind.schema.EntityType.ORDER;
import static com.example.northwind.schema.EntityType.PRODUCT;
import static com.example.northwind.schema.EntityType.PRODUCT_SALES;
import static com.example.northwind.schema.EntityType.SHIPPER;
import static com.example.northwind.schema.EntityType.SUPPLIER;
import static com.example.northwind.schema.EntityType.TERRITORY;

import com.example.northwind.schema.Keys;
import com.example.northwind.schema.TableIndex;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every access pattern in one table: its parameters and the key condition it reads, expressed with the item
 * model's own key templates (the partition of an entity, the literal prefix of an edge's {@code data}, the
 * order-date range of an order edge). Adding a pattern that reads an existing item shape is one entry here.
 * Plans receive validated, normalised parameter values keyed by parameter name.
 */
public final class AccessPatterns {
    private static final List<PatternDefinition> ALL = List.of(
            pattern("employee", "the employee", AnswerView.ENTITY,
                    p -> Read.get(ItemModel.partition(EMPLOYEE, p.get("employeeId")), ItemModel.entitySortKey(EMPLOYEE)),
                    example("employeeId", 2), required("employeeId", NUMERIC_ID)),
            pattern("directReports", "employees who report to the employee", AnswerView.ENTITY,
                    p -> Read.index(ItemModel.partition(EMPLOYEE, p.get("employeeId")), edgesOf("EMPLOYEE_REPORTS_TO_EDGE")),
                    example("employeeId", 2), required("employeeId", NUMERIC_ID)),
            pattern("discontinuedProducts", "discontinued products (listed stock: lags orders)", AnswerView.ENTITY,
                    p -> Read.index(ItemModel.entitySortKey(PRODUCT),
                            SortCondition.beginsWith(ItemModel.PRODUCT_STATUS_DATA.renderPrefix(Map.of("discontinued", true)))),
                    example()),
            pattern("productOrders", "every order line of the product", AnswerView.ENTITY,
                    p -> Read.sharded(TableIndex.GSI_2, Shards.partitions(ItemModel.shape("ORDER_LINE_EDGE").pk2(),
                            Map.of("productID", p.get("productId"))), SortCondition.ANY, true),
                    example("productId", 11), required("productId", NUMERIC_ID)),
            pattern("recentOrders", "orders, most recent first", AnswerView.ENTITY,
                    p -> Read.sharded(TableIndex.GSI_1, Shards.partitions(ItemModel.shape("ORDER_LIST_VIEW").sk(), Map.of()),
                            SortCondition.ANY, false),
                    example()),
            pattern("shipperByName", "the shipper with that company name", AnswerView.ENTITY,
                    p -> Read.index(ItemModel.entitySortKey(SHIPPER), SortCondition.equalTo(
                            ItemModel.shape(SHIPPER.name()).data().renderRequired(Map.of("companyName", p.get("companyName"))))),
                    example("companyName", "Speedy Express"), required("companyName", TEXT)),
            pattern("customersByContactName", "customers with that contact", AnswerView.ENTITY,
                    p -> Read.index(Keys.CUSTOMER_CONTACT, SortCondition.equalTo(
                            ItemModel.shape("CUSTOMER_CONTACT_VIEW").data().renderRequired(Map.of("contactName", p.get("contactName"))))),
                    example("contactName", "Maria Anders"), required("contactName", TEXT)),
            pattern("orderLines", "the order's lines", AnswerView.ENTITY,
                    p -> Read.table(ItemModel.partition(ORDER, p.get("orderId")),
                            SortCondition.beginsWith(ItemModel.shape("ORDER_LINE_EDGE").sk().literalPrefix())),
                    example("orderId", 10248), required("orderId", NUMERIC_ID)),
            pattern("suppliersByCountry", "suppliers in a country (and region)", AnswerView.ENTITY,
                    p -> Read.index(ItemModel.entitySortKey(SUPPLIER), p.containsKey("region")
                            ? SortCondition.equalTo(Keys.path(p.get("country"), p.get("region")))
                            : SortCondition.beginsWith(Keys.pathPrefix(p.get("country")))),
                    example("country", "USA", "region", "LA"), required("country", TEXT), optional("region", TEXT)),
            pattern("order", "the order and its lines", AnswerView.ENTITY,
                    // An order's partition sorts CUSTOMER#…, EMPLOYEE#…, OPEN_ORDER#…, ORDER, ORDER_LINE#…, ORDER_LIST#…:
                    // the order item and its lines are the contiguous range from ORDER through the last ORDER_LINE#.
                    p -> Read.table(ItemModel.partition(ORDER, p.get("orderId")), SortCondition.fromThroughPrefix(
                            ItemModel.entitySortKey(ORDER), ItemModel.shape("ORDER_LINE_EDGE").sk().literalPrefix())),
                    example("orderId", 10248), required("orderId", NUMERIC_ID)),
            pattern("customerOrders", "the customer's orders, newest first", AnswerView.ENTITY,
                    p -> Read.indexDescending(ItemModel.partition(CUSTOMER, p.get("customerId")), orderDateRange(p)),
                    example("customerId", "SAVEA", "from", "1997-01-01", "to", "1997-12-31"),
                    required("customerId", TEXT), optional("from", DATE), optional("to", DATE)),
            pattern("employeeOrders", "the employee's orders, newest first", AnswerView.ENTITY,
                    p -> Read.indexDescending(ItemModel.partition(EMPLOYEE, p.get("employeeId")), orderDateRange(p)),
                    example("employeeId", 5, "from", "1998-01-01"),
                    required("employeeId", NUMERIC_ID), optional("from", DATE), optional("to", DATE)),
            pattern("productsByCategory", "the category's products (listed stock: lags orders)", AnswerView.ENTITY,
                    p -> Read.index(ItemModel.partition(CATEGORY, p.get("categoryId")), edgesOf("PRODUCT_CATEGORY_EDGE")),
                    example("categoryId", 1), required("categoryId", NUMERIC_ID)),
            pattern("productsBySupplier", "the supplier's products (listed stock: lags orders)", AnswerView.ENTITY,
                    p -> Read.gsi2(ItemModel.partition(SUPPLIER, p.get("supplierId")),
                            SortCondition.beginsWith(ItemModel.shape(PRODUCT.name()).sk2().literalPrefix())),
                    example("supplierId", 1), required("supplierId", NUMERIC_ID)),
            pattern("employeeTerritories", "the employee's territories", AnswerView.TERRITORY,
                    p -> Read.table(ItemModel.partition(EMPLOYEE, p.get("employeeId")),
                            SortCondition.beginsWith(ItemModel.shape("EMPLOYEE_TERRITORY_EDGE").sk().literalPrefix())),
                    example("employeeId", 1), required("employeeId", NUMERIC_ID)),
            pattern("territoryEmployees", "the territory's employees", AnswerView.EMPLOYEE_SUMMARY,
                    p -> Read.index(ItemModel.partition(TERRITORY, p.get("territoryId")), edgesOf("EMPLOYEE_TERRITORY_EDGE")),
                    example("territoryId", "01581"), required("territoryId", TEXT)),
            pattern("customersByLocation", "customers in a country (region, city)", AnswerView.ENTITY,
                    AccessPatterns::customersByLocation,
                    example("country", "USA", "region", "WA"),
                    required("country", TEXT), optional("region", TEXT), optional("city", TEXT)),
            pattern("openOrders", "unshipped orders, oldest first", AnswerView.ENTITY,
                    p -> Read.sharded(TableIndex.GSI_1, Shards.partitions(ItemModel.shape("ORDER_OPEN_VIEW").sk(), Map.of()),
                            SortCondition.ANY, true),
                    example()),
            pattern("ordersByShipper", "orders the shipper carries, newest first", AnswerView.ENTITY,
                    p -> Read.sharded(TableIndex.GSI_2, Shards.partitions(ItemModel.shape("ORDER_LIST_VIEW").pk2(),
                            Map.of("shipVia", p.get("shipperId"))),
                            SortCondition.componentRange(ItemModel.ORDER_BY_SHIPPER_SORT.literalPrefix(), p.get("from"), p.get("to")),
                            false),
                    example("shipperId", 3, "from", "1998-01-01"),
                    required("shipperId", NUMERIC_ID), optional("from", DATE), optional("to", DATE)),
            pattern("lowStockProducts", "products still sold whose listed stock is below their reorder level (lags orders)", AnswerView.ENTITY,
                    p -> Read.index(ItemModel.entitySortKey(PRODUCT), SortCondition.beginsWith(ItemModel.PRODUCT_STATUS_DATA
                            .renderPrefix(Map.of("discontinued", false, "unitsInStock", 0L, "reorderLevel", 1L)))),
                    example()),
            pattern("lateOrders", "unshipped orders required before a date, earliest first", AnswerView.ENTITY,
                    p -> Read.sharded(TableIndex.GSI_2, Shards.partitions(ItemModel.shape("ORDER_OPEN_VIEW").pk2(), Map.of()),
                            SortCondition.below(p.get("asOf")), true),
                    example("asOf", "1998-07-01"), required("asOf", DATE)),
            pattern("customer", "the customer", AnswerView.ENTITY,
                    p -> Read.get(ItemModel.partition(CUSTOMER, p.get("customerId")), ItemModel.entitySortKey(CUSTOMER)),
                    example("customerId", "ALFKI"), required("customerId", TEXT)),
            pattern("product", "the product", AnswerView.ENTITY,
                    p -> Read.getWithStock(ItemModel.partition(PRODUCT, p.get("productId")), ItemModel.entitySortKey(PRODUCT),
                            Stock.partitions(p.get("productId"))),
                    example("productId", 11), required("productId", NUMERIC_ID)),
            // Derived data: the stream consumer keeps these (docs/derived-data.md); they lag writes by about a second.
            pattern("productSales", "the product's sales: order lines, units, revenue (derived, lags writes)", AnswerView.SALES,
                    p -> Read.get(ItemModel.partition(PRODUCT_SALES, p.get("productId")), ItemModel.entitySortKey(PRODUCT_SALES)),
                    example("productId", 11), required("productId", NUMERIC_ID)),
            pattern("salesByDay", "sales per order date, oldest first (derived, lags writes)", AnswerView.SALES,
                    p -> Read.table(ItemModel.shape(DAILY_SALES.name()).pk().renderRequired(Map.of()),
                            SortCondition.componentRange(ItemModel.DAILY_SALES_SORT.literalPrefix(), p.get("from"), p.get("to"))),
                    example("from", "1998-04-01", "to", "1998-04-30"), optional("from", DATE), optional("to", DATE)));

    private AccessPatterns() {
    }

    public static List<PatternDefinition> all() {
        return ALL;
    }

    public static Optional<PatternDefinition> byName(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Every edge of one kind in a gsi_1 partition: the edge's data starts with its literal prefix. */
    private static SortCondition edgesOf(String kind) {
        return SortCondition.beginsWith(ItemModel.shape(kind).data().literalPrefix());
    }

    /** Order edges of one partition with from ≤ orderDate ≤ to (both inclusive, both optional). */
    private static SortCondition orderDateRange(Map<String, String> p) {
        return SortCondition.componentRange(ItemModel.ORDER_EDGE_DATA.literalPrefix(), p.get("from"), p.get("to"));
    }

    /** Four shapes: country / + region / + region + city / + city without region (the CUSTOMER_CITY view). */
    private static Read customersByLocation(Map<String, String> p) {
        String country = p.get("country");
        String region = p.get("region");
        String city = p.get("city");
        if (city != null && region == null) {
            return Read.index(Keys.CUSTOMER_CITY, SortCondition.equalTo(
                    ItemModel.shape("CUSTOMER_CITY_VIEW").data().renderRequired(Map.of("country", country, "city", city))));
        }
        String root = ItemModel.entitySortKey(CUSTOMER);
        if (city != null) {
            Map<String, String> location = new HashMap<>();
            location.put("country", country);
            location.put("region", region);
            location.put("city", city);
            return Read.index(root, SortCondition.equalTo(ItemModel.shape(CUSTOMER.name()).data().renderRequired(location)));
        }
        if (region != null) {
            return Read.index(root, SortCondition.beginsWith(Keys.pathPrefix(country, region)));
        }
        return Read.index(root, SortCondition.beginsWith(Keys.pathPrefix(country)));
    }

    private static Map<String, Object> example(Object... nameValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            out.put((String) nameValues[i], nameValues[i + 1]);
        }
        return out;
    }
}
