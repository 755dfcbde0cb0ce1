package com.example.northwind.command;

import static com.example.northwind.command.CommandTable.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.example.northwind.query.QueryHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sharded lists walked page by page (sizes 1, 7 and 25) while commands run between the pages, on DynamoDB Local,
 * against the relational model: a walk never returns an item twice, returns them in the list's order, and returns
 * every item that was in the list from the walk's start to its end (items placed or shipped meanwhile may or may not
 * appear, as with one unsharded Query). After the walk each list equals the model's exactly.
 */
class ShardedPagesTest {
    private static CommandTable table;
    private static RelationalNorthwind model;
    /** Every order's date, cancelled ones included (a line's place in productOrders is its order's date, then id). */
    private static final Map<String, String> ORDER_DATES = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    static void seed() {
        table = CommandTable.seeded();
        model = RelationalNorthwind.fromCsv();
        model.table("orders.csv").forEach(o -> ORDER_DATES.put(o.get("orderID"), o.get("orderDate")));
        // The walks place orders of these two between pages: enough stock that none is refused
        for (long product : new long[] {11, 59}) {
            check(table.command("updateProduct", params("productId", product, "unitsInStock", 100_000)),
                    model.updateProduct(product, Map.of("unitsInStock", "100000")));
        }
    }

    @AfterAll
    static void stop() {
        table.drop();
    }

    static Stream<Arguments> walks() {
        return Stream.of(
                Arguments.of("productOrders", Map.of("productId", 59), 1),
                Arguments.of("openOrders", Map.of(), 1),
                Arguments.of("lateOrders", Map.of("asOf", "2027-01-01"), 1),
                Arguments.of("recentOrders", Map.of(), 7),
                Arguments.of("ordersByShipper", Map.of("shipperId", 2), 7),
                Arguments.of("productOrders", Map.of("productId", 59), 7),
                Arguments.of("recentOrders", Map.of(), 25),
                Arguments.of("openOrders", Map.of(), 25),
                Arguments.of("lateOrders", Map.of("asOf", "2027-01-01"), 25),
                Arguments.of("ordersByShipper", Map.of("shipperId", 1, "from", "1997-01-01"), 25),
                Arguments.of("productOrders", Map.of("productId", 11), 25));
    }

    @ParameterizedTest(name = "{0} {1} pages of {2}")
    @MethodSource("walks")
    void pagesWithCommandsBetween_neverRepeatOrSkip_andStayInOrder(String pattern, Map<String, Object> params, int pageSize) {
        long seed = Long.getLong("pages.seed", System.nanoTime());
        System.out.println("ShardedPagesTest " + pattern + " " + pageSize + " seed = " + seed + " (replay: -Dpages.seed=" + seed + ")");
        Random random = new Random(seed);
        Function<Map<String, Object>, String> identity = identity(pattern);
        List<Map<String, Object>> before = model.expected(pattern, params);
        List<Map<String, Object>> returned = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Map<String, Object> answer = page(pattern, params, pageSize, token);
            @SuppressWarnings("unchecked")
            List<Object> items = (List<Object>) answer.get("items");
            items.forEach(i -> returned.add(com.example.northwind.query.ExpectedAnswers.canonical(i)));
            token = (String) answer.get("nextToken");
            // GIVEN a command between pages: an order placed (dated among the list's items), shipped or cancelled
            commands.add(command(random));
            pages++;
            assertTrue(pages <= 2_000, "runaway pagination");
        } while (token != null);
        List<Map<String, Object>> after = model.expected(pattern, params);
        String context = pattern + " " + params + " pages of " + pageSize + ", seed " + seed + ", commands " + commands;
        // THEN no item came twice
        Set<String> seen = new HashSet<>();
        for (Map<String, Object> item : returned) {
            assertTrue(seen.add(identity.apply(item)), "returned twice: " + identity.apply(item) + " in " + context);
        }
        // AND they came in the list's order
        List<String> sortKeys = returned.stream().map(sortKey(pattern)).toList();
        boolean descending = pattern.equals("recentOrders") || pattern.equals("ordersByShipper");
        for (int i = 1; i < sortKeys.size(); i++) {
            int c = sortKeys.get(i - 1).compareTo(sortKeys.get(i));
            assertTrue(descending ? c > 0 : c < 0, "out of order at " + i + ": " + sortKeys.get(i - 1) + ", " + sortKeys.get(i)
                    + " in " + context);
        }
        // AND every item in the list from start to end was returned
        Set<String> atEnd = new HashSet<>(after.stream().map(identity).toList());
        for (Map<String, Object> item : before) {
            String id = identity.apply(item);
            if (atEnd.contains(id)) {
                assertTrue(seen.contains(id), "skipped " + id + " in " + context);
            }
        }
        assertTrue(!before.isEmpty(), "the list was empty at the start: " + context);
        // AND the list now equals the relational model's
        assertEquals(after, table.query(pattern, params), context);
    }

    /** One random command, applied to the table and the model alike; its description. */
    private static String command(Random random) {
        int kind = random.nextInt(4); // half places, a quarter ships, a quarter cancels: the open lists stay long
        List<Map<String, String>> open = model.where("orders.csv", r -> !r.containsKey("shippedDate"));
        if (kind <= 1 || open.isEmpty()) {
            long product = random.nextBoolean() ? 59 : 11;
            String date = "1997-" + two(1 + random.nextInt(12)) + "-" + two(1 + random.nextInt(28));
            String required = "1998-" + two(1 + random.nextInt(12)) + "-" + two(1 + random.nextInt(28));
            long shipVia = 1 + random.nextInt(3);
            RelationalNorthwind.Outcome expected = model.placeOrder("BONAP", 4, List.<long[]>of(new long[] {product, 1}),
                    List.of(BigDecimal.ZERO), date, required, shipVia, null);
            check(table.command("placeOrder", params("customerId", "BONAP", "employeeId", 4, "lines",
                    List.of(CommandTable.line(product, 1)), "orderDate", date, "requiredDate", required, "shipVia", shipVia)), expected);
            if (expected.ok()) {
                ORDER_DATES.put(expected.detail(), date);
            }
            return "place " + expected.detail() + " " + date;
        }
        long id = Long.parseLong(open.get(random.nextInt(open.size())).get("orderID"));
        if (kind == 2) {
            check(table.command("shipOrder", params("orderId", id, "shippedDate", "1998-06-01")),
                    model.shipOrder(id, "1998-06-01", null, null));
            return "ship " + id;
        }
        check(table.command("cancelOrder", params("orderId", id)), model.cancelOrder(id));
        return "cancel " + id;
    }

    private static void check(Map<String, Object> answer, RelationalNorthwind.Outcome expected) {
        if (expected.ok() != (answer.get("error") == null)) {
            fail("the table and the model disagree: " + answer + " vs " + expected);
        }
    }

    private static Map<String, Object> page(String pattern, Map<String, Object> params, int limit, String token) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("pattern", pattern);
        if (!params.isEmpty()) {
            request.put("params", params);
        }
        request.put("limit", limit);
        if (token != null) {
            request.put("nextToken", token);
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            QueryHandler handler = table.queries;
            handler.handleRequest(new ByteArrayInputStream(CommandTable.JSON_RW.asBytes(request)), out, null);
            Map<String, Object> answer = CommandTable.JSON_RW.mapFrom(out.toByteArray());
            if (answer.get("error") != null) {
                fail(pattern + " refused: " + answer);
            }
            return answer;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Function<Map<String, Object>, String> identity(String pattern) {
        return pattern.equals("productOrders")
                ? i -> i.get("orderID") + "/" + i.get("productID")
                : i -> String.valueOf(i.get("orderID"));
    }

    /** The list's order as text: (orderDate — a line's order's — or requiredDate, then orderID padded). */
    private static Function<Map<String, Object>, String> sortKey(String pattern) {
        return i -> {
            String id = String.valueOf(i.get("orderID"));
            String date = pattern.equals("lateOrders") ? String.valueOf(i.get("requiredDate"))
                    : pattern.equals("productOrders") ? ORDER_DATES.get(id) : String.valueOf(i.get("orderDate"));
            return date + "#" + String.format("%010d", Long.parseLong(id));
        };
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }
}
