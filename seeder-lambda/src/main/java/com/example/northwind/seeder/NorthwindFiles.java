package com.example.northwind.seeder;

import static com.example.northwind.seeder.Column.opt;
import static com.example.northwind.seeder.Column.req;
import static com.example.northwind.seeder.ColumnType.BOOL;
import static com.example.northwind.seeder.ColumnType.DATE;
import static com.example.northwind.seeder.ColumnType.DECIMAL;
import static com.example.northwind.seeder.ColumnType.ID;
import static com.example.northwind.seeder.ColumnType.INT;
import static com.example.northwind.seeder.ColumnType.STRING;

import com.example.northwind.seeder.CsvFileSpec.Reference;
import java.util.List;

/**
 * The eleven Northwind CSVs as the seeder expects them. Headers must match exactly: a renamed or reordered
 * column would otherwise be written under the wrong attribute name without anyone noticing.
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
            new CsvFileSpec(CATEGORIES, List.of(
                    req("categoryID", ID), opt("categoryName", STRING), opt("description", STRING)),
                    List.of("categoryID"), List.of()),
            new CsvFileSpec(CUSTOMERS, List.of(
                    req("customerID", STRING), opt("companyName", STRING), opt("contactName", STRING),
                    opt("contactTitle", STRING), opt("address", STRING), opt("city", STRING), opt("region", STRING),
                    opt("postalCode", STRING), opt("country", STRING), opt("phone", STRING), opt("fax", STRING)),
                    List.of("customerID"), List.of()),
            new CsvFileSpec(REGIONS, List.of(req("regionID", ID), opt("regionDescription", STRING)),
                    List.of("regionID"), List.of()),
            new CsvFileSpec(SHIPPERS, List.of(req("shipperID", ID), opt("companyName", STRING), opt("phone", STRING)),
                    List.of("shipperID"), List.of()),
            new CsvFileSpec(SUPPLIERS, List.of(
                    req("supplierID", ID), opt("companyName", STRING), opt("contactName", STRING),
                    opt("contactTitle", STRING), opt("address", STRING), opt("city", STRING), opt("region", STRING),
                    opt("postalCode", STRING), opt("country", STRING), opt("phone", STRING), opt("fax", STRING),
                    opt("homepage", STRING)),
                    List.of("supplierID"), List.of()),
            new CsvFileSpec(TERRITORIES, List.of(
                    req("territoryID", STRING), opt("territoryDescription", STRING), req("regionID", ID)),
                    List.of("territoryID"), List.of(new Reference(List.of("regionID"), REGIONS))),
            new CsvFileSpec(EMPLOYEES, List.of(
                    req("employeeID", ID), opt("lastName", STRING), opt("firstName", STRING), opt("title", STRING),
                    opt("titleOfCourtesy", STRING), opt("birthDate", DATE), opt("hireDate", DATE),
                    opt("address", STRING), opt("city", STRING), opt("region", STRING), opt("postalCode", STRING),
                    opt("country", STRING), opt("homePhone", STRING), opt("extension", STRING), opt("notes", STRING),
                    // reportsTo is a reference, but the top of the hierarchy has none: checked only when present.
                    opt("reportsTo", ID), opt("photoPath", STRING)),
                    List.of("employeeID"), List.of(new Reference(List.of("reportsTo"), EMPLOYEES))),
            new CsvFileSpec(EMPLOYEE_TERRITORIES, List.of(req("employeeID", ID), req("territoryID", STRING)),
                    List.of("employeeID", "territoryID"),
                    List.of(new Reference(List.of("employeeID"), EMPLOYEES),
                            new Reference(List.of("territoryID"), TERRITORIES))),
            new CsvFileSpec(PRODUCTS, List.of(
                    req("productID", ID), opt("productName", STRING), req("supplierID", ID), req("categoryID", ID),
                    opt("quantityPerUnit", STRING), opt("unitPrice", DECIMAL), opt("unitsInStock", INT),
                    opt("unitsOnOrder", INT), opt("reorderLevel", INT),
                    // Required because the product's gsi_1 sort value (DISCONTINUED#/AVAILABLE#) depends on it.
                    req("discontinued", BOOL)),
                    List.of("productID"),
                    List.of(new Reference(List.of("supplierID"), SUPPLIERS),
                            new Reference(List.of("categoryID"), CATEGORIES))),
            new CsvFileSpec(ORDERS, List.of(
                    req("orderID", ID), req("customerID", STRING), req("employeeID", ID),
                    // Required because every order key sorts by it.
                    req("orderDate", DATE), opt("requiredDate", DATE), opt("shippedDate", DATE), req("shipVia", ID),
                    opt("freight", DECIMAL), opt("shipName", STRING), opt("shipAddress", STRING),
                    opt("shipCity", STRING), opt("shipRegion", STRING), opt("shipPostalCode", STRING),
                    opt("shipCountry", STRING)),
                    List.of("orderID"),
                    List.of(new Reference(List.of("customerID"), CUSTOMERS),
                            new Reference(List.of("employeeID"), EMPLOYEES),
                            new Reference(List.of("shipVia"), SHIPPERS))),
            new CsvFileSpec(ORDER_DETAILS, List.of(
                    req("orderID", ID), req("productID", ID), opt("unitPrice", DECIMAL), opt("quantity", INT),
                    opt("discount", DECIMAL)),
                    List.of("orderID", "productID"),
                    List.of(new Reference(List.of("orderID"), ORDERS),
                            new Reference(List.of("productID"), PRODUCTS))));

    private NorthwindFiles() {
    }

    public static CsvFileSpec spec(String fileName) {
        return ALL.stream().filter(s -> s.fileName().equals(fileName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no spec for " + fileName));
    }
}
