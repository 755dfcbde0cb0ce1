package com.example.northwind.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every access pattern through the handler against the seeded table, compared with answers derived from the CSVs. */
class QueryPatternsTest {
    static SeededQueryTable table;

    @BeforeAll
    static void seed() {
        table = SeededQueryTable.get();
    }

    static java.util.stream.Stream<QueryCase> cases() {
        return QueryCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void query_answersExactlyTheCsvRows(QueryCase c) {
        // GIVEN the table seeded from the CSVs and a request for one pattern (default page size)
        // WHEN every page is read through the handler
        List<Map<String, Object>> actual = Pages.walk(table, c, null);
        // THEN the items are those the CSVs give, with typed values, in the pattern's order where it has one
        Pages.assertSameAnswer(c, actual, "(default limit)");
    }

    @Test
    void query_coversEveryPatternWithMatchesAndNoMatches() {
        // GIVEN the case list WHEN grouped by pattern THEN every pattern of the handler appears, and every
        // pattern with parameters has at least one case that matches nothing and one that matches something
        Map<String, List<QueryCase>> byPattern = QueryCase.all().collect(java.util.stream.Collectors.groupingBy(QueryCase::pattern));
        for (AccessPattern pattern : AccessPattern.all()) {
            List<QueryCase> cases = byPattern.get(pattern.patternName());
            assertTrue(cases != null, "no test case for " + pattern.patternName());
            assertTrue(cases.stream().anyMatch(c -> !c.expected().isEmpty()), pattern.patternName() + " never matches");
            if (!pattern.params().isEmpty()) {
                assertTrue(cases.stream().anyMatch(c -> c.expected().isEmpty()), pattern.patternName() + " has no no-match case");
            }
        }
        assertEquals(AccessPattern.all().size(), byPattern.size());
    }

    @Test
    void recentOrders_limit25_isThe25MostRecent() {
        // GIVEN all orders sorted newest first from the CSV
        List<Map<String, Object>> all = QueryCase.all().filter(c -> c.pattern().equals("recentOrders"))
                .findFirst().orElseThrow().expected();
        // WHEN the first page of 25 is asked for
        Map<String, Object> answer = table.invoke("{\"pattern\":\"recentOrders\",\"limit\":25}");
        // THEN it holds exactly the 25 most recent orders, newest first, and says there is more
        @SuppressWarnings("unchecked")
        List<Object> items = (List<Object>) answer.get("items");
        assertEquals(all.subList(0, 25), items.stream().map(ExpectedAnswers::canonical).toList());
        assertTrue(answer.get("nextToken") instanceof String);
    }

    @Test
    void getItemPatterns_neverReturnANextToken() {
        // GIVEN a single-item pattern WHEN asked with a small limit THEN the answer has the item and no nextToken
        Map<String, Object> answer = table.invoke("{\"pattern\":\"product\",\"params\":{\"productId\":\"5\"},\"limit\":1}");
        assertEquals(1, ((List<?>) answer.get("items")).size());
        assertNull(answer.get("nextToken"));
        assertTrue(answer.containsKey("nextToken"));
    }
}
