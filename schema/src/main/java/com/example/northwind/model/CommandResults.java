package com.example.northwind.model;

import static com.example.northwind.model.CommandResults.Field.entities;
import static com.example.northwind.model.CommandResults.Field.entity;
import static com.example.northwind.model.CommandResults.Field.flag;
import static com.example.northwind.model.CommandResults.Field.rows;
import static com.example.northwind.model.CommandResults.Field.value;
import static com.example.northwind.schema.EntityType.CUSTOMER;
import static com.example.northwind.schema.EntityType.EMPLOYEE;
import static com.example.northwind.schema.EntityType.ORDER;
import static com.example.northwind.schema.EntityType.ORDER_LINE;
import static com.example.northwind.schema.EntityType.PRODUCT;
import static com.example.northwind.schema.EntityType.TERRITORY;

import com.example.northwind.schema.EntityType;
import java.util.List;
import java.util.Map;

/**
 * What each command answers in {@code result} once its transaction commits (and what a replay of its idempotency key
 * answers again), by command name: the changed entity as the query API shows it, or a few typed values. The OpenAPI
 * document's answer schemas are made from these; the contract tests hold the command function to them.
 */
public final class CommandResults {
    /** One member of a result object. */
    public record Field(String name, Kind kind, EntityType entity, List<String> columns) {
        public enum Kind {
            /** The entity as the query API shows it (its first item shape, every attribute but the keys). */
            ENTITY,
            /** A list of such entities. */
            ENTITIES,
            /** One value, typed as the entity's column {@code columns[0]}. */
            VALUE,
            /** true or false. */
            FLAG,
            /** A list of objects holding these columns of the entity. */
            ROWS
        }

        public Field {
            columns = List.copyOf(columns);
        }

        static Field entity(String name, EntityType type) {
            return new Field(name, Kind.ENTITY, type, List.of());
        }

        static Field entities(String name, EntityType type) {
            return new Field(name, Kind.ENTITIES, type, List.of());
        }

        static Field value(String name, EntityType type, String column) {
            return new Field(name, Kind.VALUE, type, List.of(column));
        }

        static Field flag(String name) {
            return new Field(name, Kind.FLAG, null, List.of());
        }

        static Field rows(String name, EntityType type, String... columns) {
            return new Field(name, Kind.ROWS, type, List.of(columns));
        }
    }

    private static final Map<String, List<Field>> RESULTS = Map.of(
            "placeOrder", List.of(entity("order", ORDER), entities("lines", ORDER_LINE)),
            "shipOrder", List.of(entity("order", ORDER)),
            "cancelOrder", List.of(value("orderID", ORDER, "orderID"), flag("cancelled"),
                    rows("restocked", PRODUCT, "productID", "unitsInStock")),
            "updateCustomer", List.of(entity("customer", CUSTOMER)),
            "updateProduct", List.of(entity("product", PRODUCT)),
            "updateEmployee", List.of(entity("employee", EMPLOYEE)),
            "assignTerritory", territoryAssignment(),
            "unassignTerritory", territoryAssignment());

    private CommandResults() {
    }

    /** The members of the command's result; a clear error for a command whose result is not declared here. */
    public static List<Field> of(CommandDefinition command) {
        List<Field> fields = RESULTS.get(command.name());
        if (fields == null) {
            throw new IllegalStateException("command " + command.name() + " has no result in CommandResults: declare"
                    + " what it answers, so the OpenAPI document can describe it");
        }
        return fields;
    }

    private static List<Field> territoryAssignment() {
        return List.of(value("employeeID", EMPLOYEE, "employeeID"), value("territoryID", TERRITORY, "territoryID"),
                flag("assigned"));
    }
}
