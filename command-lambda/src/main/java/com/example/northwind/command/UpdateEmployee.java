package com.example.northwind.command;

import static com.example.northwind.schema.EntityType.EMPLOYEE;
import static com.example.northwind.schema.EntityType.EMPLOYEE_TERRITORY;
import static com.example.northwind.schema.EntityType.TERRITORY;

import com.example.northwind.model.Item;
import com.example.northwind.model.ItemCodec;
import com.example.northwind.model.ItemModel;
import com.example.northwind.schema.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * updateEmployee: one Query reads the employee's partition (entity item, reports-to edge, territory edges);
 * a new manager's chain is walked up with one GetItem per level to refuse a reporting cycle; one transaction
 * rewrites the employee's items (the reports-to edge moves, so both managers' directReports follow), rewrites the
 * territory edges whose copied names or title changed (territoryEmployees), and checks that nobody on the
 * walked chain changed meanwhile (two concurrent updates cannot close a cycle between them).
 */
final class UpdateEmployee implements Command {
    /** Deeper than any real hierarchy; a longer chain means the stored data already holds a cycle. */
    private static final int MAX_CHAIN = 1000;

    @Override
    public Map<String, Object> prepare(CommandRequest request, CommandContext context, Transaction tx) {
        long employeeId = request.id("employeeId");
        String partition = ItemModel.partition(EMPLOYEE, Long.toString(employeeId));
        List<Map<String, AttributeValue>> items = context.store().partition(partition, "");
        Map<String, AttributeValue> entity = items.stream()
                .filter(i -> ItemModel.entitySortKey(EMPLOYEE).equals(i.get(TableSchema.SK).s())).findFirst()
                .orElseThrow(() -> CommandError.notFound("employee " + employeeId + " does not exist"));
        Map<String, Object> before = ItemCodec.toFact(EMPLOYEE, entity);
        long revision = entity.containsKey(TableSchema.REVISION) ? Long.parseLong(entity.get(TableSchema.REVISION).n()) : 0;

        Object reportsTo = request.get("reportsTo");
        if (reportsTo instanceof Long manager && !manager.equals(before.get("reportsTo"))) {
            checkNoCycle(employeeId, manager, context.store(), tx);
        }
        Map<String, Object> changes = new LinkedHashMap<>(request.params());
        changes.remove("employeeId");
        Map<String, Object> after = Facts.changed(before, changes);
        List<Item> afterItems = ItemModel.itemsOf(EMPLOYEE, after);
        ItemChanges.replace(tx, ItemModel.itemsOf(EMPLOYEE, before), afterItems, revision, null);

        // Territory edges copy the employee's names and title: rewrite those that change.
        for (Map<String, AttributeValue> item : items) {
            AttributeValue type = item.get(TableSchema.TYPE);
            if (type == null || !EMPLOYEE_TERRITORY.typeName().equals(type.s())) {
                continue;
            }
            Map<String, Object> edge = ItemCodec.toFact(EMPLOYEE_TERRITORY, item);
            // The edge carries the territory's columns too: read them back from it (no extra request).
            Map<String, Object> territory = ItemCodec.toFact(TERRITORY, item);
            List<Item> old = ItemModel.itemsOf(EMPLOYEE_TERRITORY, Facts.enriched(EMPLOYEE_TERRITORY, edge,
                    Map.of(EMPLOYEE, before, TERRITORY, territory)));
            List<Item> updated = ItemModel.itemsOf(EMPLOYEE_TERRITORY, Facts.enriched(EMPLOYEE_TERRITORY, edge,
                    Map.of(EMPLOYEE, after, TERRITORY, territory)));
            ItemChanges.replace(tx, old, updated, 0, null);
        }
        return Map.of("employee", Facts.shown(afterItems));
    }

    /**
     * Walks up from the new manager; meeting {@code employeeId} means the change would make the employee report
     * to themself. Every employee on the way is checked unchanged in the transaction.
     */
    private static void checkNoCycle(long employeeId, long manager, Store store, Transaction tx) {
        if (manager == employeeId) {
            throw CommandError.conflict("employee " + employeeId + " cannot report to themself");
        }
        List<Long> chain = new ArrayList<>();
        Long next = manager;
        while (next != null) {
            if (next == employeeId) {
                chain.add(next);
                throw CommandError.conflict("employee " + employeeId + " cannot report to " + manager
                        + ": that would make them report to themself through " + chainText(chain));
            }
            if (chain.size() > MAX_CHAIN) {
                throw CommandError.conflict("the reporting chain above employee " + manager + " does not end");
            }
            long current = next;
            StoredFact boss = store.entity(EMPLOYEE, current).orElseThrow(() -> chain.isEmpty()
                    ? CommandError.notFound("employee " + current + " does not exist")
                    : CommandError.conflict("employee " + current + " on the reporting chain does not exist"));
            tx.check(ItemModel.partition(EMPLOYEE, Long.toString(current)), ItemModel.entitySortKey(EMPLOYEE),
                    Transaction.Condition.revision(boss.revision()), Failure.STALE);
            chain.add(current);
            Object up = boss.get("reportsTo");
            next = up == null ? null : ((Number) up).longValue();
        }
    }

    private static String chainText(List<Long> chain) {
        StringBuilder out = new StringBuilder();
        for (Long id : chain) {
            out.append(out.length() == 0 ? "" : " → ").append(id);
        }
        return out.toString();
    }
}
