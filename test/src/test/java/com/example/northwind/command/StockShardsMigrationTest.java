package com.example.northwind.command;

import static com.example.northwind.command.CommandTable.line;
import static com.example.northwind.command.CommandTable.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.example.northwind.model.Migration;
import com.example.northwind.model.Migrations;
import com.example.northwind.model.ModelVersion;
import com.example.northwind.seeder.Evolution;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Migration {@code 6-stock-shards} on a live table at item model 5 while orders flow: before and during expand and the
 * switch, model 5's code (its take of stock written out in {@link ModelFive}) and the current code take stock from the
 * same products, interleaved; during contract the current code places, cancels and restocks while the migration moves
 * each product's stock into its shards. No unit may be lost or counted twice: at every check, every product's stock
 * equals the relational model's (built from the CSVs, every command applied to it), and afterwards every product is in
 * shards that hold exactly that. A failure prints the seed; {@code -Dstock.seed=N} replays it.
 */
class StockShardsMigrationTest {
    private static final long FOREVER = Long.MAX_VALUE;
    private static final Migration STOCK = Migrations.byName("6-stock-shards").orElseThrow();
    /** The products both versions order: best-sellers of the data and a few slow ones, some with little stock. */
    private static final long[] PRODUCTS = {2, 11, 35, 31, 56, 59, 60, 62, 71, 75};

    @Test
    void modelFiveTable_bothVersionsTakeStockThroughExpandAndSwitch_newCodeDuringContract_noUnitLostOrCountedTwice()
            throws Exception {
        long seed = Long.getLong("stock.seed", System.nanoTime());
        System.out.println("StockShardsMigrationTest seed = " + seed + " (replay: -Dstock.seed=" + seed + ")");
        Random random = new Random(seed);
        RelationalNorthwind model = RelationalNorthwind.fromCsv();
        CommandTable table = CommandTable.seeded();
        List<String> log = new ArrayList<>();
        try {
            // GIVEN a table at item model 5 (no stock shards)
            ModelFive.downgrade(table);
            assertEquals(ModelFive.VERSION, table.attribute("_SEED", "_SEED", "modelVersion").s());
            assertEquals(STOCK, evolution(table).plan(Migration.Phase.EXPAND).migration());

            // WHEN both versions take stock, interleaved, before, during and after expand (the aliases switch after it)
            interleave(table, model, random, log, 30);
            Future<Evolution.Status> expanding;
            ExecutorService background = Executors.newSingleThreadExecutor();
            try {
                expanding = background.submit(() -> evolution(table).run(STOCK, Migration.Phase.EXPAND, FOREVER));
                while (!expanding.isDone()) {
                    interleave(table, model, random, log, 5);
                }
                assertTrue(expanding.get(120, TimeUnit.SECONDS).progress().complete());
                interleave(table, model, random, log, 30);
                // THEN every product's stock is the model's, and nothing is in shards yet
                stockAgrees(table, model, "after expand and the switch");
                assertEquals(List.of(), shardsOf(table, 56));

                // WHEN contract moves the stock into shards while the current code places, cancels and restocks
                Future<Evolution.Status> contracting = background.submit(() -> evolution(table).run(STOCK, Migration.Phase.CONTRACT, FOREVER));
                int during = 0;
                while (!contracting.isDone()) {
                    newCode(table, model, random, log);
                    during++;
                }
                assertTrue(contracting.get(180, TimeUnit.SECONDS).progress().complete());
                log.add(during + " commands ran during contract");
                System.out.println("StockShardsMigrationTest: " + during + " current-code commands ran while contract moved the stock");
                assertTrue(during > 0, "contract finished before any command could race it");
                for (int i = 0; i < 30; i++) {
                    newCode(table, model, random, log);
                }
            } finally {
                background.shutdownNow();
            }
            // THEN every product is in shards, which hold exactly the model's stock; product answers it; and once the
            // listed stock caught up, every pattern equals the model
            for (Map<String, String> product : model.table("products.csv")) {
                long id = Long.parseLong(product.get("productID"));
                List<Long> shards = shardsOf(table, id);
                assertEquals(8, shards.size(), "product " + id + " not moved into shards");
                assertEquals(Long.parseLong(product.get("unitsInStock")), shards.stream().mapToLong(Long::longValue).sum(),
                        "product " + id);
            }
            stockAgrees(table, model, "after contract");
            AllPatterns.check(model, table, "after contract");
            assertEquals(ModelVersion.current(), table.attribute("_SEED", "_SEED", "modelVersion").s());
        } catch (AssertionError e) {
            fail("seed " + seed + ":\n" + String.join("\n", log) + "\n" + e.getMessage(), e);
        } finally {
            table.drop();
        }
    }

    /** {@code n} stock changes, each by model 5's code or the current code at random. */
    private static void interleave(CommandTable table, RelationalNorthwind model, Random random, List<String> log, int n) {
        for (int i = 0; i < n; i++) {
            if (random.nextBoolean()) {
                oldCode(table, model, random, log);
            } else {
                newCode(table, model, random, log);
            }
        }
    }

    /** Model 5's placeOrder, as far as stock goes: the entity's unitsInStock lowered under its revision. */
    private static void oldCode(CommandTable table, RelationalNorthwind model, Random random, List<String> log) {
        long product = PRODUCTS[random.nextInt(PRODUCTS.length)];
        long quantity = 1 + random.nextInt(6);
        long expected = stock(model, product) - quantity;
        long after = ModelFive.take(table, product, quantity);
        log.add("model 5 takes " + quantity + " of " + product + " -> " + after);
        if (expected < 0) {
            assertEquals(-1, after, "model 5's code took more than the stock");
        } else {
            assertEquals(expected, after, "model 5's take of product " + product);
            model.updateProduct(product, Map.of("unitsInStock", Long.toString(after)));
        }
    }

    /** The current code: an order of one or two products (sometimes cancelled at once), or a restock. */
    private static void newCode(CommandTable table, RelationalNorthwind model, Random random, List<String> log) {
        long product = PRODUCTS[random.nextInt(PRODUCTS.length)];
        int kind = random.nextInt(10);
        if (kind == 0) {
            long stock = 20 + random.nextInt(60);
            log.add("updateProduct " + product + " unitsInStock " + stock);
            agree(table.command("updateProduct", params("productId", product, "unitsInStock", stock)),
                    model.updateProduct(product, Map.of("unitsInStock", Long.toString(stock))), log);
            return;
        }
        long quantity = 1 + random.nextInt(6);
        List<long[]> lines = new ArrayList<>(List.of(new long[] {product, quantity}));
        long other = PRODUCTS[random.nextInt(PRODUCTS.length)];
        if (other != product && random.nextBoolean()) {
            lines.add(new long[] {other, 1 + random.nextInt(3)});
        }
        log.add("placeOrder " + lines.stream().map(l -> l[0] + "x" + l[1]).toList());
        RelationalNorthwind.Outcome expected = model.placeOrder("ALFKI", 1, lines,
                lines.stream().map(l -> BigDecimal.ZERO).toList(), "1998-05-06", null, null, null);
        Map<String, Object> answer = table.command("placeOrder", params("customerId", "ALFKI", "employeeId", 1,
                "orderDate", "1998-05-06", "lines", lines.stream().map(l -> line(l[0], l[1])).toList()));
        if (agree(answer, expected, log) && kind < 3) {
            long orderId = ((Number) ((Map<?, ?>) ((Map<?, ?>) answer.get("result")).get("order")).get("orderID")).longValue();
            log.add("cancelOrder " + orderId);
            agree(table.command("cancelOrder", params("orderId", orderId)), model.cancelOrder(orderId), log);
        }
    }

    private static boolean agree(Map<String, Object> answer, RelationalNorthwind.Outcome expected, List<String> log) {
        boolean ok = answer.get("error") == null;
        log.add("  -> " + (ok ? "ok" : answer.get("error")));
        assertEquals(expected.ok(), ok, "system and model disagree: " + answer);
        return ok;
    }

    private static void stockAgrees(CommandTable table, RelationalNorthwind model, String when) {
        for (Map<String, String> product : model.table("products.csv")) {
            long id = Long.parseLong(product.get("productID"));
            assertEquals(stock(model, id), table.query("product", params("productId", id)).get(0).get("unitsInStock"),
                    when + ": product " + id);
        }
    }

    private static long stock(RelationalNorthwind model, long productId) {
        String stock = model.one("products.csv", "productID", productId).get("unitsInStock");
        return stock == null ? 0 : Long.parseLong(stock);
    }

    /** The units of each of a product's shards that exist. */
    private static List<Long> shardsOf(CommandTable table, long productId) {
        List<Long> out = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            AttributeValue units = table.attribute("STOCK#" + productId + "#" + s, "STOCK", "units");
            if (units != null) {
                out.add(Long.parseLong(units.n()));
            }
        }
        return out;
    }

    private static Evolution evolution(CommandTable table) {
        return new Evolution(table.client(), table.table, System::currentTimeMillis);
    }
}
