package com.example.northwind.query;

import com.example.northwind.testsupport.NorthwindCsv;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Expected answer items computed from the CSVs (testsupport.NorthwindCsv), independently of the seeder and the
 * query Lambda: column types are listed here from the data README, not taken from production code.
 */
public final class ExpectedAnswers {
    private static final Set<String> INTEGER_COLUMNS = Set.of("categoryID", "employeeID", "reportsTo", "orderID",
            "shipVia", "productID", "quantity", "supplierID", "unitsInStock", "unitsOnOrder", "reorderLevel",
            "regionID", "shipperID");
    private static final Set<String> DECIMAL_COLUMNS = Set.of("unitPrice", "freight", "discount");
    private static final Set<String> BOOLEAN_COLUMNS = Set.of("discontinued");

    /** Newest first: orderDate desc, then orderID desc. */
    public static final Comparator<Map<String, String>> NEWEST_FIRST = Comparator
            .comparing((Map<String, String> r) -> r.get("orderDate"))
            .thenComparing(r -> Long.parseLong(r.get("orderID")))
            .reversed();

    private ExpectedAnswers() {
    }

    // ---- rows ----

    static List<Map<String, String>> rows(String file, Predicate<Map<String, String>> where) {
        return NorthwindCsv.rows(file).stream().filter(where).collect(Collectors.toList());
    }

    static Predicate<Map<String, String>> eq(String column, Object value) {
        return r -> value != null && String.valueOf(value).equals(r.get(column));
    }

    static Map<String, String> product(String productId) {
        return rows("products.csv", eq("productID", productId)).stream().findFirst().orElseThrow();
    }

    // ---- items as the answer should show them ----

    /** A whole row, typed, with its entity type. */
    public static Map<String, Object> entity(String type, Map<String, String> row) {
        Map<String, Object> item = new TreeMap<>();
        item.put("type", type);
        row.forEach((column, value) -> item.put(column, typed(column, value)));
        return item;
    }

    static List<Map<String, Object>> entities(String type, List<Map<String, String>> rows) {
        return rows.stream().map(r -> entity(type, r)).collect(Collectors.toList());
    }

    /** An order-details row as an OrderLine, with the product's name denormalised onto it. */
    static Map<String, Object> orderLine(Map<String, String> detail) {
        Map<String, Object> item = entity("OrderLine", detail);
        item.put("productName", product(detail.get("productID")).get("productName"));
        return item;
    }

    static List<Map<String, Object>> orderLines(Predicate<Map<String, String>> where) {
        return rows("order-details.csv", where).stream().map(ExpectedAnswers::orderLine).collect(Collectors.toList());
    }

    /** Only some columns of a row, typed (the projected patterns). */
    public static Map<String, Object> project(String type, Map<String, String> row, String... columns) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String c : columns) {
            if (row.containsKey(c)) {
                kept.put(c, row.get(c));
            }
        }
        return entity(type, kept);
    }

    /** A CSV text typed as the answer must type it (numbers via {@link #number}, so 14.00 and 14 compare equal). */
    public static Object typed(String column, String text) {
        if (INTEGER_COLUMNS.contains(column)) {
            return Long.parseLong(text);
        }
        if (DECIMAL_COLUMNS.contains(column)) {
            return number(new BigDecimal(text));
        }
        if (BOOLEAN_COLUMNS.contains(column)) {
            if (!text.equals("0") && !text.equals("1")) {
                throw new IllegalArgumentException(column + " is not 0/1: " + text);
            }
            return text.equals("1");
        }
        return text;
    }

    /** The one canonical form of a JSON number for comparison: Long when integral, else a stripped BigDecimal. */
    public static Object number(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() <= 0 ? (Object) stripped.longValueExact() : stripped;
    }

    /**
     * An answer item in the same canonical form. A JSON integer stays a Long; a JSON decimal becomes a BigDecimal
     * that is kept as such even when integral-valued (so an integer column written as 5.0 would NOT equal 5L).
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> canonical(Object item) {
        Map<String, Object> out = new TreeMap<>();
        ((Map<String, Object>) item).forEach((k, v) -> {
            Object value = v;
            if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
                value = ((Number) v).longValue();
            } else if (v instanceof BigDecimal d) {
                value = d.stripTrailingZeros().scale() <= 0 ? d : d.stripTrailingZeros();
            } else if (v instanceof Double) {
                throw new AssertionError("answer was parsed lossily: " + k + "=" + v);
            }
            out.put(k, value);
        });
        return out;
    }

    /**
     * The product's sales over these rows, in relational terms: count(*), sum(quantity) and
     * sum(unitPrice * quantity * (1 - discount)) of its order details, revenue rounded half-up to cents; zeros for a
     * product never sold, no item for an unknown product.
     */
    public static List<Map<String, Object>> productSales(List<Map<String, String>> products, List<Map<String, String>> details,
                                                         Object productId) {
        String id = String.valueOf(productId);
        if (products.stream().noneMatch(p -> id.equals(p.get("productID")))) {
            return List.of();
        }
        List<Map<String, String>> sold = details.stream().filter(d -> id.equals(d.get("productID"))).toList();
        Map<String, Object> item = new TreeMap<>();
        item.put("type", "ProductSales");
        item.put("productID", Long.parseLong(id));
        item.put("orders", (long) sold.size());
        item.put("unitsSold", sold.stream().mapToLong(d -> Long.parseLong(d.get("quantity"))).sum());
        item.put("revenue", revenue(sold));
        return List.of(item);
    }

    /**
     * Sales per order date over these rows: for each orderDate in [from, to] that has orders, ascending, the count of
     * orders and the units and revenue of their details.
     */
    public static List<Map<String, Object>> salesByDay(List<Map<String, String>> orders, List<Map<String, String>> details,
                                                       String from, String to) {
        Map<String, String> dateOf = new java.util.HashMap<>();
        Map<String, Long> ordersByDay = new TreeMap<>();
        for (Map<String, String> o : orders) {
            String date = o.get("orderDate");
            if ((from == null || date.compareTo(from) >= 0) && (to == null || date.compareTo(to) <= 0)) {
                dateOf.put(o.get("orderID"), date);
                ordersByDay.merge(date, 1L, Long::sum);
            }
        }
        Map<String, List<Map<String, String>>> linesByDay = new java.util.HashMap<>();
        for (Map<String, String> d : details) {
            String date = dateOf.get(d.get("orderID"));
            if (date != null) {
                linesByDay.computeIfAbsent(date, k -> new ArrayList<>()).add(d);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        ordersByDay.forEach((date, count) -> {
            List<Map<String, String>> lines = linesByDay.getOrDefault(date, List.of());
            Map<String, Object> item = new TreeMap<>();
            item.put("type", "DailySales");
            item.put("date", date);
            item.put("orders", count);
            item.put("unitsSold", lines.stream().mapToLong(d -> Long.parseLong(d.get("quantity"))).sum());
            item.put("revenue", revenue(lines));
            out.add(item);
        });
        return out;
    }

    private static BigDecimal revenue(List<Map<String, String>> lines) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Map<String, String> d : lines) {
            BigDecimal price = d.get("unitPrice") == null ? BigDecimal.ZERO : new BigDecimal(d.get("unitPrice"));
            BigDecimal discount = d.get("discount") == null ? BigDecimal.ZERO : new BigDecimal(d.get("discount"));
            sum = sum.add(price.multiply(new BigDecimal(d.get("quantity"))).multiply(BigDecimal.ONE.subtract(discount)));
        }
        return sum.setScale(2, java.math.RoundingMode.HALF_UP);
    }

    /** Sort key for comparing answers whose order is unspecified. */
    public static String identity(Map<String, Object> item) {
        return Objects.toString(new TreeMap<>(item));
    }

    public static List<Map<String, Object>> sorted(List<Map<String, Object>> items) {
        List<Map<String, Object>> copy = new ArrayList<>(items);
        copy.sort(Comparator.comparing(ExpectedAnswers::identity));
        return copy;
    }
}
