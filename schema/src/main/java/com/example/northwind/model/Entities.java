package com.example.northwind.model;

import static com.example.northwind.model.Column.opt;
import static com.example.northwind.model.Column.req;
import static com.example.northwind.model.ValueType.BOOL;
import static com.example.northwind.model.ValueType.DATE;
import static com.example.northwind.model.ValueType.DECIMAL;
import static com.example.northwind.model.ValueType.ID;
import static com.example.northwind.model.ValueType.INT;
import static com.example.northwind.model.ValueType.STRING;

import com.example.northwind.schema.EntityType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of every Northwind entity, in CSV header order, with their types and the columns that form the
 * entity's id. The seeder's CSV specs, the item model and the writers all read them from here.
 */
public final class Entities {
    private static final Map<EntityType, List<Column>> COLUMNS = new EnumMap<>(EntityType.class);
    private static final Map<EntityType, List<String>> ID_COLUMNS = new EnumMap<>(EntityType.class);

    static {
        define(EntityType.CATEGORY, List.of("categoryID"),
                req("categoryID", ID), opt("categoryName", STRING), opt("description", STRING));
        define(EntityType.CUSTOMER, List.of("customerID"),
                req("customerID", STRING), opt("companyName", STRING), opt("contactName", STRING),
                opt("contactTitle", STRING), opt("address", STRING), opt("city", STRING), opt("region", STRING),
                opt("postalCode", STRING), opt("country", STRING), opt("phone", STRING), opt("fax", STRING));
        define(EntityType.REGION, List.of("regionID"), req("regionID", ID), opt("regionDescription", STRING));
        define(EntityType.SHIPPER, List.of("shipperID"),
                req("shipperID", ID), opt("companyName", STRING), opt("phone", STRING));
        define(EntityType.SUPPLIER, List.of("supplierID"),
                req("supplierID", ID), opt("companyName", STRING), opt("contactName", STRING),
                opt("contactTitle", STRING), opt("address", STRING), opt("city", STRING), opt("region", STRING),
                opt("postalCode", STRING), opt("country", STRING), opt("phone", STRING), opt("fax", STRING),
                opt("homepage", STRING));
        define(EntityType.TERRITORY, List.of("territoryID"),
                req("territoryID", STRING), opt("territoryDescription", STRING), req("regionID", ID));
        define(EntityType.EMPLOYEE, List.of("employeeID"),
                req("employeeID", ID), opt("lastName", STRING), opt("firstName", STRING), opt("title", STRING),
                opt("titleOfCourtesy", STRING), opt("birthDate", DATE), opt("hireDate", DATE),
                opt("address", STRING), opt("city", STRING), opt("region", STRING), opt("postalCode", STRING),
                opt("country", STRING), opt("homePhone", STRING), opt("extension", STRING), opt("notes", STRING),
                // reportsTo references another employee; the top of the hierarchy has none.
                opt("reportsTo", ID), opt("photoPath", STRING));
        define(EntityType.EMPLOYEE_TERRITORY, List.of("employeeID", "territoryID"),
                req("employeeID", ID), req("territoryID", STRING));
        define(EntityType.PRODUCT, List.of("productID"),
                req("productID", ID), opt("productName", STRING), req("supplierID", ID), req("categoryID", ID),
                opt("quantityPerUnit", STRING), opt("unitPrice", DECIMAL), opt("unitsInStock", INT),
                opt("unitsOnOrder", INT), opt("reorderLevel", INT),
                // Required: whether the product is in gsi_1 (DISCONTINUED#/LOW_STOCK#) depends on it.
                req("discontinued", BOOL));
        define(EntityType.ORDER, List.of("orderID"),
                req("orderID", ID), req("customerID", STRING), req("employeeID", ID),
                // Required: every order key sorts by it.
                req("orderDate", DATE), opt("requiredDate", DATE), opt("shippedDate", DATE), req("shipVia", ID),
                opt("freight", DECIMAL), opt("shipName", STRING), opt("shipAddress", STRING),
                opt("shipCity", STRING), opt("shipRegion", STRING), opt("shipPostalCode", STRING),
                opt("shipCountry", STRING));
        define(EntityType.ORDER_LINE, List.of("orderID", "productID"),
                req("orderID", ID), req("productID", ID), opt("unitPrice", DECIMAL), opt("quantity", INT),
                opt("discount", DECIMAL));
        // Stock shards (item model 6): a product's stock split over STOCK_SHARDS items; version counts every change.
        define(EntityType.STOCK_SHARD, List.of("productID", "shard"),
                req("productID", ID), req("shard", INT), req("units", INT), req("version", INT));
        // Derived data (docs/derived-data.md): kept by the stream consumer, never by a command or the seeder's CSVs.
        define(EntityType.PRODUCT_SALES, List.of("productID"),
                req("productID", ID), req("orders", INT), req("unitsSold", INT), req("revenue", DECIMAL));
        define(EntityType.DAILY_SALES, List.of("date"),
                req("date", DATE), req("orders", INT), req("unitsSold", INT), req("revenue", DECIMAL));
    }

    private Entities() {
    }

    private static void define(EntityType type, List<String> idColumns, Column... columns) {
        COLUMNS.put(type, List.of(columns));
        ID_COLUMNS.put(type, idColumns);
    }

    /** The entity's own columns, in CSV header order. */
    public static List<Column> columns(EntityType type) {
        return COLUMNS.get(type);
    }

    public static Column column(EntityType type, String name) {
        return columns(type).stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(type.typeName() + " has no column " + name));
    }

    /** The columns that identify one entity (two for the association entities). */
    public static List<String> idColumns(EntityType type) {
        return ID_COLUMNS.get(type);
    }

    /** The single id column of an entity that has one ({@code orderID}). */
    public static String idColumn(EntityType type) {
        List<String> ids = idColumns(type);
        if (ids.size() != 1) {
            throw new IllegalArgumentException(type.typeName() + " is identified by " + ids);
        }
        return ids.get(0);
    }
}
