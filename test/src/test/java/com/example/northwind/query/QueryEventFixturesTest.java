package com.example.northwind.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.example.northwind.testsupport.NorthwindCsv;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample events in src/test/resources/query (usable with {@code aws lambda invoke --payload file://...} or
 * the local runner) are valid requests with the answers they document.
 */
class QueryEventFixturesTest {
    static SeededQueryTable table;

    @BeforeAll
    static void seed() {
        table = SeededQueryTable.get();
    }

    @Test
    void employeeEvent_answersEmployee5() throws IOException {
        // GIVEN the employee-5 event WHEN invoked THEN the answer is Steven Buchanan, typed as in the CSV
        Map<String, Object> answer = invokeFixture("employee-5.json");
        List<?> items = (List<?>) answer.get("items");
        Map<String, String> row = ExpectedAnswers.rows("employees.csv", ExpectedAnswers.eq("employeeID", "5")).get(0);
        assertEquals(List.of(ExpectedAnswers.entity("Employee", row)), items.stream().map(ExpectedAnswers::canonical).toList());
    }

    @Test
    void customerOrdersEvent_answersSavea1997NewestFirst() throws IOException {
        // GIVEN the customer-orders event (SAVEA, 1997, pages of 10) WHEN invoked
        Map<String, Object> answer = invokeFixture("customer-orders-1997.json");
        // THEN the first page is SAVEA's 10 most recent 1997 orders and there is a next page
        List<Object> expected = NorthwindCsv.rows("orders.csv").stream()
                .filter(r -> r.get("customerID").equals("SAVEA") && r.get("orderDate").startsWith("1997-"))
                .sorted(ExpectedAnswers.NEWEST_FIRST)
                .limit(10)
                .map(r -> Long.parseLong(r.get("orderID")))
                .collect(Collectors.toList());
        List<Object> actual = ((List<?>) answer.get("items")).stream()
                .map(i -> ((Number) ((Map<?, ?>) i).get("orderID")).longValue()).collect(Collectors.toList());
        assertEquals(expected, actual);
        assertNotNull(answer.get("nextToken"));
    }

    @Test
    void badEvent_answersValidationError() throws IOException {
        // GIVEN the bad-date event WHEN invoked THEN a ValidationError names params.from
        Map<String, Object> answer = invokeFixture("bad-date.json");
        assertNull(answer.get("items"));
        QueryValidationTest.assertValidationError(answer, "params.from");
    }

    private static Map<String, Object> invokeFixture(String name) throws IOException {
        try (InputStream in = QueryEventFixturesTest.class.getResourceAsStream("/query/" + name)) {
            assertNotNull(in, "missing fixture " + name);
            return SeededQueryTable.invoke(table.handler, in.readAllBytes());
        }
    }
}
