package com.example.northwind.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    @Test
    void theLastMigration_leadsToTheCurrentModel() {
        // GIVEN the migration list WHEN the current model is compared with the last entry's target
        Migration last = Migrations.all().get(Migrations.all().size() - 1);
        // THEN they are the same: a changed key design needs one more entry (a live table cannot be re-seeded)
        assertEquals(ModelVersion.current(), last.toVersion(), "the item model changed: add a migration from "
                + last.toVersion() + " to " + ModelVersion.current() + " in Migrations.java (expand and contract steps)");
    }

    @Test
    void everyVersion_hasAPathToTheCurrentModel_oneStepAtATime() {
        // GIVEN every migration's starting version THEN a path leads from it to the current model
        for (Migration m : Migrations.all()) {
            assertTrue(Migrations.path(m.fromVersion(), ModelVersion.current()).isPresent(), m.name());
        }
        assertEquals(List.of(), Migrations.path(ModelVersion.current(), ModelVersion.current()).orElseThrow());
        assertTrue(Migrations.path("no-such-version", ModelVersion.current()).isEmpty());
    }

    @Test
    void everyRebuildOrCopy_targetsAKindOfTheCurrentModel() {
        // GIVEN every step that produces items THEN its target kind exists in the model
        for (Migration m : Migrations.all()) {
            for (Migration.Phase phase : Migration.Phase.values()) {
                for (MigrationStep step : m.steps(phase)) {
                    if (step.action() == MigrationStep.Action.REBUILD || step.action() == MigrationStep.Action.COPY) {
                        assertEquals(step.targetKind(), ItemModel.shape(step.targetKind()).kind(), step.describe());
                    }
                }
            }
        }
    }

    @Test
    void derivedSalesBackfill_countsEverySourceTheConsumerDerivesFrom() {
        // GIVEN the backfill's steps THEN they match exactly the items the stream filters pass: orders, lines, products
        MigrationStep[] steps = Migrations.byName("4-derived-sales").orElseThrow().expand().toArray(MigrationStep[]::new);
        assertTrue(java.util.Arrays.stream(steps).allMatch(s -> s.action() == MigrationStep.Action.DERIVE));
        java.util.function.BiPredicate<String, String> any = (type, sk) -> java.util.Arrays.stream(steps).anyMatch(s -> s.matches(type, sk));
        assertTrue(any.test("Order", "ORDER"));
        assertTrue(any.test("OrderLine", "ORDER_LINE#0000000011"));
        assertTrue(any.test("Product", "PRODUCT"));
        assertTrue(!any.test("Order", "OPEN_ORDER"));
        assertTrue(!any.test("Product", "CATEGORY#1"));
        assertTrue(Migrations.byName("4-derived-sales").orElseThrow().contract().isEmpty());
    }

    @Test
    void matching_isByTypeAndSortKey() {
        // GIVEN the line copy step WHEN matched THEN an old line matches, the new line and another type do not
        MigrationStep copy = Migrations.all().get(0).expand().get(3);
        assertTrue(copy.matches("OrderLine", "PRODUCT#11"));
        assertTrue(!copy.matches("OrderLine", "ORDER_LINE#0000000011"));
        assertTrue(!copy.matches("Product", "PRODUCT#11"));
    }
}
