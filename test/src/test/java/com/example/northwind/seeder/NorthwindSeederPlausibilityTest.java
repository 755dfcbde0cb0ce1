package com.example.northwind.seeder;

import static com.example.northwind.seeder.NorthwindSeederMalformedDataTest.seedFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.testsupport.NorthwindCsv;
import com.example.northwind.testsupport.WriteRecorder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Well-formed but implausible data, and data that would wipe most of a table, is refused with "file:line: reason"
 * (or the share it would delete) before any write: zero write calls, recorded by an SDK interceptor.
 */
class NorthwindSeederPlausibilityTest {
    @BeforeAll
    static void start() {
        NorthwindSeederMalformedDataTest.start();
    }

    @AfterAll
    static void stop() {
        NorthwindSeederMalformedDataTest.stop();
    }

    /** (file, prefix of the line to change, regex, replacement, expected reason after "file:line: "). */
    static Stream<Arguments> implausibleRows() {
        return Stream.of(
                Arguments.of("products.csv", "1,Chai,", ",18.00,39,0,10,0$", ",-18.00,39,0,10,0", "unitPrice -18.00 is negative"),
                Arguments.of("products.csv", "1,Chai,", ",18.00,39,0,10,0$", ",18.00,-39,0,10,0", "unitsInStock -39 is negative"),
                Arguments.of("products.csv", "1,Chai,", ",18.00,39,0,10,0$", ",18.00,39,-1,10,0", "unitsOnOrder -1 is negative"),
                Arguments.of("products.csv", "1,Chai,", ",18.00,39,0,10,0$", ",18.00,39,0,-10,0", "reorderLevel -10 is negative"),
                Arguments.of("order-details.csv", "10248,11,", "^.*$", "10248,11,-14.00,12,0", "unitPrice -14.00 is negative"),
                Arguments.of("order-details.csv", "10248,11,", "^.*$", "10248,11,14.00,-12,0", "quantity -12 is not a positive number of units"),
                Arguments.of("order-details.csv", "10248,11,", "^.*$", "10248,11,14.00,0,0", "quantity 0 is not a positive number of units"),
                Arguments.of("order-details.csv", "10248,11,", "^.*$", "10248,11,14.00,12,1", "discount 1 is outside [0, 1) (a fraction: 0.15 is 15 %)"),
                Arguments.of("order-details.csv", "10248,11,", "^.*$", "10248,11,14.00,12,1.5", "discount 1.5 is outside [0, 1) (a fraction: 0.15 is 15 %)"),
                Arguments.of("order-details.csv", "10248,11,", "^.*$", "10248,11,14.00,12,-0.05", "discount -0.05 is outside [0, 1) (a fraction: 0.15 is 15 %)"),
                Arguments.of("orders.csv", "10248,", ",32.38,", ",-32.38,", "freight -32.38 is negative"),
                Arguments.of("employees.csv", "3,Leverling,", ",2,([^,]*)$", ",3,$1", "employee 3 reports to himself (reportsTo 3)"),
                Arguments.of("employees.csv", "2,Fuller,", ",,([^,]*)$", ",5,$1",
                        "employee 2 is in a reporting cycle 2 -> 5 -> 2 (reportsTo must lead to someone who reports to no one)"),
                Arguments.of("shippers.csv", "1,", "^1,", "1,Speedy\u0000", "companyName contains the control character U+0000 at position 7 (only tab and line breaks are allowed)"),
                Arguments.of("customers.csv", "ANATR,", ",Ana Trujillo,", ",Ana\u0007Trujillo,", "contactName contains the control character U+0007 at position 4 (only tab and line breaks are allowed)"),
                Arguments.of("customers.csv", "ANATR,", ",Owner,", ",Owner\u009b,", "contactTitle contains the control character U+009B at position 6 (only tab and line breaks are allowed)"));
    }

    @ParameterizedTest(name = "#{index} {4}")
    @MethodSource("implausibleRows")
    void seed_refusesImplausibleRow(String file, String prefix, String regex, String replacement, String reason,
                                    @TempDir Path tmp) {
        // GIVEN the real data with one row made implausible
        Path dir = TestData.copyTo(tmp);
        int line = TestData.replaceLine(dir.resolve(file), prefix, l -> l.replaceFirst(regex, replacement));
        // WHEN seeding it into a seeded table THEN it is refused naming file, line and reason, and nothing is written
        assertEquals(file + ":" + line + ": " + reason, seedFails(dir));
    }

    @Test
    void seed_refusesIdsThatDifferOnlyByCase(@TempDir Path tmp) {
        // GIVEN a customer alfki beside ALFKI
        Path dir = TestData.copyTo(tmp);
        TestData.edit(dir.resolve("customers.csv"), lines -> {
            lines.add("alfki,Alfreds Again,Maria Anders,Owner,Obere Str. 57,Berlin,,12209,Germany,030-1,030-2");
            return lines;
        });
        int line = TestData.lineStartingWith(dir.resolve("customers.csv"), "alfki,");
        // WHEN seeding THEN refused, naming both rows
        assertEquals("customers.csv:" + line + ": primary key customerID=alfki differs only by case from ALFKI on line 2",
                seedFails(dir));
    }

    @Test
    void seed_acceptsTabsAndLineBreaksInsideFields_asInTheRealAddresses(@TempDir Path tmp) {
        // GIVEN the real data (three employees' addresses span two lines) and a tab in a shipper's name
        Path dir = TestData.copyTo(tmp);
        TestData.replaceLine(dir.resolve("shippers.csv"), "1,", l -> l.replaceFirst("^1,Speedy ", "1,Speedy\t"));
        // WHEN the data is loaded THEN it is valid
        assertEquals(9, NorthwindDataSet.load(dir).rows("employees.csv").size());
        assertTrue(NorthwindDataSet.load(dir).rows("employees.csv").stream().anyMatch(r -> r.get("address").contains("\n")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factFiles")
    void seed_refusesHeaderOnlyFactFile(String file, @TempDir Path tmp) {
        // GIVEN a fact file truncated to its header (order lines would otherwise all be deleted)
        Path dir = TestData.copyTo(tmp);
        TestData.edit(dir.resolve(file), lines -> List.of(lines.get(0)));
        // WHEN seeding THEN refused at line 1 of that file, nothing written
        String message = seedFails(dir);
        assertTrue(message.startsWith(file + ":1: the file has a header but no rows"), message);
    }

    static Stream<String> factFiles() {
        return Stream.of("orders.csv", "order-details.csv", "customers.csv", "products.csv");
    }

    @Test
    void seed_refusesToDeleteMostOrderLines_ofATruncatedFile(@TempDir Path tmp) {
        // GIVEN order-details.csv cut after 100 rows: 2,055 of the seeded table's 5,334 items would be stale
        Path dir = TestData.copyTo(tmp);
        TestData.edit(dir.resolve("order-details.csv"), lines -> lines.subList(0, 101));
        int held = NorthwindSeederMalformedDataTest.held();
        int stale = 2155 - 100 + 1; // the order lines cut off, and the stale REGION#99 of the seeded table
        // WHEN seeding THEN refused with the counts and what to do, and nothing written
        String message = seedFails(dir);
        assertTrue(message.startsWith("refusing to delete " + stale + " of the " + held + " items table "), message);
        assertTrue(message.contains("AllowMassDelete=true (locally --allow-mass-delete)"), message);
    }

    @Test
    void seed_deletesTheRemovedRows_whenMassDeleteIsAllowed(@TempDir Path tmp) {
        // GIVEN a freshly seeded table and order details cut after 100 rows
        LocalDynamoTable fresh = LocalDynamoTable.seeded();
        Path dir = TestData.copyTo(tmp);
        TestData.edit(dir.resolve("order-details.csv"), lines -> lines.subList(0, 101));
        // WHEN seeded with the AllowMassDelete property, through the handler as CloudFormation calls it
        SeedOptions allowed = SeederHandler.withMassDelete(NorthwindSeederMalformedDataTest.CONVERGE, Map.of("AllowMassDelete", "true"));
        SeedResult result = new NorthwindSeeder(fresh.client, fresh.table, allowed).seed(dir);
        // THEN the order lines no row produces any more are deleted
        assertEquals(2155 - 100, result.deletedItems());
        // AND a larger configured share allows the same without the flag, a bad property value is refused
        assertEquals(0, new NorthwindSeeder(fresh.client, fresh.table, SeedOptions.builder().mode(SeedMode.CONVERGE).maxDeleteShare(0.5).build())
                .seed(dir).deletedItems());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> SeederHandler.withMassDelete(SeedOptions.defaults(), Map.of("AllowMassDelete", "yes")));
        assertEquals("the custom resource property AllowMassDelete must be \"true\" or \"false\", was \"yes\"", bad.getMessage());
    }

    @Test
    void writeRecorder_seesWrites(@TempDir Path tmp) {
        // GIVEN the recording client (so "zero write calls" above is not vacuous) WHEN it writes THEN recorded
        WriteRecorder recorder = NorthwindSeederMalformedDataTest.writes;
        recorder.take();
        String table = NorthwindSeederMalformedDataTest.local.createTable();
        NorthwindSeederMalformedDataTest.recorded.putItem(b -> b.tableName(table).item(Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("REGION#1"),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("REGION"))));
        NorthwindSeederMalformedDataTest.recorded.deleteItem(b -> b.tableName(table).key(Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("REGION#1"),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("REGION"))));
        assertEquals(List.of("PutItemRequest", "DeleteItemRequest"), recorder.take());
    }

    /** A table of its own, seeded with the real data (for tests that change it). */
    private record LocalDynamoTable(DynamoDbClient client, String table) {
        static LocalDynamoTable seeded() {
            String table = NorthwindSeederMalformedDataTest.local.createTable();
            DynamoDbClient client = NorthwindSeederMalformedDataTest.local.dynamo();
            new NorthwindSeeder(client, table).seed(NorthwindCsv.dir());
            return new LocalDynamoTable(client, table);
        }
    }
}
