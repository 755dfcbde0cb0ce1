package com.example.northwind.seeder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Row validation against a file spec, without DynamoDB. */
class NorthwindDataSetTest {
    private static List<Row> parse(String file, String text) {
        return NorthwindDataSet.parseFile(NorthwindFiles.spec(file), CsvReader.parse(file, text));
    }

    @Test
    void parseFile_canonicalisesIntegers_andOmitsNulls() {
        // GIVEN a territory with a leading-zero id and a region id WHEN parsed THEN the id stays text, NULLs absent
        List<Row> rows = parse("territories.csv", "territoryID,territoryDescription,regionID\n01581,,01\n");
        assertEquals("01581", rows.get(0).get("territoryID"));
        assertEquals("1", rows.get(0).get("regionID"));
        assertEquals(false, rows.get(0).has("territoryDescription"));
    }

    @Test
    void fails_whenARequiredValueIsMissing() {
        // GIVEN a territory without regionID WHEN parsed THEN the column is named
        SeedDataException e = assertThrows(SeedDataException.class,
                () -> parse("territories.csv", "territoryID,territoryDescription,regionID\n01581,Westboro,\n"));
        assertEquals("territories.csv:2: regionID is required but empty", e.getMessage());
    }

    @Test
    void fails_whenABooleanIsNotZeroOrOne() {
        // GIVEN discontinued "yes" WHEN parsed THEN it is rejected
        String header = "productID,productName,supplierID,categoryID,quantityPerUnit,unitPrice,unitsInStock,"
                + "unitsOnOrder,reorderLevel,discontinued\n";
        SeedDataException e = assertThrows(SeedDataException.class,
                () -> parse("products.csv", header + "1,Chai,1,1,box,18.00,39,0,10,yes\n"));
        assertEquals("products.csv:2: discontinued \"yes\" is not 0 or 1", e.getMessage());
    }

    @Test
    void fails_whenANumberIsNotANumber() {
        // GIVEN a unitPrice "12,5" (quoted) WHEN parsed THEN it is rejected
        SeedDataException e = assertThrows(SeedDataException.class,
                () -> parse("order-details.csv", "orderID,productID,unitPrice,quantity,discount\n1,2,\"12,5\",3,0\n"));
        assertEquals("order-details.csv:2: unitPrice \"12,5\" is not a decimal number", e.getMessage());
    }
}
