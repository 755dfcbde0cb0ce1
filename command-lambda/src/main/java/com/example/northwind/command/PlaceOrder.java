package com.example.northwind.command;

import static com.example.northwind.schema.EntityType.CUSTOMER;
import static com.example.northwind.schema.EntityType.EMPLOYEE;
import static com.example.northwind.schema.EntityType.ORDER;
import static com.example.northwind.schema.EntityType.ORDER_LINE;
import static com.example.northwind.schema.EntityType.PRODUCT;
import static com.example.northwind.schema.EntityType.SHIPPER;

import com.example.northwind.model.Item;
import com.example.northwind.model.ItemCodec;
import com.example.northwind.model.ItemModel;
import com.example.northwind.model.Stock;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * placeOrder: one BatchGetItem for the customer, employee, shipper, products and the products' stock shards (more
 * only past 100 keys); an order id from the environment's leased block; one transaction that puts the order's items
 * and its lines and takes each line's quantity from the product's stock shards, each take conditioned on the shard
 * holding it, so no order can take units another took ({@link StockChanges}). The product's own items are not written:
 * their listed stock follows from the stream. Customers, employees and shippers are never deleted by any command, so
 * their existence needs no condition in the transaction; a product's price, name and discontinued flag are as read
 * (an order serialises before a catalog change that commits while it is placed).
 */
final class PlaceOrder implements Command {
    /** Ship fields that default to the customer's address. */
    private static final Map<String, String> SHIP_DEFAULTS = Map.of(
            "shipName", "companyName", "shipAddress", "address", "shipCity", "city", "shipRegion", "region",
            "shipPostalCode", "postalCode", "shipCountry", "country");

    @Override
    public Map<String, Object> prepare(CommandRequest request, CommandContext context, Transaction tx) {
        @SuppressWarnings("unchecked")
        List<CommandRequest.Line> lines = (List<CommandRequest.Line>) request.get("lines");
        String customerId = request.text("customerId");
        long employeeId = request.id("employeeId");
        List<Store.Ref> refs = new ArrayList<>();
        refs.add(new Store.Ref(CUSTOMER, customerId));
        refs.add(new Store.Ref(EMPLOYEE, employeeId));
        if (request.has("shipVia")) {
            refs.add(new Store.Ref(SHIPPER, request.id("shipVia")));
        }
        lines.forEach(l -> refs.add(new Store.Ref(PRODUCT, l.productId())));
        Store.Reads reads = context.store().entitiesWithStock(refs, lines.stream().map(CommandRequest.Line::productId).toList());
        Map<Store.Ref, StoredFact> found = reads.entities();

        StoredFact customer = found.get(refs.get(0));
        if (customer == null) {
            throw CommandError.notFound("customer " + customerId + " does not exist");
        }
        if (!found.containsKey(refs.get(1))) {
            throw CommandError.notFound("employee " + employeeId + " does not exist");
        }
        if (request.has("shipVia") && !found.containsKey(refs.get(2))) {
            throw CommandError.notFound("shipper " + request.id("shipVia") + " does not exist");
        }
        List<StoredFact> products = new ArrayList<>();
        for (CommandRequest.Line line : lines) {
            StoredFact product = found.get(new Store.Ref(PRODUCT, line.productId()));
            if (product == null) {
                throw CommandError.notFound("product " + line.productId() + " does not exist");
            }
            String name = "product " + line.productId() + " (" + product.get("productName") + ")";
            if (Boolean.TRUE.equals(product.get("discontinued"))) {
                throw CommandError.conflict(name + " is discontinued");
            }
            long stock = reads.stock().get(line.productId()).total();
            if (line.quantity() > stock) {
                throw CommandError.conflict("not enough stock of " + name + ": " + stock + " in stock, "
                        + line.quantity() + " ordered");
            }
            products.add(product);
        }

        long orderId = context.orderId();
        Map<String, Object> order = order(request, context, orderId, customer);
        List<Item> orderItems = ItemModel.itemsOf(ORDER, order);
        // The last guard on a unique id: every item of the new order is put only if absent. Should an id ever be handed
        // out twice (a counter behind the data, a block held in a SnapStart snapshot), nothing is overwritten and the
        // order is refused with this answer.
        Failure idTaken = Failure.conflict("order id " + orderId + " is already taken: the order-id counter is behind"
                + " the data, or an id block was handed out twice");
        ItemChanges.replace(tx, List.of(), orderItems, 0, idTaken);
        List<Item> lineEntities = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            CommandRequest.Line line = lines.get(i);
            StoredFact product = products.get(i);
            Map<String, Object> fact = new LinkedHashMap<>();
            fact.put("orderID", orderId);
            fact.put("productID", line.productId());
            if (product.get("unitPrice") != null) {
                fact.put("unitPrice", product.get("unitPrice")); // the price at the time of sale, kept on the line
            }
            fact.put("quantity", line.quantity());
            fact.put("discount", line.discount());
            Map<String, Object> withCopies = Facts.enriched(ORDER_LINE, fact, Map.of(ORDER, order, PRODUCT, product.values()));
            for (Item item : ItemModel.itemsOf(ORDER_LINE, withCopies)) {
                tx.put(ItemCodec.toAttributes(item), Transaction.Condition.absent(), idTaken);
                lineEntities.add(item);
            }
            StockChanges.change(tx, product, reads.stock().get(line.productId()), -line.quantity(), orderId);
        }

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("order", Facts.shown(orderItems));
        result.put("lines", lineEntities.stream()
                .sorted(Comparator.comparingLong(i -> ((Number) i.attributes().get("productID")).longValue()))
                .map(Facts::shown).toList());
        return result;
    }

    private static Map<String, Object> order(CommandRequest request, CommandContext context, long orderId, StoredFact customer) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("orderID", orderId);
        order.put("customerID", request.text("customerId"));
        order.put("employeeID", request.id("employeeId"));
        order.put("orderDate", request.has("orderDate") ? request.text("orderDate") : context.today());
        if (request.has("requiredDate")) {
            order.put("requiredDate", request.text("requiredDate"));
        }
        if (request.has("shipVia")) {
            order.put("shipVia", request.id("shipVia"));
        }
        order.put("freight", request.has("freight") ? (BigDecimal) request.get("freight") : BigDecimal.ZERO);
        SHIP_DEFAULTS.forEach((field, customerColumn) -> {
            Object value = request.has(field) ? request.get(field) : customer.get(customerColumn);
            if (value != null) {
                order.put(field, value);
            }
        });
        return order;
    }
}
