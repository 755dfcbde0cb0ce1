package com.example.northwind.seeder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.testsupport.LocalDynamo;
import com.example.northwind.testsupport.NorthwindCsv;
import com.example.northwind.testsupport.WriteRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Bad data fails with "<file>:<line>: <reason>" before anything is written, deleted or changed. "Nothing written"
 * is what the seeder's client sent: zero BatchWriteItem/PutItem/DeleteItem calls (recorded by an SDK interceptor),
 * against a table seeded with the real data plus one stale item that a converging seed would delete.
 */
class NorthwindSeederMalformedDataTest {
    static LocalDynamo local;
    static String seededTable;
    /** Write calls of the client the seeders under test use. */
    static final WriteRecorder writes = new WriteRecorder();
    static DynamoDbClient recorded;

    @BeforeAll
    static void start() {
        local = LocalDynamo.start();
        seededTable = local.createTable();
        new NorthwindSeeder(local.dynamo(), seededTable).seed(NorthwindCsv.dir());
        local.dynamo().putItem(b -> b.tableName(seededTable).item(Map.of(
                "pk", AttributeValue.fromS("REGION#99"), "sk", AttributeValue.fromS("REGION"),
                "type", AttributeValue.fromS("Region"))));
        recorded = local.client(writes);
        held = ExpectedItems.count(NorthwindCsv.dir()) + 1;
    }

    private static int held;

    /** Items the seeded table holds: the real data's 5,333 (ExpectedItems) and the stale one. */
    static int held() {
        return held;
    }

    @AfterAll
    static void stop() {
        recorded.close();
        local.close();
    }

    /** Seeds {@code dir} into the seeded table; expects a data error and not one write call; returns the message. */
    static final SeedOptions CONVERGE = SeedOptions.builder().mode(SeedMode.CONVERGE).build();

    static String seedFails(Path dir) {
        writes.take();
        // Converge mode: bad data must be refused even where a seed would rewrite a seeded table.
        SeedDataException e = assertThrows(SeedDataException.class,
                () -> new NorthwindSeeder(recorded, seededTable, CONVERGE).seed(dir));
        assertEquals(List.of(), writes.take(), "nothing may be written, deleted or changed");
        return e.getMessage();
    }

    @Test
    void failedSeed_writesNothing_whenOnlyTheLastRowIsBad(@TempDir Path tmp) {
        // GIVEN the seeded table (real data + one stale item) and data whose last order line is malformed,
        // so every earlier row is valid and would be written by a seeder that wrote while parsing
        Path dir = TestData.copyTo(tmp);
        TestData.edit(dir.resolve("order-details.csv"), lines -> {
            lines.set(1, "10248,11,14.00,99,0"); // a changed quantity the seed would rewrite
            lines.add("11077,1,not-a-price,1,0");
            return lines;
        });
        int line = TestData.lineStartingWith(dir.resolve("order-details.csv"), "11077,1,not-a-price");
        // WHEN seeding it into that table THEN it fails on that line, and not one write call was sent
        assertEquals("order-details.csv:" + line + ": unitPrice \"not-a-price\" is not a decimal number", seedFails(dir));
    }

    @Test
    void fails_whenAnIdIsNegative(@TempDir Path tmp) {
        // GIVEN a shipper with id -4
        Path dir = TestData.copyTo(tmp);
        TestData.edit(dir.resolve("shippers.csv"), lines -> {
            lines.add("-4,Negative Shipping,(503) 555-0000");
            return lines;
        });
        // WHEN seeding THEN the id column is rejected with its file and line
        assertEquals("shippers.csv:5: shipperID \"-4\" is not an id (a whole number from 0 to 9999999999)",
                seedFails(dir));
    }

    @Test
    void fails_whenAnIdHasMoreThanTenDigits(@TempDir Path tmp) {
        // GIVEN order 10250 renumbered 12345678901, which does not fit the 10-digit padding of sort keys
        Path dir = TestData.copyTo(tmp);
        int line = TestData.replaceLine(dir.resolve("orders.csv"), "10250,", l -> "12345678901" + l.substring(5));
        // WHEN seeding THEN the error names the file, line and column instead of failing inside the key code
        assertEquals("orders.csv:" + line + ": orderID \"12345678901\" is not an id (a whole number from 0 to "
                + "9999999999)", seedFails(dir));
    }

    @Test
    void fails_whenAContactNameExceedsTheSortKeyLimitInBytes(@TempDir Path tmp) {
        // GIVEN customer ALFKI whose contactName is 400 characters of 3 bytes each (1,200 UTF-8 bytes):
        // short in characters, too long for the 1,024-byte gsi_1 sort key of the CUSTOMER_CONTACT view
        Path dir = TestData.copyTo(tmp);
        String name = "\u20ac".repeat(400);
        int line = TestData.replaceLine(dir.resolve("customers.csv"), "ALFKI,", l -> l.replace(",Maria Anders,", "," + name + ","));
        // WHEN seeding THEN it fails before any write, naming the row, the key and the limit
        assertEquals("customers.csv:" + line + ": the gsi_1 sort key data of the Customer item (sk CUSTOMER_CONTACT)"
                + " would be 1200 bytes; DynamoDB allows at most 1024 bytes", seedFails(dir));
    }

    @Test
    void fails_whenAPartitionKeyExceeds2048Bytes(@TempDir Path tmp) {
        // GIVEN a new customer whose customerID is 2,100 characters long
        Path dir = TestData.copyTo(tmp);
        String id = "X".repeat(2100);
        TestData.edit(dir.resolve("customers.csv"), lines -> {
            lines.add(id + ",Long Id Ltd,Someone,Owner,Street 1,Berlin,,12209,Germany,030-1,030-2");
            return lines;
        });
        int line = TestData.lineStartingWith(dir.resolve("customers.csv"), id);
        // WHEN seeding THEN the pk (CUSTOMER# + id) is reported with its size and the limit
        assertEquals("customers.csv:" + line + ": the partition key pk of the Customer item (sk CUSTOMER) would be "
                + ("CUSTOMER#".length() + 2100) + " bytes; DynamoDB allows at most 2048 bytes", seedFails(dir));
    }

    @Test
    void fails_whenAnItemExceeds400KB(@TempDir Path tmp) {
        // GIVEN category 8 with a 410,000-character description
        Path dir = TestData.copyTo(tmp);
        int line = TestData.replaceLine(dir.resolve("categories.csv"), "8,", l -> "8,Seafood," + "x".repeat(410_000));
        // WHEN seeding THEN the item is reported as over DynamoDB's 400 KB item limit
        String message = seedFails(dir);
        assertTrue(message.startsWith("categories.csv:" + line + ": the Category item (sk CATEGORY) would be "), message);
        assertTrue(message.endsWith(" bytes; DynamoDB allows at most 409600 bytes per item"), message);
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
