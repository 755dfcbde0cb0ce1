package com.example.northwind.command;

import static com.example.northwind.schema.EntityType.CATEGORY;
import static com.example.northwind.schema.EntityType.PRODUCT;
import static com.example.northwind.schema.EntityType.SUPPLIER;

import com.example.northwind.model.ItemModel;
import com.example.northwind.model.Stock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * updateProduct: one BatchGetItem (the product, its stock shards, and a new category or supplier when one is named),
 * one transaction rewriting the product's items: its entity item (gsi_1 by status, gsi_2 by supplier) and its
 * category edge (deleted and put anew when the category changes), conditioned on the entity's revision — and, when
 * {@code unitsInStock} is given, every stock shard set to its share of the new total (conditioned on the versions
 * read) with the listing written at once. The answer's {@code unitsInStock} is the product's exact stock. Order lines keep the unitPrice they were sold
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
        Store.Reads reads = context.store().entitiesWithStock(refs, List.of(productId));
        Map<Store.Ref, StoredFact> found = reads.entities();
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
        Stock.Level level = reads.stock().get(productId);
        Map<String, Object> changed = Facts.changed(product.values(), changes);
        // The stock the product holds once this commits: the total given (a cleared one is 0), else the one read.
        Object given = changes.get("unitsInStock");
        long stock = given == null ? level.total() : given == CommandRequest.CLEAR ? 0 : ((Number) given).longValue();
        StoredFact stamped = product;
        if (given != null && !level.legacy()) {
            // The shards are set to the new total; the listing is written with it at once, stamped with the shards' new
            // versions (the stream consumer then finds nothing newer to write).
            long version = StockChanges.set(tx, productId, level, stock);
            changed.put("unitsInStock", stock);
            stamped = new StoredFact(product.type(), product.values(), product.revision(), version);
        }
        StockChanges.rewriteProduct(tx, stamped, changed);
        Map<String, Object> shown = new LinkedHashMap<>(Facts.shown(ItemModel.itemsOf(PRODUCT, changed)));
        shown.put("unitsInStock", stock); // exact, not the listing
        return Map.of("product", shown);
    }
}
