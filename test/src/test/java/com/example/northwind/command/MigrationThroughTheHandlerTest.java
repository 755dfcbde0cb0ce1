package com.example.northwind.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.schema.NorthwindData;
import com.example.northwind.seeder.SeedOptions;
import com.example.northwind.seeder.SeederHandler;
import com.example.northwind.testsupport.NorthwindCsv;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The migration as CloudFormation drives it through the Provider framework: onEvent starts the expand phase,
 * isComplete is polled until it says so — with a per-invocation budget small enough to need many invocations —
 * then the contract resource does the same for the contract phase.
 */
class MigrationThroughTheHandlerTest {

    @Test
    void deployOntoALegacyTable_migratesAcrossManyInvocations_thenContracts() {
        // GIVEN a legacy-layout table, and a seeder whose budget per invocation is a few clock readings
        RelationalNorthwind model = RelationalNorthwind.fromCsv().withoutOrdersBetween(10300, 11000);
        CommandTable table = CommandTable.holding(LegacyLayout.of(model.tables, model.soldAs));
        AtomicLong clock = new AtomicLong();
        SeederHandler handler = new SeederHandler(table.client(), table.table, NorthwindCsv.dir(),
                SeedOptions.builder().timeBudget(Duration.ofMillis(8)).clockMillis(clock::incrementAndGet).build());
        // WHEN CloudFormation sends the Update of the seed resource, then polls isComplete
        Map<String, Object> started = handler.handleRequest(event("expand"), null);
        int polls = poll(handler, event("expand"));
        // THEN the expand phase needed several invocations and the new readers agree with the relational truth
        assertEquals("false", ((Map<?, ?>) started.get("Data")).get("Complete"), "a tiny budget cannot finish in onEvent");
        assertTrue(polls > 2, "polls: " + polls);
        AllPatterns.check(model, table, "after expand through the handler");
        // WHEN the contract resource is created (after the aliases) and polled
        handler.handleRequest(event("contract"), null);
        poll(handler, event("contract"));
        // THEN no legacy item is left, and the answers are unchanged
        assertTrue(table.snapshot().keySet().stream().noneMatch(k -> k.contains("|SUPPLIER#") || k.contains("|PRODUCT#")));
        AllPatterns.check(model, table, "after contract through the handler");
        // AND a further deploy finds nothing to do: isComplete at once
        assertEquals(true, handler.isComplete(event("expand"), null).get("IsComplete"));
    }

    private static int poll(SeederHandler handler, Map<String, Object> event) {
        for (int polls = 1; polls <= 1000; polls++) {
            if (Boolean.TRUE.equals(handler.isComplete(event, null).get("IsComplete"))) {
                return polls;
            }
        }
        throw new AssertionError("the migration did not complete in 1000 polls");
    }

    private Map<String, Object> event(String phase) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("DataChecksum", NorthwindData.checksum(NorthwindCsv.dir()));
        properties.put("Phase", phase);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("RequestType", "Update");
        event.put("PhysicalResourceId", "northwind-seed-test");
        event.put("LogicalResourceId", phase.equals("expand") ? "Seed" : "Contract");
        event.put("ResourceProperties", properties);
        return event;
    }
}
