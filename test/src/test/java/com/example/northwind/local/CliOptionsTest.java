package com.example.northwind.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CliOptionsTest {

    @Test
    void parse_queryWithParamsAndLimit_buildsTheFunctionsRequest() {
        // GIVEN a query command line mixing --param, a pattern-specific flag and --limit
        // WHEN it is parsed
        CliOptions options = CliOptions.parse("query", "customerOrders", "--param", "customerId=ALFKI",
                "--from", "1997-01-01", "--limit", "5", "--json");

        // THEN the request carries the params (numbers as numbers), the limit at top level, and a free DynamoDB port
        assertEquals(CliOptions.Command.QUERY, options.command());
        assertEquals(Map.of("pattern", "customerOrders", "params", Map.of("customerId", "ALFKI", "from", "1997-01-01"),
                "limit", 5L), options.request());
        assertTrue(options.json());
        assertEquals(0, options.ddbPort());
        assertEquals(2L, CliOptions.parse("query", "employee", "--employeeId", "2").params().get("employeeId"));
    }

    @Test
    void parse_serveDefaults_useTheDocumentedPorts() {
        // GIVEN no arguments
        // WHEN parsed
        CliOptions options = CliOptions.parse();

        // THEN serve on 8000 / 3001 with table northwind, in memory
        assertEquals(CliOptions.Command.SERVE, options.command());
        assertEquals(8000, options.ddbPort());
        assertEquals(3001, options.lambdaPort());
        assertEquals("northwind", options.tableName());
        assertEquals(null, options.dbPath());
        assertEquals(3002, options.uiPort());
    }

    @Test
    void parse_uiFlags_moveOrDropTheDesignExplorer() {
        // GIVEN --ui-port, --no-ui, both, and a one-off query WHEN parsed
        // THEN the explorer moves, is dropped (-1), the contradiction is refused, and a query serves no page
        assertEquals(4000, CliOptions.parse("--ui-port", "4000").uiPort());
        assertEquals(-1, CliOptions.parse("--no-ui").uiPort());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CliOptions.parse("--no-ui", "--ui-port", "4000"))
                .getMessage().contains("--no-ui"));
        assertEquals(-1, CliOptions.parse("query", "recentOrders").uiPort());
    }

    @Test
    void parse_fails_whenArgumentsAreWrong() {
        // GIVEN bad command lines; WHEN parsed; THEN each error names what is wrong
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CliOptions.parse("--ddb-port", "eighty"))
                .getMessage().contains("--ddb-port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CliOptions.parse("--bogus"))
                .getMessage().contains("--bogus"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CliOptions.parse("query"))
                .getMessage().contains("pattern"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CliOptions.parse("--ddb-endpoint", "http://127.0.0.1:8000", "--ddb-port", "9000"))
                .getMessage().contains("--ddb-endpoint"));
    }
}
