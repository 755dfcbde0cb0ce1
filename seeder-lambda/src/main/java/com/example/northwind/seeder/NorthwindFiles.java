package com.example.northwind.seeder;

import com.example.northwind.model.Entities;
import com.example.northwind.schema.EntityType;
import com.example.northwind.seeder.CsvFileSpec.Reference;
import java.util.List;

/**
 * The eleven Northwind CSVs as the seeder expects them: which entity each holds (its columns, types and id come
 * from the item model's {@link Entities}) and the references checked between files. Headers must match the
 * columns exactly: a renamed or reordered column would otherwise be written under the wrong attribute name.
 */
public final class NorthwindFiles {
    public static final String CATEGORIES = "categories.csv";
    public static final String CUSTOMERS = "customers.csv";
    public static final String EMPLOYEES = "employees.csv";
    public static final String EMPLOYEE_TERRITORIES = "employee-territories.csv";
    public static final String ORDER_DETAILS = "order-details.csv";
    public static final String ORDERS = "orders.csv";
    public static final String PRODUCTS = "products.csv";
    public static final String REGIONS = "regions.csv";
    public static final String SHIPPERS = "shippers.csv";
    public static final String SUPPLIERS = "suppliers.csv";
    public static final String TERRITORIES = "territories.csv";

    /** In dependency order: a file's references point only at files listed before it (except self-references). */
    public static final List<CsvFileSpec> ALL = List.of(
            spec(CATEGORIES, EntityType.CATEGORY),
            spec(CUSTOMERS, EntityType.CUSTOMER),
            spec(REGIONS, EntityType.REGION),
            spec(SHIPPERS, EntityType.SHIPPER),
            spec(SUPPLIERS, EntityType.SUPPLIER),
            spec(TERRITORIES, EntityType.TERRITORY, new Reference(List.of("regionID"), REGIONS)),
            // reportsTo is a reference, but the top of the hierarchy has none: checked only when present.
            spec(EMPLOYEES, EntityType.EMPLOYEE, new Reference(List.of("reportsTo"), EMPLOYEES)),
            spec(EMPLOYEE_TERRITORIES, EntityType.EMPLOYEE_TERRITORY,
                    new Reference(List.of("employeeID"), EMPLOYEES), new Reference(List.of("territoryID"), TERRITORIES)),
            spec(PRODUCTS, EntityType.PRODUCT,
                    new Reference(List.of("supplierID"), SUPPLIERS), new Reference(List.of("categoryID"), CATEGORIES)),
            spec(ORDERS, EntityType.ORDER,
                    new Reference(List.of("customerID"), CUSTOMERS), new Reference(List.of("employeeID"), EMPLOYEES),
                    new Reference(List.of("shipVia"), SHIPPERS)),
            spec(ORDER_DETAILS, EntityType.ORDER_LINE,
                    new Reference(List.of("orderID"), ORDERS), new Reference(List.of("productID"), PRODUCTS)));

    private NorthwindFiles() {
    }

    public static CsvFileSpec spec(String fileName) {
        return ALL.stream().filter(s -> s.fileName().equals(fileName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no spec for " + fileName));
    }

    /** The file that holds an entity's rows. */
    public static CsvFileSpec fileOf(EntityType type) {
        return ALL.stream().filter(s -> s.entity() == type).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no file holds " + type.typeName()));
    }

    private static CsvFileSpec spec(String fileName, EntityType entity, Reference... references) {
        List<Column> columns = Entities.columns(entity).stream()
                .map(c -> new Column(c.name(), ColumnType.valueOf(c.type().name()), c.required()))
                .toList();
        return new CsvFileSpec(fileName, entity, columns, Entities.idColumns(entity), List.of(references));
    }
}
