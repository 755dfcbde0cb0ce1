package com.example.northwind.benchmark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.schema.NorthwindData;
import com.example.northwind.seeder.NorthwindDataSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NorthwindGeneratorTest {
    private static final LocalDate FIRST_ORDER = LocalDate.parse("1996-07-04");
    private static final LocalDate LAST_ORDER = LocalDate.parse("1998-05-06");
    private static Path real;
    private static Csv.Table realCustomers;
    private static Csv.Table realOrders;
    private static Csv.Table realLines;

    @TempDir
    Path tmp;

    @BeforeAll
    static void readRealData() {
        real = NorthwindData.locate();
        realCustomers = Csv.read(real.resolve("customers.csv"));
        realOrders = Csv.read(real.resolve("orders.csv"));
        realLines = Csv.read(real.resolve("order-details.csv"));
    }

    @Test
    void generate_isDeterministic_forASeed() throws IOException {
        // GIVEN two runs with seed 7 and one with seed 8
        NorthwindGenerator.generate(real, 3, 7, tmp.resolve("a"));
        NorthwindGenerator.generate(real, 3, 7, tmp.resolve("b"));
        NorthwindGenerator.generate(real, 3, 8, tmp.resolve("c"));
        // THEN the same seed gives byte-identical files, another seed different orders
        for (Path f : NorthwindData.csvFiles(tmp.resolve("a"))) {
            String name = f.getFileName().toString();
            assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(tmp.resolve("b").resolve(name)), name);
        }
        assertFalse(Files.readString(tmp.resolve("a/orders.csv")).equals(Files.readString(tmp.resolve("c/orders.csv"))));
    }

    @Test
    void generate_copiesRealData_atScaleOne() throws IOException {
        // WHEN k = 1
        NorthwindGenerator.generate(real, 1, 42, tmp);
        // THEN every CSV is the real file, byte for byte
        for (Path f : NorthwindData.csvFiles(real)) {
            assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(tmp.resolve(f.getFileName())), f.getFileName().toString());
        }
    }

    @Test
    void generate_scalesTransactionRows_andKeepsDimensions() throws IOException {
        // WHEN k = 100 (also shows it runs in seconds)
        long start = System.nanoTime();
        Map<String, Integer> counts = NorthwindGenerator.generate(real, 100, 42, tmp);
        System.out.printf("k=100 generated in %.2f s%n", (System.nanoTime() - start) / 1e9);
        // THEN customers, orders and lines are 100x the real counts, the other files unchanged
        assertEquals(realCustomers.rows().size() * 100, counts.get("customers.csv"));
        assertEquals(realOrders.rows().size() * 100, counts.get("orders.csv"));
        assertEquals(realLines.rows().size() * 100, counts.get("order-details.csv"));
        for (String f : NorthwindGenerator.DIMENSION_FILES) {
            assertArrayEquals(Files.readAllBytes(real.resolve(f)), Files.readAllBytes(tmp.resolve(f)), f);
        }
    }

    @Test
    void generate_everyReferenceResolves_andIdsFollowTheRules() {
        // GIVEN k = 5
        NorthwindGenerator.generate(real, 5, 42, tmp);
        Csv.Table customers = Csv.read(tmp.resolve("customers.csv"));
        Csv.Table orders = Csv.read(tmp.resolve("orders.csv"));
        Csv.Table lines = Csv.read(tmp.resolve("order-details.csv"));
        Set<String> customerIds = uniqueColumn(customers, "customerID");
        Set<String> orderIds = uniqueColumn(orders, "orderID");
        Set<String> employees = uniqueColumn(Csv.read(tmp.resolve("employees.csv")), "employeeID");
        Set<String> shippers = uniqueColumn(Csv.read(tmp.resolve("shippers.csv")), "shipperID");
        Set<String> products = uniqueColumn(Csv.read(tmp.resolve("products.csv")), "productID");
        long maxRealOrder = realOrders.rows().stream().mapToLong(r -> Long.parseLong(r.get(0))).max().orElseThrow();
        // THEN customer ids are unique 5-letter codes
        customerIds.forEach(id -> assertTrue(id.matches("[A-Z]{5}"), id));
        // AND every order points at existing rows, new order ids continue after the real maximum, dates stay in range
        int unshipped = 0;
        for (List<String> o : orders.rows().subList(realOrders.rows().size(), orders.rows().size())) {
            assertTrue(Long.parseLong(o.get(orders.column("orderID"))) > maxRealOrder);
            assertTrue(customerIds.contains(o.get(orders.column("customerID"))));
            assertTrue(employees.contains(o.get(orders.column("employeeID"))));
            assertTrue(shippers.contains(o.get(orders.column("shipVia"))));
            LocalDate d = LocalDate.parse(o.get(orders.column("orderDate")));
            assertFalse(d.isBefore(FIRST_ORDER) || d.isAfter(LAST_ORDER), d.toString());
            unshipped += o.get(orders.column("shippedDate")).isEmpty() ? 1 : 0;
        }
        assertTrue(unshipped > 0, "some generated orders are unshipped");
        // AND every line points at an existing order and product, once per (order, product)
        Set<String> lineKeys = new HashSet<>();
        for (List<String> l : lines.rows()) {
            assertTrue(orderIds.contains(l.get(lines.column("orderID"))));
            assertTrue(products.contains(l.get(lines.column("productID"))));
            assertTrue(lineKeys.add(l.get(0) + "/" + l.get(1)), "duplicate line " + l);
        }
    }

    @Test
    void seederParser_acceptsGeneratedData() {
        // GIVEN generated data at k = 3
        Map<String, Integer> counts = NorthwindGenerator.generate(real, 3, 42, tmp);
        // WHEN the seeder's own parser loads it (headers, types, keys and references are checked there)
        NorthwindDataSet data = NorthwindDataSet.load(tmp);
        // THEN it reads every row the generator wrote
        assertEquals(counts.get("orders.csv"), data.rows("orders.csv").size());
        assertEquals(counts.get("order-details.csv"), data.rows("order-details.csv").size());
        assertEquals(counts.get("customers.csv"), data.rows("customers.csv").size());
    }

    private static Set<String> uniqueColumn(Csv.Table table, String name) {
        Set<String> values = new HashSet<>();
        int i = table.column(name);
        for (List<String> r : table.rows()) {
            assertTrue(values.add(r.get(i)), "duplicate " + name + " " + r.get(i));
        }
        return values;
    }
}
