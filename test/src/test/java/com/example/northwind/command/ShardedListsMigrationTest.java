package com.example.northwind.command;

import static com.example.northwind.command.CommandTable.line;
import static com.example.northwind.command.CommandTable.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.model.Migration;
import com.example.northwind.model.Migrations;
import com.example.northwind.model.ModelVersion;
import com.example.northwind.seeder.Evolution;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Migration {@code 5-sharded-order-lists} on a live table at item model 4: while expand runs, model 4's readers (the
 * live ones) answer every list right; after it, and while contract runs, the current readers (scatter-gather over the
 * shards) do, with commands of the new code between the phases; after contract nothing of model 4's lists is left.
 * Expected answers come from the relational model built from the CSVs.
 */
class ShardedListsMigrationTest {
    private static final long FOREVER = Long.MAX_VALUE;
    private static final Migration SHARDED = Migrations.byName("5-sharded-order-lists").orElseThrow();

    /** The five lists this migration shards, with parameters that read long lists. */
    private static final List<Map.Entry<String, Map<String, Object>>> LISTS = List.of(
            Map.entry("recentOrders", Map.of()),
            Map.entry("openOrders", Map.of()),
            Map.entry("lateOrders", Map.of("asOf", "1998-05-15")),
            Map.entry("productOrders", Map.of("productId", 59)),
            Map.entry("ordersByShipper", Map.of("shipperId", 2)));

    private static Evolution evolution(CommandTable table) {
        return new Evolution(table.client(), table.table, System::currentTimeMillis);
    }

    @Test
    void modelFourTable_expandWhileOldReadersRead_thenContractWhileNewReadersRead_rightAtEveryMoment() throws Exception {
        // GIVEN a table at item model 4, holding the CSV data
        RelationalNorthwind model = RelationalNorthwind.fromCsv();
        CommandTable table = CommandTable.seeded();
        ModelFour.downgrade(table);
        assertEquals(ModelFour.VERSION, table.attribute("_SEED", "_SEED", "modelVersion").s());
        oldReadersAgree(model, table, "before the migration");
        Evolution.Plan plan = evolution(table).plan(Migration.Phase.EXPAND);
        assertEquals(SHARDED, plan.migration());

        // WHEN the expand phase runs in the background
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<Evolution.Status> expanding = background.submit(() -> evolution(table).run(SHARDED, Migration.Phase.EXPAND, FOREVER));
            int rounds = 0;
            while (!expanding.isDone() || rounds == 0) {
                // THEN model 4's readers answer every list right at every moment: the copies land under keys they never read
                oldReadersAgree(model, table, "during expand, round " + (++rounds));
            }
            Evolution.Status expanded = expanding.get(120, TimeUnit.SECONDS);
            assertTrue(expanded.progress().complete());
            assertTrue(expanded.progress().written() >= 830 + 2155, "a list view per order and a gsi_2 key per line: "
                    + expanded.progress());
            // AND both readers are right once it is done (the new ones go live now)
            oldReadersAgree(model, table, "after expand");
            newReadersAgree(model, table, "after expand");

            // WHEN the new code's commands run (the aliases switched): an order placed, one shipped, one cancelled
            apply(table.command("placeOrder", params("customerId", "ALFKI", "employeeId", 3,
                    "lines", List.of(line(59, 2)), "orderDate", "1998-05-06", "requiredDate", "1998-05-10", "shipVia", 2)),
                    model.placeOrder("ALFKI", 3, List.of(new long[] {59, 2}), List.of(BigDecimal.ZERO), "1998-05-06",
                            "1998-05-10", 2L, null), "place");
            apply(table.command("shipOrder", params("orderId", 11070, "shippedDate", "1998-05-07")),
                    model.shipOrder(11070, "1998-05-07", null, null), "ship 11070");
            apply(table.command("cancelOrder", params("orderId", 11008)), model.cancelOrder(11008), "cancel 11008");

            // AND the contract phase runs in the background
            Future<Evolution.Status> contracting = background.submit(() -> evolution(table).run(SHARDED, Migration.Phase.CONTRACT, FOREVER));
            rounds = 0;
            while (!contracting.isDone() || rounds == 0) {
                // THEN the current readers stay right while model 4's entries are taken away
                newReadersAgree(model, table, "during contract, round " + (++rounds));
            }
            assertTrue(contracting.get(120, TimeUnit.SECONDS).progress().complete());
        } finally {
            background.shutdownNow();
        }
        // AND nothing of model 4's lists is left: no entity or line in gsi_1, no open view under its old key
        Map<String, Map<String, String>> items = table.snapshot();
        items.forEach((key, item) -> {
            String sk = key.substring(key.indexOf('|') + 1);
            if (sk.equals("ORDER") || sk.startsWith("ORDER_LINE#")) {
                assertNull(item.get("data"), key + " still in gsi_1");
            }
            if (sk.equals("ORDER")) {
                assertNull(item.get("pk2"), key + " still in gsi_2 by shipper");
            }
            assertTrue(!sk.equals("OPEN_ORDER"), key + ": the open view under its old key");
        });
        AllPatterns.check(model, table, "after contract");
        // AND the next migration (6-stock-shards, tested on its own) takes the table to the current model
        Migration next = Migrations.path(SHARDED.toVersion(), ModelVersion.current()).orElseThrow().get(0);
        assertTrue(evolution(table).run(next, Migration.Phase.EXPAND, FOREVER).progress().complete());
        assertTrue(evolution(table).run(next, Migration.Phase.CONTRACT, FOREVER).progress().complete());
        assertEquals(ModelVersion.current(), table.attribute("_SEED", "_SEED", "modelVersion").s());
    }

    private static void oldReadersAgree(RelationalNorthwind model, CommandTable table, String when) {
        for (Map.Entry<String, Map<String, Object>> list : LISTS) {
            assertEquals(model.expected(list.getKey(), list.getValue()), ModelFour.read(table, list.getKey(), list.getValue()),
                    when + ": model 4's " + list.getKey() + " " + list.getValue());
        }
    }

    private static void newReadersAgree(RelationalNorthwind model, CommandTable table, String when) {
        for (Map.Entry<String, Map<String, Object>> list : LISTS) {
            assertEquals(model.expected(list.getKey(), list.getValue()), table.query(list.getKey(), list.getValue()),
                    when + ": " + list.getKey() + " " + list.getValue());
        }
    }

    private static void apply(Map<String, Object> answer, RelationalNorthwind.Outcome expected, String what) {
        assertEquals(expected.ok(), answer.get("error") == null, what + " → " + answer);
    }
}
