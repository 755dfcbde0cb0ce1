package com.example.northwind.model;

import static com.example.northwind.model.CommandParam.Kind.BOOLEAN;
import static com.example.northwind.model.CommandParam.Kind.DATE;
import static com.example.northwind.model.CommandParam.Kind.DECIMAL;
import static com.example.northwind.model.CommandParam.Kind.INTEGER;
import static com.example.northwind.model.CommandParam.Kind.NUMERIC_ID;
import static com.example.northwind.model.CommandParam.Kind.ORDER_LINES;
import static com.example.northwind.model.CommandParam.Kind.TEXT;
import static com.example.northwind.model.CommandParam.clearable;
import static com.example.northwind.model.CommandParam.optional;
import static com.example.northwind.model.CommandParam.required;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every command of the write side: names, parameters and examples. The command Lambda validates requests
 * against these, and the docs and the local design explorer's forms are generated from them.
 */
public final class CommandDefinitions {
    private static final List<CommandDefinition> ALL = List.of(
            new CommandDefinition("placeOrder", "a new order with its lines; each product's stock drops by the quantity",
                    List.of(required("customerId", TEXT, "the customer (customerID)"),
                            required("employeeId", NUMERIC_ID, "the employee taking the order"),
                            required("lines", ORDER_LINES, "1–25 lines {productId, quantity 1–1000, discount? 0 ≤ d < 1}"),
                            optional("orderDate", DATE, "default: today (UTC)"),
                            optional("requiredDate", DATE, "when the customer needs it"),
                            optional("shipVia", NUMERIC_ID, "a shipperID"),
                            optional("freight", DECIMAL, "≥ 0, default 0"),
                            optional("shipName", TEXT, "default: the customer's companyName"),
                            optional("shipAddress", TEXT, "default: the customer's address"),
                            optional("shipCity", TEXT, "default: the customer's city"),
                            optional("shipRegion", TEXT, "default: the customer's region"),
                            optional("shipPostalCode", TEXT, "default: the customer's postalCode"),
                            optional("shipCountry", TEXT, "default: the customer's country")),
                    example("customerId", "ALFKI", "employeeId", 1,
                            "lines", List.of(Map.of("productId", 11, "quantity", 2), Map.of("productId", 72, "quantity", 1)))),
            new CommandDefinition("shipOrder", "sets shippedDate (and shipVia/freight when given); the order leaves openOrders",
                    List.of(required("orderId", NUMERIC_ID, "the order"),
                            optional("shippedDate", DATE, "default: today (UTC)"),
                            optional("shipVia", NUMERIC_ID, "a shipperID"),
                            optional("freight", DECIMAL, "≥ 0")),
                    example("orderId", 11077)),
            new CommandDefinition("cancelOrder", "removes an unshipped order and its lines everywhere; stock is given back",
                    List.of(required("orderId", NUMERIC_ID, "the order")),
                    example("orderId", 11077)),
            new CommandDefinition("updateCustomer", "changes a customer's fields; null clears one (not companyName)",
                    withFields(List.of(required("customerId", TEXT, "the customer")),
                            optional("companyName", TEXT, "cannot be cleared"),
                            "contactName", "contactTitle", "address", "city", "region", "postalCode", "country", "phone", "fax"),
                    example("customerId", "ALFKI", "contactName", "Maria Anders-Schmidt")),
            new CommandDefinition("updateProduct", "changes a product's fields; order lines keep the price they were sold at",
                    List.of(required("productId", NUMERIC_ID, "the product"),
                            optional("productName", TEXT, "name"),
                            clearable("quantityPerUnit", TEXT, "e.g. 10 boxes x 20 bags"),
                            optional("unitPrice", DECIMAL, "≥ 0"),
                            optional("unitsInStock", INTEGER, "≥ 0"),
                            optional("unitsOnOrder", INTEGER, "≥ 0"),
                            optional("reorderLevel", INTEGER, "≥ 0"),
                            optional("discontinued", BOOLEAN, "true or false"),
                            optional("categoryId", NUMERIC_ID, "a categoryID"),
                            optional("supplierId", NUMERIC_ID, "a supplierID")),
                    example("productId", 11, "unitPrice", 22.5)),
            new CommandDefinition("updateEmployee", "changes an employee's fields; reportsTo moves them to another manager",
                    withFields(List.of(required("employeeId", NUMERIC_ID, "the employee")),
                            clearable("reportsTo", NUMERIC_ID, "an employeeID, or null for none"),
                            "lastName", "firstName", "title", "titleOfCourtesy", "address", "city", "region", "postalCode",
                            "country", "homePhone", "extension"),
                    example("employeeId", 5, "title", "Sales Director")),
            new CommandDefinition("assignTerritory", "the employee now covers the territory",
                    List.of(required("employeeId", NUMERIC_ID, "the employee"), required("territoryId", TEXT, "the territory")),
                    example("employeeId", 1, "territoryId", "01581")),
            new CommandDefinition("unassignTerritory", "the employee no longer covers the territory",
                    List.of(required("employeeId", NUMERIC_ID, "the employee"), required("territoryId", TEXT, "the territory")),
                    example("employeeId", 1, "territoryId", "06897")));

    private CommandDefinitions() {
    }

    public static List<CommandDefinition> all() {
        return ALL;
    }

    public static Optional<CommandDefinition> byName(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The id param, one special field, then clearable text fields. */
    private static List<CommandParam> withFields(List<CommandParam> head, CommandParam special, String... textFields) {
        List<CommandParam> out = new ArrayList<>(head);
        out.add(special);
        for (String field : textFields) {
            out.add(clearable(field, CommandParam.Kind.TEXT, "null clears it"));
        }
        return out;
    }

    private static Map<String, Object> example(Object... nameValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            out.put((String) nameValues[i], nameValues[i + 1]);
        }
        return out;
    }
}
