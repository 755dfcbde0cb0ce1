package com.example.northwind.command;

import static com.example.northwind.schema.EntityType.CUSTOMER;

import com.example.northwind.model.Item;
import com.example.northwind.model.ItemModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * updateCustomer: one GetItem, one transaction rewriting the customer's three items (entity, by-contact and
 * by-city views) — so customer, customersByContactName and customersByLocation follow at once.
 */
final class UpdateCustomer implements Command {
    @Override
    public Map<String, Object> prepare(CommandRequest request, CommandContext context, Transaction tx) {
        String customerId = request.text("customerId");
        StoredFact customer = context.store().entity(CUSTOMER, customerId)
                .orElseThrow(() -> CommandError.notFound("customer " + customerId + " does not exist"));
        Map<String, Object> changes = new LinkedHashMap<>(request.params());
        changes.remove("customerId");
        List<Item> after = ItemModel.itemsOf(CUSTOMER, Facts.changed(customer.values(), changes));
        ItemChanges.replace(tx, ItemModel.itemsOf(CUSTOMER, customer.values()), after, customer.revision(), null);
        return Map.of("customer", Facts.shown(after));
    }
}
