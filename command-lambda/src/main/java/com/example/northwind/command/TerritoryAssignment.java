package com.example.northwind.command;

import static com.example.northwind.schema.EntityType.EMPLOYEE;
import static com.example.northwind.schema.EntityType.EMPLOYEE_TERRITORY;
import static com.example.northwind.schema.EntityType.TERRITORY;

import com.example.northwind.model.Item;
import com.example.northwind.model.ItemCodec;
import com.example.northwind.model.ItemModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * assignTerritory / unassignTerritory: one BatchGetItem (employee and territory), one transaction that puts the
 * territory edge only if absent (or deletes it only if present) and raises the employee's revision — which
 * serialises it with an updateEmployee that rewrites the copied names on the same edges.
 */
final class TerritoryAssignment implements Command {
    private final boolean assign;

    TerritoryAssignment(boolean assign) {
        this.assign = assign;
    }

    @Override
    public Map<String, Object> prepare(CommandRequest request, CommandContext context, Transaction tx) {
        long employeeId = request.id("employeeId");
        String territoryId = request.text("territoryId");
        Store.Ref employeeRef = new Store.Ref(EMPLOYEE, employeeId);
        Store.Ref territoryRef = new Store.Ref(TERRITORY, territoryId);
        Map<Store.Ref, StoredFact> found = context.store().entities(List.of(employeeRef, territoryRef));
        StoredFact employee = found.get(employeeRef);
        if (employee == null) {
            throw CommandError.notFound("employee " + employeeId + " does not exist");
        }
        StoredFact territory = found.get(territoryRef);
        if (territory == null) {
            throw CommandError.notFound("territory " + territoryId + " does not exist");
        }
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("employeeID", employeeId);
        fact.put("territoryID", territoryId);
        Map<String, Object> withCopies = Facts.enriched(EMPLOYEE_TERRITORY, fact,
                Map.of(EMPLOYEE, employee.values(), TERRITORY, territory.values()));
        Item edge = ItemModel.itemsOf(EMPLOYEE_TERRITORY, withCopies).get(0);
        if (assign) {
            tx.put(ItemCodec.toAttributes(edge), Transaction.Condition.absent(), Failure.conflict(
                    "territory " + territoryId + " is already assigned to employee " + employeeId));
        } else {
            tx.delete(edge.pk(), edge.sk(), Transaction.Condition.exists(), Failure.conflict(
                    "territory " + territoryId + " is not assigned to employee " + employeeId));
        }
        tx.bumpRevision(ItemModel.partition(EMPLOYEE, Long.toString(employeeId)), ItemModel.entitySortKey(EMPLOYEE),
                employee.revision(), Failure.STALE);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("employeeID", employeeId);
        result.put("territoryID", territoryId);
        result.put("assigned", assign);
        return result;
    }
}
