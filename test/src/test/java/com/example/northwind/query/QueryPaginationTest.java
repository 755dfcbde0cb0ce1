package com.example.northwind.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Small pages walked to the end give exactly the full answer, in order, without duplicates. */
class QueryPaginationTest {
    static SeededQueryTable table;

    @BeforeAll
    static void seed() {
        table = SeededQueryTable.get();
    }

    /** Every multi-item case × limits 1, 2, 7 (recentOrders, 830 orders, only with 7 to keep the run short). */
    static Stream<Arguments> pagedCases() {
        return QueryCase.all()
                .filter(c -> c.expected().size() > 1)
                .flatMap(c -> (c.pattern().equals("recentOrders") ? Stream.of(7) : Stream.of(1, 2, 7))
                        .map(limit -> Arguments.of(c, limit)));
    }

    @ParameterizedTest(name = "{0} limit {1}")
    @MethodSource("pagedCases")
    void pages_walkedToTheEnd_giveTheFullAnswerOnce(QueryCase c, int limit) {
        // GIVEN a pattern whose answer has several items
        // WHEN its pages are read with a small limit, following nextToken until null
        List<Map<String, Object>> actual = Pages.walk(table, c, limit);
        // THEN no item comes twice and together the pages are the full answer, in the pattern's order
        Set<String> seen = new HashSet<>();
        actual.forEach(item -> assertEquals(true, seen.add(ExpectedAnswers.identity(item)), "duplicate " + item));
        Pages.assertSameAnswer(c, actual, "(limit " + limit + ")");
    }
}
