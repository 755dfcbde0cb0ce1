package com.example.northwind.seeder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.testsupport.LocalDynamo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad data fails with "<file>:<line>: <reason>" before anything is written. */
class NorthwindSeederMalformedDataTest {
    static LocalDynamo local;

    @BeforeAll
    static void start() {
        local = LocalDynamo.start();
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    /** Seeds {@code dir} into a fresh table, expects a data error, checks the table stayed empty. */
    private static String seedFails(Path dir) {
        String table = local.createTable();
        SeedDataException e = assertThrows(SeedDataException.class,
                () -> new NorthwindSeeder(local.dynamo(), table).seed(dir));
        assertEquals(0, ExpectedItems.scan(local.dynamo(), table).size(), "nothing may be written");
        return e.getMessage();
    }

    @Test
    void fails_whenADateDoesNotExist(@TempDir Path tmp) {
        // GIVEN order 10250 dated 1996-02-30
        Path dir = TestData.copyTo(tmp);
        int line = TestData.replaceLine(dir.resolve("orders.csv"), "10250,", l -> l.replace(",1996-07-08,", ",1996-02-30,"));
        // WHEN seeding THEN it names file, line and column, and the table is empty
        String message = seedFails(dir);
        assertTrue(message.startsWith("orders.csv:" + line + ": orderDate \"1996-02-30\" is not a valid date"), message);
    }

    @Test
    void fails_whenARowHasTheWrongFieldCount(@TempDir Path tmp) {
        // GIVEN an order line with an extra field
        Path dir = TestData.copyTo(tmp);
        int line = TestData.replaceLine(dir.resolve("order-details.csv"), "10251,", l -> l + ",7");
        // WHEN seeding THEN the error names the line and both counts
        assertEquals("order-details.csv:" + line + ": expected 5 fields but found 6", seedFails(dir));
    }

    @Test
    void fails_whenAnOrderLineReferencesAnUnknownOrder(@TempDir Path tmp) {
        // GIVEN an order line for order 99999, which does not exist
        Path dir = TestData.copyTo(tmp);
        TestData.edit(dir.resolve("order-details.csv"), lines -> {
            lines.add("99999,11,14.00,12,0");
            return lines;
        });
        int line = TestData.lineStartingWith(dir.resolve("order-details.csv"), "99999,");
        // WHEN seeding THEN the error points at that line and names the missing reference
        assertEquals("order-details.csv:" + line + ": orderID 99999 does not exist in orders.csv", seedFails(dir));
    }

    @Test
    void fails_atThePhysicalLine_afterQuotedLineBreaks(@TempDir Path tmp) {
        // GIVEN employee 8 with a bad birthDate, after three employees whose addresses span two lines
        Path dir = TestData.copyTo(tmp);
        int line = TestData.replaceLine(dir.resolve("employees.csv"), "8,Callahan,",
                l -> l.replace(",1958-01-09,", ",1958-13-09,"));
        assertEquals(12, line, "record 9 starts on physical line 12 of the real data");
        // WHEN seeding THEN the line is the physical line the record starts on
        String message = seedFails(dir);
        assertTrue(message.startsWith("employees.csv:" + line + ": birthDate \"1958-13-09\""), message);
    }

    @Test
    void fails_whenAPrimaryKeyIsDuplicated(@TempDir Path tmp) {
        // GIVEN shipper 3 twice
        Path dir = TestData.copyTo(tmp);
        TestData.edit(dir.resolve("shippers.csv"), lines -> {
            lines.add("3,Federal Shipping Again,(503) 555-0000");
            return lines;
        });
        // WHEN seeding THEN the second occurrence is reported with the first one's line
        assertEquals("shippers.csv:5: duplicate primary key shipperID=3 (first seen on line 4)", seedFails(dir));
    }

    @Test
    void fails_whenAQuoteIsNotClosed(@TempDir Path tmp) {
        // GIVEN the last category, whose quoted description never ends
        Path dir = TestData.copyTo(tmp);
        int line = TestData.replaceLine(dir.resolve("categories.csv"), "8,", l -> "8,Seafood,\"Seaweed and fish");
        // WHEN seeding THEN the record's first line is reported
        String message = seedFails(dir);
        assertTrue(message.startsWith("categories.csv:" + line + ": unterminated quoted field"), message);
    }

    @Test
    void fails_whenAFileIsMissing(@TempDir Path tmp) throws Exception {
        // GIVEN a data folder without shippers.csv
        Path dir = TestData.copyTo(tmp);
        Files.delete(dir.resolve("shippers.csv"));
        // WHEN seeding THEN the message names the file and the folder
        assertEquals("shippers.csv: file not found in data folder " + dir, seedFails(dir));
    }

    @Test
    void fails_whenTheHeaderDiffers(@TempDir Path tmp) {
        // GIVEN regions.csv with a renamed column
        Path dir = TestData.copyTo(tmp);
        TestData.replaceLine(dir.resolve("regions.csv"), "regionID,", l -> "regionID,description");
        // WHEN seeding THEN the header is reported as line 1 with what was expected
        assertEquals("regions.csv:1: unexpected header regionID,description (expected regionID,regionDescription)",
                seedFails(dir));
    }
}
