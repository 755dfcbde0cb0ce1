package com.example.northwind.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One invocation event per access pattern, with parameters taken from the real data, which every scale
 * factor keeps unchanged — so each event finds its answer in both the k = 1 and the k = 100 table.
 */
final class QueryPatterns {
    private QueryPatterns() {
    }

    /** Pattern name → event JSON for the query handler. */
    static Map<String, String> events() {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("employee", event("employee", "\"employeeId\":5"));
        e.put("customer", event("customer", "\"customerId\":\"ALFKI\""));
        e.put("product", event("product", "\"productId\":11"));
        e.put("directReports", event("directReports", "\"employeeId\":2"));
        e.put("discontinuedProducts", event("discontinuedProducts", ""));
        e.put("productOrders", event("productOrders", "\"productId\":11"));
        e.put("recentOrders", event("recentOrders", ""));
        e.put("shipperByName", event("shipperByName", "\"companyName\":\"Speedy Express\""));
        e.put("customersByContactName", event("customersByContactName", "\"contactName\":\"Maria Anders\""));
        e.put("orderLines", event("orderLines", "\"orderId\":10248"));
        e.put("order", event("order", "\"orderId\":10248"));
        e.put("suppliersByCountry", event("suppliersByCountry", "\"country\":\"USA\""));
        e.put("customerOrders", event("customerOrders", "\"customerId\":\"ALFKI\""));
        e.put("employeeOrders", event("employeeOrders", "\"employeeId\":5"));
        e.put("productsByCategory", event("productsByCategory", "\"categoryId\":1"));
        e.put("productsBySupplier", event("productsBySupplier", "\"supplierId\":1"));
        e.put("employeeTerritories", event("employeeTerritories", "\"employeeId\":5"));
        e.put("territoryEmployees", event("territoryEmployees", "\"territoryId\":\"01581\""));
        e.put("customersByLocation", event("customersByLocation", "\"country\":\"Germany\""));
        e.put("openOrders", event("openOrders", ""));
        e.put("ordersByShipper", event("ordersByShipper", "\"shipperId\":3"));
        e.put("lowStockProducts", event("lowStockProducts", ""));
        e.put("lateOrders", event("lateOrders", "\"asOf\":\"1998-06-01\""));
        return e;
    }

    private static String event(String pattern, String params) {
        return "{\"pattern\":\"" + pattern + "\",\"params\":{" + params + "}}";
    }
}
