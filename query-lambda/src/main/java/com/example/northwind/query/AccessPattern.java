package com.example.northwind.query;

import static com.example.northwind.query.ParamType.DATE;
import static com.example.northwind.query.ParamType.NUMERIC_ID;
import static com.example.northwind.query.ParamType.TEXT;
import static com.example.northwind.schema.EntityType.CATEGORY;
import static com.example.northwind.schema.EntityType.CUSTOMER;
import static com.example.northwind.schema.EntityType.EMPLOYEE;
import static com.example.northwind.schema.EntityType.ORDER;
import static com.example.northwind.schema.EntityType.ORDER_LINE;
import static com.example.northwind.schema.EntityType.PRODUCT;
import static com.example.northwind.schema.EntityType.SHIPPER;
import static com.example.northwind.schema.EntityType.SUPPLIER;
import static com.example.northwind.schema.EntityType.TERRITORY;

import com.example.northwind.schema.Keys;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every access pattern in one table (docs/key-design.md, "Access patterns"): its name, its parameters, the
 * one request that reads a page of it, and how its items are shown. Adding a pattern = adding one entry.
 * Plans receive normalised parameter values (see {@link ParamType}) keyed by parameter name.
 */
enum AccessPattern {
    EMPLOYEE_BY_ID("employee", ItemView.ENTITY,
            p -> Plan.get(Keys.entity(EMPLOYEE, p.get("employeeId")), Keys.root(EMPLOYEE)),
            Param.required("employeeId", NUMERIC_ID)),
    DIRECT_REPORTS("directReports", ItemView.ENTITY,
            p -> Plan.index(Keys.entity(EMPLOYEE, p.get("employeeId")), SortCondition.beginsWith(Keys.edgeDataPrefix(EMPLOYEE))),
            Param.required("employeeId", NUMERIC_ID)),
    DISCONTINUED_PRODUCTS("discontinuedProducts", ItemView.ENTITY,
            p -> Plan.index(Keys.root(PRODUCT), SortCondition.beginsWith(Keys.DISCONTINUED + Keys.SEPARATOR))),
    PRODUCT_ORDERS("productOrders", ItemView.ENTITY,
            p -> Plan.index(Keys.entity(PRODUCT, p.get("productId")), SortCondition.beginsWith(Keys.edgeDataPrefix(ORDER_LINE))),
            Param.required("productId", NUMERIC_ID)),
    RECENT_ORDERS("recentOrders", ItemView.ENTITY,
            p -> Plan.indexDescending(Keys.root(ORDER), SortCondition.ANY)),
    SHIPPER_BY_NAME("shipperByName", ItemView.ENTITY,
            p -> Plan.index(Keys.root(SHIPPER), SortCondition.equalTo(p.get("companyName"))),
            Param.required("companyName", TEXT)),
    CUSTOMERS_BY_CONTACT_NAME("customersByContactName", ItemView.ENTITY,
            p -> Plan.index(Keys.CUSTOMER_CONTACT, SortCondition.equalTo(p.get("contactName"))),
            Param.required("contactName", TEXT)),
    ORDER_LINES("orderLines", ItemView.ENTITY,
            p -> Plan.table(Keys.entity(ORDER, p.get("orderId")), SortCondition.beginsWith(Keys.edgeDataPrefix(PRODUCT))),
            Param.required("orderId", NUMERIC_ID)),
    SUPPLIERS_BY_COUNTRY("suppliersByCountry", ItemView.ENTITY,
            p -> Plan.index(Keys.root(SUPPLIER), p.containsKey("region")
                    ? SortCondition.equalTo(Keys.path(p.get("country"), p.get("region")))
                    : SortCondition.beginsWith(Keys.pathPrefix(p.get("country")))),
            Param.required("country", TEXT), Param.optional("region", TEXT)),
    ORDER_BY_ID("order", ItemView.ENTITY,
            // The order item (sk ORDER) and its lines (sk PRODUCT#...) are the contiguous range sk >= ORDER.
            p -> Plan.table(Keys.entity(ORDER, p.get("orderId")), SortCondition.atLeast(Keys.root(ORDER))),
            Param.required("orderId", NUMERIC_ID)),
    CUSTOMER_ORDERS("customerOrders", ItemView.ENTITY,
            p -> Plan.indexDescending(Keys.entity(CUSTOMER, p.get("customerId")), orderDateRange(p)),
            Param.required("customerId", TEXT), Param.optional("from", DATE), Param.optional("to", DATE)),
    EMPLOYEE_ORDERS("employeeOrders", ItemView.ENTITY,
            p -> Plan.indexDescending(Keys.entity(EMPLOYEE, p.get("employeeId")), orderDateRange(p)),
            Param.required("employeeId", NUMERIC_ID), Param.optional("from", DATE), Param.optional("to", DATE)),
    PRODUCTS_BY_CATEGORY("productsByCategory", ItemView.ENTITY,
            p -> Plan.index(Keys.entity(CATEGORY, p.get("categoryId")), SortCondition.beginsWith(Keys.edgeDataPrefix(PRODUCT))),
            Param.required("categoryId", NUMERIC_ID)),
    PRODUCTS_BY_SUPPLIER("productsBySupplier", ItemView.ENTITY,
            p -> Plan.index(Keys.entity(SUPPLIER, p.get("supplierId")), SortCondition.beginsWith(Keys.edgeDataPrefix(PRODUCT))),
            Param.required("supplierId", NUMERIC_ID)),
    EMPLOYEE_TERRITORIES("employeeTerritories", ItemView.TERRITORY,
            p -> Plan.table(Keys.entity(EMPLOYEE, p.get("employeeId")), SortCondition.beginsWith(Keys.edgeDataPrefix(TERRITORY))),
            Param.required("employeeId", NUMERIC_ID)),
    TERRITORY_EMPLOYEES("territoryEmployees", ItemView.EMPLOYEE_SUMMARY,
            p -> Plan.index(Keys.entity(TERRITORY, p.get("territoryId")), SortCondition.beginsWith(Keys.edgeDataPrefix(EMPLOYEE))),
            Param.required("territoryId", TEXT)),
    CUSTOMERS_BY_LOCATION("customersByLocation", ItemView.ENTITY, AccessPattern::customersByLocation,
            Param.required("country", TEXT), Param.optional("region", TEXT), Param.optional("city", TEXT)),
    OPEN_ORDERS("openOrders", ItemView.ENTITY,
            p -> Plan.index(Keys.OPEN_ORDER, SortCondition.ANY)),
    CUSTOMER_BY_ID("customer", ItemView.ENTITY,
            p -> Plan.get(Keys.entity(CUSTOMER, p.get("customerId")), Keys.root(CUSTOMER)),
            Param.required("customerId", TEXT)),
    PRODUCT_BY_ID("product", ItemView.ENTITY,
            p -> Plan.get(Keys.entity(PRODUCT, p.get("productId")), Keys.root(PRODUCT)),
            Param.required("productId", NUMERIC_ID));

    private final String patternName;
    private final ItemView view;
    private final Function<Map<String, String>, Plan> plan;
    private final List<Param> params;

    AccessPattern(String patternName, ItemView view, Function<Map<String, String>, Plan> plan, Param... params) {
        this.patternName = patternName;
        this.view = view;
        this.plan = plan;
        this.params = List.of(params);
    }

    String patternName() {
        return patternName;
    }

    ItemView view() {
        return view;
    }

    List<Param> params() {
        return params;
    }

    /** The request for these (validated, normalised) parameter values. */
    Plan plan(Map<String, String> values) {
        return plan.apply(values);
    }

    /** "customerId, from?, to?" — or "no parameters". */
    String signature() {
        return params.isEmpty() ? "no parameters" : params.stream().map(Param::toString).collect(Collectors.joining(", "));
    }

    static Optional<AccessPattern> byName(String name) {
        return Arrays.stream(values()).filter(p -> p.patternName.equals(name)).findFirst();
    }

    static String knownNames() {
        return Arrays.stream(values()).map(AccessPattern::patternName).collect(Collectors.joining(", "));
    }

    /**
     * Orders edges of one partition with from ≤ orderDate ≤ to. data is {@code ORDER#<date>#<id10>}; '$' is the
     * character after '#', so {@code ORDER#<to>$} is above every order of that day, and {@code ORDER$} above all.
     */
    private static SortCondition orderDateRange(Map<String, String> p) {
        String prefix = Keys.edgeDataPrefix(ORDER);
        String low = p.containsKey("from") ? prefix + p.get("from") : prefix;
        String high = p.containsKey("to") ? prefix + p.get("to") + '$' : ORDER.keyPrefix() + '$';
        return SortCondition.between(low, high);
    }

    /** The four shapes of docs/key-design.md: country / + region / + region + city / + city without region. */
    private static Plan customersByLocation(Map<String, String> p) {
        String country = p.get("country");
        String region = p.get("region");
        String city = p.get("city");
        if (city != null && region == null) {
            return Plan.index(Keys.CUSTOMER_CITY, SortCondition.equalTo(Keys.path(country, city)));
        }
        String root = Keys.root(CUSTOMER);
        if (city != null) {
            return Plan.index(root, SortCondition.equalTo(Keys.path(country, region, city)));
        }
        if (region != null) {
            return Plan.index(root, SortCondition.beginsWith(Keys.pathPrefix(country, region)));
        }
        return Plan.index(root, SortCondition.beginsWith(Keys.pathPrefix(country)));
    }
}

