package com.example.northwind.command;

import java.util.List;
import java.util.Map;

/** Every access pattern, for a broad sample of parameters drawn from the model, compared with the query API. */
final class AllPatterns {
    private AllPatterns() {
    }

    static void check(RelationalNorthwind model, CommandTable table, String when) {
        PatternCheck check = PatternCheck.of().and("discontinuedProducts").and("lowStockProducts").and("recentOrders")
                .and("openOrders").and("lateOrders", "asOf", "1998-05-15").and("lateOrders", "asOf", "2030-01-01");
        for (long id = 1; id <= 9; id++) {
            check.and("employee", "employeeId", id).and("directReports", "employeeId", id).and("employeeOrders", "employeeId", id)
                    .and("employeeTerritories", "employeeId", id);
        }
        for (long id = 1; id <= 77; id += 4) {
            check.and("product", "productId", id).and("productOrders", "productId", id);
        }
        for (long id = 1; id <= 8; id++) {
            check.and("productsByCategory", "categoryId", id);
        }
        for (long id = 1; id <= 29; id += 2) {
            check.and("productsBySupplier", "supplierId", id);
        }
        for (long id = 1; id <= 3; id++) {
            check.and("ordersByShipper", "shipperId", id);
        }
        List<Map<String, String>> orders = model.table("orders.csv");
        for (int i = 0; i < orders.size(); i += Math.max(1, orders.size() / 25)) {
            long id = Long.parseLong(orders.get(i).get("orderID"));
            check.and("order", "orderId", id).and("orderLines", "orderId", id);
        }
        Map<String, String> last = orders.get(orders.size() - 1);
        check.and("order", "orderId", Long.parseLong(last.get("orderID")));
        for (String id : List.of("ALFKI", "SAVEA", "QUICK", "BONAP", "LAZYK", "WOLZA")) {
            check.and("customer", "customerId", id).and("customerOrders", "customerId", id);
        }
        for (String territory : List.of("01581", "98004", "48084", "02116")) {
            check.and("territoryEmployees", "territoryId", territory);
        }
        check.and("customersByLocation", "country", "USA").and("customersByLocation", "country", "Germany", "city", "Berlin")
                .and("suppliersByCountry", "country", "USA").and("shipperByName", "companyName", "Speedy Express")
                .and("customersByContactName", "contactName", "Maria Anders");
        check.against(model, table, when);
    }
}
