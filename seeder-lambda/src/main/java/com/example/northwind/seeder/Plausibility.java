package com.example.northwind.seeder;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks that well-formed data is also plausible, each failure as {@code file:line: reason}: values no
 * Northwind row can have (negative prices, quantities and stock, a quantity of 0, a discount outside [0, 1)),
 * ids that differ only by case, an employee who reports to himself or a reporting cycle, control characters in
 * a field, and an empty fact file. All run after parsing and before anything is written.
 */
final class Plausibility {
    /** Files that are never empty in a real Northwind: a header-only one is a truncated copy. */
    static final List<String> FACT_FILES = List.of(NorthwindFiles.CUSTOMERS, NorthwindFiles.PRODUCTS,
            NorthwindFiles.ORDERS, NorthwindFiles.ORDER_DETAILS);

    /** Columns that must not be negative, per file. */
    private static final Map<String, List<String>> NON_NEGATIVE = Map.of(
            NorthwindFiles.PRODUCTS, List.of("unitPrice", "unitsInStock", "unitsOnOrder", "reorderLevel"),
            NorthwindFiles.ORDERS, List.of("freight"),
            NorthwindFiles.ORDER_DETAILS, List.of("unitPrice"));

    private Plausibility() {
    }

    /**
     * A field may hold any text except control characters: tab, line feed and carriage return (line breaks in
     * quoted addresses) are allowed; NUL, the other C0 controls, DEL and the C1 controls are not.
     */
    static void checkText(String file, int line, String column, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f);
            if (control) {
                throw SeedDataException.at(file, line, String.format(Locale.ROOT,
                        "%s contains the control character U+%04X at position %d (only tab and line breaks are allowed)",
                        column, (int) c, i + 1));
            }
        }
    }

    /** Checked after each file is parsed, before references: a header-only fact file is named as such. */
    static void checkNotEmpty(CsvFileSpec spec, int rows) {
        if (rows == 0 && FACT_FILES.contains(spec.fileName())) {
            throw SeedDataException.at(spec.fileName(), 1, "the file has a header but no rows; customers, products,"
                    + " orders and order details are never empty (a truncated copy?)");
        }
    }

    /** The checks of one row's values: non-negative amounts, and an order line's quantity and discount. */
    static void checkRow(CsvFileSpec spec, Row row) {
        for (String column : NON_NEGATIVE.getOrDefault(spec.fileName(), List.of())) {
            if (row.has(column) && new BigDecimal(row.get(column)).signum() < 0) {
                throw SeedDataException.at(spec.fileName(), row.line(), column + " " + row.get(column)
                        + " is negative");
            }
        }
        if (spec.fileName().equals(NorthwindFiles.ORDER_DETAILS)) {
            checkOrderLine(row);
        }
    }

    private static void checkOrderLine(Row row) {
        String file = NorthwindFiles.ORDER_DETAILS;
        if (row.has("quantity") && new BigDecimal(row.get("quantity")).signum() <= 0) {
            throw SeedDataException.at(file, row.line(), "quantity " + row.get("quantity")
                    + " is not a positive number of units");
        }
        if (row.has("discount")) {
            BigDecimal discount = new BigDecimal(row.get("discount"));
            if (discount.signum() < 0 || discount.compareTo(BigDecimal.ONE) >= 0) {
                throw SeedDataException.at(file, row.line(), "discount " + row.get("discount")
                        + " is outside [0, 1) (a fraction: 0.15 is 15 %)");
            }
        }
    }

    /**
     * {@code alfki} beside {@code ALFKI}: distinct keys to DynamoDB, the same customer to a person. The problem
     * for {@code row}, whose key folds to the same lower case as {@code previousKey} (a {@link Row#key()}) on
     * {@code previousLine}.
     */
    static SeedDataException differsOnlyByCase(CsvFileSpec spec, Row row, String previousKey, int previousLine) {
        List<String> parts = new ArrayList<>();
        for (String column : spec.keyColumns()) {
            parts.add(column + "=" + row.get(column));
        }
        List<String> before = List.of(previousKey.split("\u0000", -1));
        return SeedDataException.at(spec.fileName(), row.line(), "primary key " + String.join(", ", parts)
                + " differs only by case from " + String.join(",", before) + " on line " + previousLine);
    }

    /**
     * No employee reports to himself, and following reportsTo always ends at someone who reports to no one.
     * {@code ids} holds the employee ids (ordinal = row), {@code reportsTo} and {@code lines} are by ordinal.
     */
    static void checkReportingLines(KeySet ids, List<String> reportsTo, IntList lines) {
        for (int employee = 0; employee < ids.size(); employee++) {
            String id = ids.get(employee);
            if (id.equals(reportsTo.get(employee))) {
                throw SeedDataException.at(NorthwindFiles.EMPLOYEES, lines.get(employee), "employee " + id
                        + " reports to himself (reportsTo " + id + ")");
            }
            // Follow reportsTo from this employee; reported here only if the chain comes back to him (a cycle
            // further up is reported at its own members' lines).
            Set<String> chain = new LinkedHashSet<>();
            for (int at = employee; at >= 0 && reportsTo.get(at) != null; at = ids.indexOf(reportsTo.get(at))) {
                String atId = ids.get(at);
                if (!chain.add(atId)) {
                    if (atId.equals(id)) {
                        List<String> cycle = new ArrayList<>(chain);
                        cycle.add(id);
                        throw SeedDataException.at(NorthwindFiles.EMPLOYEES, lines.get(employee), "employee " + id
                                + " is in a reporting cycle " + String.join(" -> ", cycle) + " (reportsTo must lead to"
                                + " someone who reports to no one)");
                    }
                    break;
                }
            }
        }
    }
}
