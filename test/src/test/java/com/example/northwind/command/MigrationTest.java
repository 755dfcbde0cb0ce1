package com.example.northwind.command;

import static com.example.northwind.command.CommandTable.line;
import static com.example.northwind.command.CommandTable.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.model.Migration;
import com.example.northwind.model.Migrations;
import com.example.northwind.model.ModelVersion;
import com.example.northwind.seeder.Evolution;
import com.example.northwind.seeder.Migrator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The live-table migration from the first wave's layout (item model 1) to the current model, on DynamoDB Local:
 * the legacy table is written from the relational model (with changes made to the data before the migration), the
 * migration runs as a deploy runs it — expand, readers switch, contract — and every pattern is compared with the
 * relational truth.
 */
class MigrationTest {
    private static final long FOREVER = Long.MAX_VALUE;

    /**
     * A relational model with changes the application made before the migration. A third of the orders (the oldest
     * and the newest, open ones among them) keeps the migration, whose cost grows with the table, quick to test.
     */
    private static RelationalNorthwind changedModel() {
        RelationalNorthwind model = RelationalNorthwind.fromCsv().withoutOrdersBetween(10400, 10900);
        model.placeOrder("ALFKI", 1, List.of(new long[] {11, 2}, new long[] {2, 1}), List.of(BigDecimal.ZERO, new BigDecimal("0.1")),
                "1998-05-07", "1998-05-20", 2L, new BigDecimal("3.5"));
        model.shipOrder(11077, "1998-05-08", null, null);
        model.updateProduct(3, Map.of("unitsInStock", "2"));
        model.updateEmployee(9, Map.of("title", "Sales Lead"));
        return model;
    }

    private static Evolution evolution(CommandTable table) {
        return new Evolution(table.client(), table.table, System::currentTimeMillis);
    }

    /** A deploy's phase: the planned migration, then the next one, until the plan has none left for the phase. */
    static List<Evolution.Status> runPhase(CommandTable table, Migration.Phase phase) {
        List<Evolution.Status> runs = new ArrayList<>();
        Evolution.Plan plan = evolution(table).plan(phase);
        while (plan.kind() == Evolution.Plan.Kind.MIGRATE || plan.kind() == Evolution.Plan.Kind.CONTRACT) {
            Evolution.Status status = evolution(table).run(plan.migration(), phase, FOREVER);
            assertTrue(status.progress().complete(), plan.migration().name() + " " + phase);
            runs.add(status);
            if (runs.size() > Migrations.all().size()) {
                throw new AssertionError("the " + phase + " phase does not end: " + runs);
            }
            plan = evolution(table).plan(phase);
        }
        return runs;
    }

    @Test
    void legacyTable_expandThenContract_leavesEveryPatternEqualToTheRelationalTruth() {
        // GIVEN a table in the first wave's layout, holding data changed after its seed
        RelationalNorthwind model = changedModel();
        CommandTable table = CommandTable.holding(LegacyLayout.of(model.tables, model.soldAs));
        // WHEN a deploy plans the expand phase THEN it is the first migration from the legacy version
        Evolution.Plan plan = evolution(table).plan(Migration.Phase.EXPAND);
        assertEquals(Evolution.Plan.Kind.MIGRATE, plan.kind());
        assertEquals(Migrations.LEGACY_VERSION, plan.tableVersion());
        assertEquals(Migrations.all().get(0), plan.migration());
        // WHEN the expand phase runs: every migration on the way from the legacy version, in order, as one deploy does
        List<Evolution.Status> expanded = runPhase(table, Migration.Phase.EXPAND);
        // THEN each completed (a second pass found nothing left), the last one saying no migration remains
        assertEquals(Migrations.all().stream().map(Migration::name).toList(),
                expanded.stream().map(st -> st.migration().name()).toList());
        assertTrue(expanded.get(0).progress().pass() >= 2, "a phase completes only after a pass that changes nothing");
        assertTrue(expanded.get(expanded.size() - 1).phaseComplete());
        // AND the old items old readers need are still there
        assertEquals(77, count(table, "SUPPLIER#"), "supplier edges stay until the contract phase");
        assertEquals(model.table("order-details.csv").size(), count(table, "PRODUCT#"), "old lines stay until contract");
        // AND the table is at the current model with every contract pending, oldest first
        assertEquals(ModelVersion.current(), table.attribute("_SEED", "_SEED", "modelVersion").s());
        assertEquals(String.join(",", Migrations.all().stream().map(Migration::name).toList()),
                table.attribute("_SEED", "_SEED", "pendingContract").s());
        // AND the new readers (live after expand) answer every pattern as the relational model does
        AllPatterns.check(model, table, "after expand");
        // WHEN the contract phases run (after the readers switched)
        List<Evolution.Status> contracted = runPhase(table, Migration.Phase.CONTRACT);
        assertEquals(Migrations.all().size(), contracted.size());
        // THEN nothing of the old layout remains, every pattern still agrees, and the table is at the current model
        assertEquals(0, count(table, "SUPPLIER#"));
        assertEquals(0, count(table, "PRODUCT#"), "no line is left under its old key");
        AllPatterns.check(model, table, "after contract");
        assertEquals(Evolution.Plan.Kind.SEED_OR_SKIP, evolution(table).plan(Migration.Phase.EXPAND).kind());
        assertEquals(ModelVersion.current(), table.attribute("_SEED", "_SEED", "modelVersion").s());
        assertEquals(Evolution.Plan.Kind.NOTHING, evolution(table).plan(Migration.Phase.CONTRACT).kind());
        // AND commands continue above the highest order id the table held
        Map<String, Object> placed = table.command("placeOrder", params("customerId", "BONAP", "employeeId", 2,
                "lines", List.of(line(1, 1))));
        assertEquals(model.lastOrderId + 1, ((Number) ((Map<?, ?>) ((Map<?, ?>) placed.get("result")).get("order")).get("orderID")).longValue());
    }

    @Test
    void sparseStatusMigration_takesProductsStillSoldOutOfGsi1_andKeepsEveryPatternRight() {
        // GIVEN a table at item model 2 (544f22df777f679a), where every product was in gsi_1 under its status, the
        // ones still sold and stocked as AVAILABLE#<id>, and data changed by commands before the deploy
        RelationalNorthwind model = RelationalNorthwind.fromCsv();
        CommandTable table = CommandTable.seeded();
        table.command("updateProduct", params("productId", 3, "unitsInStock", 2));
        model.updateProduct(3, Map.of("unitsInStock", "2"));
        table.command("updateProduct", params("productId", 5, "discontinued", false, "unitsInStock", 40));
        model.updateProduct(5, Map.of("discontinued", "0", "unitsInStock", "40"));
        ModelFive.downgrade(table); // no stock shards before item model 6: each product's stock in its entity
        Migration sparse = Migrations.byName("3-sparse-product-status").orElseThrow();
        int stillSold = 0;
        for (int id = 1; id <= 77; id++) {
            String pk = "PRODUCT#" + id;
            if (table.attribute(pk, "PRODUCT", "data") == null) {
                String available = "AVAILABLE#" + String.format("%010d", id);
                table.client().updateItem(b -> b.tableName(table.table).key(key(pk, "PRODUCT"))
                        .updateExpression("SET #d = :d").expressionAttributeNames(Map.of("#d", "data"))
                        .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(available))));
                stillSold++;
            }
        }
        table.client().updateItem(b -> b.tableName(table.table).key(key("_SEED", "_SEED"))
                .updateExpression("SET modelVersion = :v").expressionAttributeValues(Map.of(":v", AttributeValue.fromS(sparse.fromVersion()))));
        long expectedStillSold = model.table("products.csv").stream().filter(p -> !"1".equals(p.get("discontinued"))
                && Long.parseLong(p.get("unitsInStock")) >= Long.parseLong(p.get("reorderLevel"))).count();
        assertEquals(expectedStillSold, stillSold, "the relational model's products neither discontinued nor low on stock");
        // WHEN a deploy runs the expand phase, then the contract phase
        List<Evolution.Status> expanded = runPhase(table, Migration.Phase.EXPAND);
        List<Evolution.Status> contracted = runPhase(table, Migration.Phase.CONTRACT);
        // THEN this migration ran, rewriting just the products still sold and stocked, with nothing to contract, and then
        // the derived-sales backfill (4-derived-sales), which has nothing to contract either, and the sharded lists
        // (5-sharded-order-lists), with nothing to do: the orders were seeded in the current model, and the stock shards
        // (6-stock-shards), whose contract moves every product's stock into its shards
        Migration derivedSales = Migrations.byName("4-derived-sales").orElseThrow();
        Migration sharded = Migrations.byName("5-sharded-order-lists").orElseThrow();
        Migration stock = Migrations.byName("6-stock-shards").orElseThrow();
        assertEquals(List.of(sparse, derivedSales, sharded, stock), expanded.stream().map(Evolution.Status::migration).toList());
        assertEquals(stillSold, expanded.get(0).progress().written());
        assertEquals(0, expanded.get(2).progress().written(), "items already in the current model are not written");
        assertEquals(0, expanded.get(3).progress().scanned(), "a phase without steps scans nothing");
        assertEquals(List.of(sparse, derivedSales, sharded, stock), contracted.stream().map(Evolution.Status::migration).toList());
        assertEquals(0, contracted.get(0).progress().scanned(), "a phase without steps scans nothing");
        assertEquals(0, contracted.get(1).progress().scanned(), "a phase without steps scans nothing");
        assertEquals(0, contracted.get(2).progress().written() + contracted.get(2).progress().removed());
        assertEquals(77, contracted.get(3).progress().written(), "every product moved into its shards");
        // AND the backfill counted every seeded order and line exactly (no stream consumer ran on this table)
        SalesCheck.matches(model, table, "after the derived-sales backfill");
        // AND no product is in gsi_1 unless discontinued or low on stock, and every pattern answers the relational truth
        assertEquals(0, table.snapshot().values().stream().filter(i -> String.valueOf(i.get("data")).contains("AVAILABLE#")).count());
        AllPatterns.check(model, table, "after the sparse-status migration");
        assertEquals(ModelVersion.current(), table.attribute("_SEED", "_SEED", "modelVersion").s());
        assertEquals(null, table.attribute("_SEED", "_SEED", "pendingContract"));
    }

    @Test
    void migration_runTwice_writesNothingTheSecondTime() {
        // GIVEN a migrated table
        RelationalNorthwind model = changedModel();
        CommandTable table = CommandTable.holding(LegacyLayout.of(model.tables, model.soldAs));
        Migration migration = evolution(table).plan(Migration.Phase.EXPAND).migration();
        evolution(table).run(migration, Migration.Phase.EXPAND, FOREVER);
        evolution(table).run(migration, Migration.Phase.CONTRACT, FOREVER);
        Map<String, Map<String, String>> after = withoutBookkeeping(table.snapshot());
        // WHEN both phases run again from scratch (their checkpoints removed)
        table.client().deleteItem(b -> b.tableName(table.table).key(key("_MIGRATION#" + migration.name(), "_EXPAND")));
        table.client().deleteItem(b -> b.tableName(table.table).key(key("_MIGRATION#" + migration.name(), "_CONTRACT")));
        Migrator.Progress again = new Migrator(table.client(), table.table, migration, Migration.Phase.EXPAND, 4,
                System::currentTimeMillis).run(FOREVER);
        Migrator.Progress contractAgain = new Migrator(table.client(), table.table, migration, Migration.Phase.CONTRACT, 4,
                System::currentTimeMillis).run(FOREVER);
        // THEN a single pass found nothing to write or remove, and the data is the same
        assertEquals(0, again.written() + again.removed() + contractAgain.written() + contractAgain.removed());
        assertEquals(1, again.pass());
        assertEquals(after, withoutBookkeeping(table.snapshot()));
    }

    @Test
    void migration_stoppedByItsBudgetAgainAndAgain_continuesFromItsCheckpoint_toTheSameResult() {
        // GIVEN a legacy table, and a clock that moves 1 ms per reading: a budget of 6 readings ends a run after a page or two
        RelationalNorthwind model = changedModel();
        CommandTable table = CommandTable.holding(LegacyLayout.of(model.tables, model.soldAs));
        AtomicLong clock = new AtomicLong();
        int invocations = 0;
        Evolution.Status status = null;
        // WHEN each migration's expand phase runs as many short invocations (a new Evolution each time, as a new Lambda
        // would), one migration after the other as a deploy plans them
        Evolution.Plan plan = evolution(table).plan(Migration.Phase.EXPAND);
        while (plan.kind() == Evolution.Plan.Kind.MIGRATE) {
            do {
                invocations++;
                status = new Evolution(table.client(), table.table, clock::incrementAndGet).run(plan.migration(),
                        Migration.Phase.EXPAND, clock.get() + 6);
            } while (!status.progress().complete() && invocations < 2000);
            assertTrue(status.progress().complete(), plan.migration().name());
            plan = evolution(table).plan(Migration.Phase.EXPAND);
        }
        // THEN it needed several invocations, completed, and the new readers agree with the relational truth
        assertTrue(invocations > 3, "expected several invocations, got " + invocations);
        assertTrue(status.progress().complete());
        AllPatterns.check(model, table, "after a resumed expand");
    }

    @Test
    void commandsDuringTheMigration_areNeitherLostNorReverted() throws Exception {
        // GIVEN a legacy table and a stream of commands (the new code) running while the expand phase runs
        RelationalNorthwind model = changedModel();
        CommandTable table = CommandTable.holding(LegacyLayout.of(model.tables, model.soldAs));
        ExecutorService background = Executors.newSingleThreadExecutor();
        // (every migration's expand phase in turn, as one deploy runs them)
        Future<List<Evolution.Status>> expanding = background.submit(() -> runPhase(table, Migration.Phase.EXPAND));
        Random random = new Random(42);
        List<String> applied = new ArrayList<>();
        // WHEN commands on legacy data run meanwhile (ship and cancel open orders, restock and reprice products)
        List<Map<String, String>> open = model.where("orders.csv", r -> !r.containsKey("shippedDate"));
        for (int i = 0; i < 30; i++) {
            Map<String, String> order = open.get(random.nextInt(open.size()));
            long orderId = Long.parseLong(order.get("orderID"));
            long product = 1 + random.nextInt(77);
            switch (i % 3) {
                case 0 -> apply(applied, table.command("shipOrder", params("orderId", orderId, "shippedDate", "1998-06-01")),
                        model.shipOrder(orderId, "1998-06-01", null, null), "ship " + orderId);
                case 1 -> apply(applied, table.command("cancelOrder", params("orderId", orderId)), model.cancelOrder(orderId),
                        "cancel " + orderId);
                default -> apply(applied, table.command("updateProduct", params("productId", product, "unitsInStock", 5 + i)),
                        model.updateProduct(product, Map.of("unitsInStock", Long.toString(5 + i))), "restock " + product);
            }
        }
        List<Evolution.Status> expanded = expanding.get(180, TimeUnit.SECONDS);
        background.shutdown();
        // THEN every expand phase completed, and after contract every pattern equals the relational truth with every
        // command's effect in it (none lost, none reverted by the backfill)
        assertEquals(Migrations.all().size(), expanded.size());
        runPhase(table, Migration.Phase.CONTRACT);
        AllPatterns.check(model, table, "after a migration with concurrent commands " + applied);
    }

    @Test
    void queriesDuringTheExpandPhase_ofPatternsBothModelsServeAlike_areRightAtEveryMoment() throws Exception {
        // GIVEN a legacy table being expanded in the background
        RelationalNorthwind model = changedModel();
        CommandTable table = CommandTable.holding(LegacyLayout.of(model.tables, model.soldAs));
        Migration migration = evolution(table).plan(Migration.Phase.EXPAND).migration();
        ExecutorService background = Executors.newSingleThreadExecutor();
        Future<Evolution.Status> expanding = background.submit(() -> evolution(table).run(migration, Migration.Phase.EXPAND, FOREVER));
        // WHEN patterns whose key conditions are the same in both models are asked again and again meanwhile, and the
        // first model's own readers of the two order lists (the same key conditions up to item model 4)
        PatternCheck unchanged = PatternCheck.of().and("discontinuedProducts")
                .and("customerOrders", "customerId", "ALFKI").and("employeeOrders", "employeeId", 4)
                .and("productsByCategory", "categoryId", 1).and("employeeTerritories", "employeeId", 9)
                .and("territoryEmployees", "territoryId", "01581").and("product", "productId", 3)
                .and("customersByLocation", "country", "USA");
        int rounds = 0;
        while (!expanding.isDone() || rounds == 0) {
            // THEN every answer equals the relational truth: the expand phase never leaves them half-written
            unchanged.against(model, table, "during expand, round " + (++rounds));
            for (String list : List.of("recentOrders", "openOrders")) {
                assertEquals(model.expected(list, Map.of()), ModelFour.read(table, list, Map.of()),
                        "the first model's " + list + " during expand, round " + rounds);
            }
        }
        assertTrue(expanding.get(120, TimeUnit.SECONDS).progress().complete());
        background.shutdown();
        assertTrue(rounds >= 1);
    }

    private static void apply(List<String> applied, Map<String, Object> answer, RelationalNorthwind.Outcome expected, String what) {
        Object error = answer.get("error");
        assertEquals(expected.ok() ? null : expected.errorType(), error == null ? null : ((Map<?, ?>) error).get("type"),
                what + " → " + answer);
        applied.add(what + (expected.ok() ? "" : " (" + expected.errorType() + ")"));
    }

    private static int count(CommandTable table, String skPrefix) {
        return (int) table.snapshot().keySet().stream().filter(k -> k.substring(k.indexOf('|') + 1).startsWith(skPrefix)).count();
    }

    private static Map<String, Map<String, String>> withoutBookkeeping(Map<String, Map<String, String>> snapshot) {
        Map<String, Map<String, String>> out = new java.util.TreeMap<>();
        snapshot.forEach((k, v) -> {
            if (!k.startsWith("_")) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }
}
