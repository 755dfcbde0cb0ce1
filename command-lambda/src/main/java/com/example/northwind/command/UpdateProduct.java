package com.example.northwind.command;

import static com.example.northwind.schema.EntityType.CATEGORY;
import static com.example.northwind.schema.EntityType.PRODUCT;
import static com.example.northwind.schema.EntityType.SUPPLIER;

import com.example.northwind.model.Item;
import com.example.northwind.model.ItemModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * updateProduct: one BatchGetItem (the product, and a new category or supplier when one is named), one
 * transaction rewriting the product's items: its entity item (gsi_1 by status, gsi_2 by supplier) and its
 * category edge (deleted and put anew when the category changes). Order lines keep the unitPrice they were sold
 * at and the productName they were sold under (docs/key-design.md, "Writes").
 */
final class UpdateProduct implements Command {
    @Override
    public Map<String, Object> prepare(CommandRequest request, CommandContext context, Transaction tx) {
        long productId = request.id("productId");
        List<Store.Ref> refs = new ArrayList<>(List.of(new Store.Ref(PRODUCT, productId)));
        if (request.has("categoryId")) {
            refs.add(new Store.Ref(CATEGORY, request.id("categoryId")));
        }
        if (request.has("supplierId")) {
            refs.add(new Store.Ref(SUPPLIER, request.id("supplierId")));
        }
        Map<Store.Ref, StoredFact> found = context.store().entities(refs);
        StoredFact product = found.get(refs.get(0));
        if (product == null) {
            throw CommandError.notFound("product " + productId + " does not exist");
        }
        if (request.has("categoryId") && !found.containsKey(new Store.Ref(CATEGORY, request.id("categoryId")))) {
            throw CommandError.notFound("category " + request.id("categoryId") + " does not exist");
        }
        if (request.has("supplierId") && !found.containsKey(new Store.Ref(SUPPLIER, request.id("supplierId")))) {
            throw CommandError.notFound("supplier " + request.id("supplierId") + " does not exist");
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        request.params().forEach((name, value) -> {
            switch (name) {
                case "productId" -> { }
                case "categoryId" -> changes.put("categoryID", value);
                case "supplierId" -> changes.put("supplierID", value);
                default -> changes.put(name, value);
            }
        });
        List<Item> after = ItemModel.itemsOf(PRODUCT, Facts.changed(product.values(), changes));
        ItemChanges.replace(tx, ItemModel.itemsOf(PRODUCT, product.values()), after, product.revision(), null);
        return Map.of("product", Facts.shown(after));
    }
}
