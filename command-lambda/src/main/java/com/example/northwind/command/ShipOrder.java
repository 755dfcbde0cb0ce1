package com.example.northwind.command;

import static com.example.northwind.schema.EntityType.ORDER;
import static com.example.northwind.schema.EntityType.SHIPPER;

import com.example.northwind.model.Item;
import com.example.northwind.model.ItemModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * shipOrder: one BatchGetItem (the order, and the shipper when one is named), then one transaction that rewrites
 * the order's entity item and edges and deletes its open-order view — conditioned on the order's revision, so of
 * two concurrent shipments exactly one succeeds and the other is answered "already shipped".
 */
final class ShipOrder implements Command {
    @Override
    public Map<String, Object> prepare(CommandRequest request, CommandContext context, Transaction tx) {
        long orderId = request.id("orderId");
        List<Store.Ref> refs = new ArrayList<>(List.of(new Store.Ref(ORDER, orderId)));
        if (request.has("shipVia")) {
            refs.add(new Store.Ref(SHIPPER, request.id("shipVia")));
        }
        Map<Store.Ref, StoredFact> found = context.store().entities(refs);
        StoredFact order = found.get(refs.get(0));
        if (order == null) {
            throw CommandError.notFound("order " + orderId + " does not exist");
        }
        if (order.get("shippedDate") != null) {
            throw CommandError.conflict("order " + orderId + " was already shipped on " + order.get("shippedDate"));
        }
        if (request.has("shipVia") && !found.containsKey(refs.get(1))) {
            throw CommandError.notFound("shipper " + request.id("shipVia") + " does not exist");
        }
        String shippedDate = request.has("shippedDate") ? request.text("shippedDate") : context.today();
        if (shippedDate.compareTo((String) order.get("orderDate")) < 0) {
            throw CommandError.conflict("order " + orderId + " was placed on " + order.get("orderDate")
                    + " and cannot ship before that (shippedDate " + shippedDate + ")");
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("shippedDate", shippedDate);
        if (request.has("shipVia")) {
            changes.put("shipVia", request.id("shipVia"));
        }
        if (request.has("freight")) {
            changes.put("freight", request.get("freight"));
        }
        List<Item> after = ItemModel.itemsOf(ORDER, Facts.changed(order.values(), changes));
        ItemChanges.replace(tx, ItemModel.itemsOf(ORDER, order.values()), after, order.revision(), null);
        return Map.of("order", Facts.shown(after));
    }
}
