package com.example.northwind.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes Northwind-shaped CSVs at scale factor k: k = 1 is the real data copied unchanged; k > 1 keeps every
 * real row and adds k-1 copies of the customers, each copy with its own orders and order lines.
 *
 * <p>Why copies of real rows: each generated customer has the same number of orders, and each order the same
 * lines, as the customer/order it was cloned from, so the shapes (orders per customer, lines per order,
 * unshipped share) stay those of the real data while the table grows k-fold. Dimension tables (products,
 * categories, suppliers, employees, shippers, territories, regions, employee-territories) stay as they are, so
 * every reference resolves. The real rows are kept, so any id of the real data exists at every k.
 */
public final class NorthwindGenerator {
    /** Files copied through unchanged at every k. */
    static final List<String> DIMENSION_FILES = List.of("categories.csv", "products.csv", "suppliers.csv",
            "employees.csv", "shippers.csv", "territories.csv", "regions.csv", "employee-territories.csv");
    static final String CUSTOMERS = "customers.csv";
    static final String ORDERS = "orders.csv";
    static final String ORDER_DETAILS = "order-details.csv";

    private NorthwindGenerator() {
    }

    /**
     * Generates the data set for scale factor {@code k} into {@code outDir} (created if needed).
     *
     * @return row counts per file written
     */
    public static Map<String, Integer> generate(Path realDir, int k, long seed, Path outDir) {
        if (k < 1) {
            throw new IllegalArgumentException("scale factor must be >= 1, was " + k);
        }
        try {
            Files.createDirectories(outDir);
            for (String f : DIMENSION_FILES) {
                Files.copy(realDir.resolve(f), outDir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
            if (k == 1) {
                for (String f : List.of(CUSTOMERS, ORDERS, ORDER_DETAILS)) {
                    Files.copy(realDir.resolve(f), outDir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                }
            } else {
                scaleTransactions(realDir, k, new SplittableRandom(seed), outDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot generate scale " + k + " data into " + outDir, e);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Path f : com.example.northwind.schema.NorthwindData.csvFiles(outDir)) {
            counts.put(f.getFileName().toString(), Csv.read(f).rows().size());
        }
        return counts;
    }

    private static void scaleTransactions(Path realDir, int k, SplittableRandom random, Path outDir) throws IOException {
        Csv.Table customers = Csv.read(realDir.resolve(CUSTOMERS));
        Csv.Table orders = Csv.read(realDir.resolve(ORDERS));
        Csv.Table details = Csv.read(realDir.resolve(ORDER_DETAILS));
        List<String> employeeIds = column(Csv.read(realDir.resolve("employees.csv")), "employeeID");
        List<String> shipperIds = column(Csv.read(realDir.resolve("shippers.csv")), "shipperID");

        int cId = customers.column("customerID");
        int cCompany = customers.column("companyName");
        int cContact = customers.column("contactName");
        int oId = orders.column("orderID");
        int oCustomer = orders.column("customerID");
        int oEmployee = orders.column("employeeID");
        int oDate = orders.column("orderDate");
        int oRequired = orders.column("requiredDate");
        int oShipped = orders.column("shippedDate");
        int oShipVia = orders.column("shipVia");
        int dOrder = details.column("orderID");

        LocalDate minDate = LocalDate.MAX;
        LocalDate maxDate = LocalDate.MIN;
        long maxOrderId = 0;
        for (List<String> o : orders.rows()) {
            LocalDate d = LocalDate.parse(o.get(oDate));
            minDate = d.isBefore(minDate) ? d : minDate;
            maxDate = d.isAfter(maxDate) ? d : maxDate;
            maxOrderId = Math.max(maxOrderId, Long.parseLong(o.get(oId)));
        }
        long dateSpan = ChronoUnit.DAYS.between(minDate, maxDate);
        Map<String, List<List<String>>> linesByOrder = new HashMap<>();
        for (List<String> d : details.rows()) {
            linesByOrder.computeIfAbsent(d.get(dOrder), x -> new ArrayList<>()).add(d);
        }
        Set<String> usedCustomerIds = new HashSet<>(column(customers, "customerID"));

        StringBuilder customersOut = new StringBuilder(Files.readString(realDir.resolve(CUSTOMERS), StandardCharsets.UTF_8));
        StringBuilder ordersOut = new StringBuilder(Files.readString(realDir.resolve(ORDERS), StandardCharsets.UTF_8));
        StringBuilder detailsOut = new StringBuilder(Files.readString(realDir.resolve(ORDER_DETAILS), StandardCharsets.UTF_8));
        endWithNewline(customersOut);
        endWithNewline(ordersOut);
        endWithNewline(detailsOut);

        long nextOrderId = maxOrderId + 1;
        for (int copy = 1; copy < k; copy++) {
            Map<String, String> newIdOf = new HashMap<>();
            for (List<String> c : customers.rows()) {
                String id = newCustomerId(random, usedCustomerIds);
                newIdOf.put(c.get(cId), id);
                List<String> row = new ArrayList<>(c);
                row.set(cId, id);
                // Distinct names: a contact-name lookup should keep finding one customer, as in the real data.
                row.set(cCompany, suffixed(c.get(cCompany), copy));
                row.set(cContact, suffixed(c.get(cContact), copy));
                Csv.appendRecord(customersOut, row);
            }
            for (List<String> o : orders.rows()) {
                String orderId = Long.toString(nextOrderId++);
                LocalDate realDate = LocalDate.parse(o.get(oDate));
                LocalDate date = minDate.plusDays(random.nextLong(dateSpan + 1));
                List<String> row = new ArrayList<>(o);
                row.set(oId, orderId);
                row.set(oCustomer, newIdOf.get(o.get(oCustomer)));
                row.set(oEmployee, employeeIds.get(random.nextInt(employeeIds.size())));
                row.set(oDate, date.toString());
                // Keep the real order's lead times, so required/shipped dates keep their shape; an unshipped
                // template stays unshipped (the real share of open orders).
                row.set(oRequired, shifted(o.get(oRequired), realDate, date));
                row.set(oShipped, shifted(o.get(oShipped), realDate, date));
                row.set(oShipVia, shipperIds.get(random.nextInt(shipperIds.size())));
                Csv.appendRecord(ordersOut, row);
                for (List<String> line : linesByOrder.getOrDefault(o.get(oId), List.of())) {
                    List<String> l = new ArrayList<>(line);
                    l.set(dOrder, orderId);
                    Csv.appendRecord(detailsOut, l);
                }
            }
        }
        Files.writeString(outDir.resolve(CUSTOMERS), customersOut, StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve(ORDERS), ordersOut, StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve(ORDER_DETAILS), detailsOut, StandardCharsets.UTF_8);
    }

    private static String newCustomerId(SplittableRandom random, Set<String> used) {
        while (true) {
            char[] id = new char[5];
            for (int i = 0; i < id.length; i++) {
                id[i] = (char) ('A' + random.nextInt(26));
            }
            String s = new String(id);
            if (used.add(s)) {
                return s;
            }
        }
    }

    private static String suffixed(String value, int copy) {
        return value.isEmpty() ? value : value + " " + copy;
    }

    private static String shifted(String value, LocalDate from, LocalDate to) {
        if (value.isEmpty()) {
            return value;
        }
        return to.plusDays(ChronoUnit.DAYS.between(from, LocalDate.parse(value))).toString();
    }

    private static List<String> column(Csv.Table table, String name) {
        int i = table.column(name);
        List<String> values = new ArrayList<>();
        for (List<String> r : table.rows()) {
            values.add(r.get(i));
        }
        return values;
    }

    private static void endWithNewline(StringBuilder sb) {
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
            sb.append('\n');
        }
    }
}
