package com.example.northwind.command;

import static com.example.northwind.schema.EntityType.ORDER;
import static com.example.northwind.schema.EntityType.ORDER_LINE;
import static com.example.northwind.schema.EntityType.PRODUCT;

import com.example.northwind.model.ItemCodec;
import com.example.northwind.model.ItemModel;
import com.example.northwind.model.Stock;
import com.example.northwind.schema.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * cancelOrder: one Query reads the order's whole partition (the order, its edges, its views, its lines), one
 * BatchGetItem reads the products and their stock shards; one transaction deletes every item of the partition (the entity item
 * conditioned on its revision: a concurrent shipment wins or loses cleanly) and gives each product its units back (to
 * one stock shard; {@link StockChanges}). {@code restocked} answers each product's exact stock after the cancellation.
 */
final class CancelOrder implements Command {
    @Override
    public Map<String, Object> prepare(CommandRequest request, CommandContext context, Transaction tx) {
        long orderId = request.id("orderId");
        List<Map<String, AttributeValue>> partition = context.store().partition(ItemModel.partition(ORDER, Long.toString(orderId)), "");
        Map<String, AttributeValue> entity = partition.stream()
                .filter(i -> ItemModel.entitySortKey(ORDER).equals(i.get(TableSchema.SK).s())).findFirst()
                .orElseThrow(() -> CommandError.notFound("order " + orderId + " does not exist"));
        Map<String, Object> order = ItemCodec.toFact(ORDER, entity);
        if (order.get("shippedDate") != null) {
            throw CommandError.conflict("order " + orderId + " was shipped on " + order.get("shippedDate")
                    + " and can no longer be cancelled");
        }
        long revision = entity.containsKey(TableSchema.REVISION) ? Long.parseLong(entity.get(TableSchema.REVISION).n()) : 0;

        List<Map<String, Object>> lines = new ArrayList<>();
        List<Store.Ref> refs = new ArrayList<>();
        for (Map<String, AttributeValue> item : partition) {
            AttributeValue type = item.get(TableSchema.TYPE);
            if (type != null && ORDER_LINE.typeName().equals(type.s())) {
                Map<String, Object> line = ItemCodec.toFact(ORDER_LINE, item);
                lines.add(line);
                refs.add(new Store.Ref(PRODUCT, line.get("productID")));
            }
        }
        Store.Reads reads = refs.isEmpty() ? new Store.Reads(Map.of(), Map.of())
                : context.store().entitiesWithStock(refs, refs.stream().map(r -> ((Number) r.id()).longValue()).toList());
        Map<Store.Ref, StoredFact> products = reads.entities();

        for (Map<String, AttributeValue> item : partition) {
            String pk = item.get(TableSchema.PK).s();
            String sk = item.get(TableSchema.SK).s();
            boolean isEntity = item == entity;
            tx.delete(pk, sk, isEntity ? Transaction.Condition.revision(revision) : Transaction.Condition.NONE, Failure.STALE);
        }
        List<Map<String, Object>> restocked = new ArrayList<>();
        for (Map<String, Object> line : lines) {
            StoredFact product = products.get(new Store.Ref(PRODUCT, line.get("productID")));
            if (product == null) {
                continue; // products are never deleted; a line of a product that is gone has no stock to return
            }
            long quantity = line.get("quantity") == null ? 0 : ((Number) line.get("quantity")).longValue();
            long productId = ((Number) line.get("productID")).longValue();
            Stock.Level level = reads.stock().get(productId);
            long stock = level.total() + quantity;
            StockChanges.change(tx, product, level, quantity, orderId);
            restocked.add(Map.of("productID", line.get("productID"), "unitsInStock", stock));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("orderID", orderId);
        result.put("cancelled", true);
        result.put("restocked", restocked);
        return result;
    }
}
