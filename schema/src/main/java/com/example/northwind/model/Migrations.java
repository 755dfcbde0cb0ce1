package com.example.northwind.model;

import static com.example.northwind.model.MigrationStep.copy;
import static com.example.northwind.model.MigrationStep.copyExact;
import static com.example.northwind.model.MigrationStep.extend;
import static com.example.northwind.model.MigrationStep.rebuildAll;
import static com.example.northwind.model.MigrationStep.shardStock;
import static com.example.northwind.model.MigrationStep.removeExact;
import static com.example.northwind.model.MigrationStep.derive;
import static com.example.northwind.model.MigrationStep.rebuild;
import static com.example.northwind.model.MigrationStep.remove;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every migration, oldest first: the next change of the key design is one more entry here. A test fails when the
 * current model version is not the last entry's {@code toVersion}, so a changed model cannot deploy to a live table
 * without a migration (the seeder refuses to rewrite a seeded table under another model).
 */
public final class Migrations {
    /**
     * The version of the first wave's tables: seeded before seed records existed (a table holding Northwind items
     * and no seed record is at this version).
     */
    public static final String LEGACY_VERSION = "1";

    private static final List<Migration> ALL = List.of(
            new Migration("2-index-and-sorted-lines", LEGACY_VERSION, "544f22df777f679a",
                    List.of(
                            rebuild("in gsi_2 by supplier; low-stock status in its gsi_1 sort value", "Product", "PRODUCT", "PRODUCT"),
                            // Since item model 5 the order's lists are copies under other keys (migration 5): the
                            // entity keeps its gsi_1 entry for the old readers until 5's contract, and the open view
                            // is copied to its sharded key, the old one removed by 5's contract.
                            extend("in gsi_2 by shipper (ordersByShipper)", "Order", "ORDER", false, "ORDER"),
                            copyExact("in gsi_2 by required date (lateOrders)", "Order", "OPEN_ORDER", "ORDER_OPEN_VIEW"),
                            copy("moves under ORDER_LINE#<productID10>: lines in productID order", "OrderLine", "PRODUCT#",
                                    "ORDER_LINE_EDGE")),
                    List.of(
                            remove("the line under its old key (the copy under ORDER_LINE# replaced it)", "OrderLine", "PRODUCT#"),
                            remove("the supplier edge: gsi_2 finds the product entity by supplier", "Product", "SUPPLIER#"))),
            // Partition heat (BENCHMARKS.md section 7): every order line rewrote its product's entry in the one gsi_1
            // partition PRODUCT. Only the two lists that read it keep one; nothing is removed, so no contract phase.
            new Migration("3-sparse-product-status", "544f22df777f679a", "30e22a7a43bb4a4e",
                    List.of(rebuild("leaves gsi_1 unless discontinued or low on stock (sparse status)", "Product", "PRODUCT",
                            "PRODUCT")),
                    List.of()),
            // Derived sales (docs/derived-data.md): a table seeded before the stream consumer existed holds orders whose
            // stream records are gone. The backfill counts every existing order, line and product through the same
            // ledger the consumer uses, so an order a command writes (or cancels) meanwhile counts exactly once.
            new Migration("4-derived-sales", "30e22a7a43bb4a4e", "4f27ed34db37c24e",
                    List.of(derive("counted in salesByDay (orders)", "Order", "ORDER", false),
                            derive("counted in productSales and salesByDay (lines, units, revenue)", "OrderLine", "ORDER_LINE#", true),
                            derive("gets its productSales item (zeros until sold)", "Product", "PRODUCT", false)),
                    List.of()),
            // Sharded lists (docs/key-design.md, "Sharded lists"): every list that took a write per order was one
            // partition key value, and at 1,000 orders/s hotter than a partition takes. Expand writes the sharded
            // copies under keys no old reader's key condition meets; the old entries stay for the old readers until
            // contract, which removes the open view's old item and takes the entity and the lines out of the old lists.
            new Migration("5-sharded-order-lists", "4f27ed34db37c24e", "84ab5398fe721b55",
                    List.of(copyExact("listed by date (gsi_1 ORDER_LIST#<shard>) and by shipper (gsi_2 SHIPPER#<id>#<shard>)",
                                    "Order", "ORDER", "ORDER_LIST_VIEW"),
                            copyExact("moves under OPEN_ORDER#<shard> (gsi_2 OPEN_ORDER_BY_REQUIRED_DATE#<shard>)", "Order",
                                    "OPEN_ORDER", "ORDER_OPEN_VIEW"),
                            extend("in gsi_2 under ORDER_LINE#<productID10>#<shard> (productOrders); keeps its gsi_1 entry",
                                    "OrderLine", "ORDER_LINE#", true, "ORDER_LINE_EDGE")),
                    List.of(removeExact("the open view under its old key", "Order", "OPEN_ORDER"),
                            rebuild("leaves gsi_1 ORDER and gsi_2 SHIPPER#<id> (its list view is listed)", "Order", "ORDER", "ORDER"),
                            rebuildAll("leaves gsi_1 ORDER_LINE#<productID10> (productOrders reads gsi_2)", "OrderLine",
                                    "ORDER_LINE#", "ORDER_LINE_EDGE"))),
            // Stock shards (docs/key-design.md, "Stock shards"): every order line rewrote its product's entity. No
            // expand step: until contract a product keeps its stock in the entity's unitsInStock, which commands of both
            // versions change the same way (the new ones treat a product without shards as item model 5 did). Contract,
            // when only new code runs, moves each product's stock into its shards in one transaction; from then on the
            // field is the listed stock, kept by the stream consumer.
            new Migration("6-stock-shards", "84ab5398fe721b55", "86c7ef39acabf0a0",
                    List.of(),
                    List.of(shardStock("its stock moves into STOCK#<productID>#<shard> (" + ItemModel.STOCK_SHARDS
                            + " shards); unitsInStock stays, as the listed stock", "Product", "PRODUCT"))));

    private Migrations() {
    }

    public static List<Migration> all() {
        return ALL;
    }

    /** The migrations that take a table from {@code version} to the current model, in order; empty when none lead there. */
    public static Optional<List<Migration>> path(String version, String current) {
        List<Migration> path = new ArrayList<>();
        String at = version;
        while (!at.equals(current)) {
            String from = at;
            Optional<Migration> next = ALL.stream().filter(m -> m.fromVersion().equals(from)).findFirst();
            if (next.isEmpty()) {
                return Optional.empty();
            }
            path.add(next.get());
            at = next.get().toVersion();
        }
        return Optional.of(path);
    }

    public static Optional<Migration> byName(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
