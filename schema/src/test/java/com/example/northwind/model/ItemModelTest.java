package com.example.northwind.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.schema.EntityType;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ItemModelTest {

    @Test
    void unshippedOrder_becomesEntityTwoEdgesAndOpenView() {
        // GIVEN order 10248 as a typed fact without a shippedDate
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("orderID", 10248L);
        order.put("customerID", "VINET");
        order.put("employeeID", 5L);
        order.put("orderDate", "1996-07-04");
        order.put("requiredDate", "1996-08-01");
        order.put("shipVia", 3L);
        order.put("freight", new BigDecimal("32.38"));
        // WHEN the model maps it
        List<Item> items = ItemModel.itemsOf(EntityType.ORDER, order);
        // THEN it is five items in the order's partition, with the documented keys: the entity in no index, the list
        // view and the open view under their shards (10248 → shard 6 of 8 and 1 of 4, by the SplitMix64 rule)
        assertEquals(List.of("ORDER", "CUSTOMER#VINET", "EMPLOYEE#5", "ORDER_LIST#6", "OPEN_ORDER#6"),
                items.stream().map(Item::sk).toList());
        items.forEach(i -> assertEquals("ORDER#10248", i.pk()));
        assertNull(items.get(0).data());
        assertNull(items.get(0).pk2());
        assertEquals("ORDER#1996-07-04#0000010248", items.get(1).data());
        assertEquals("1996-07-04#0000010248", items.get(3).data());
        assertEquals("SHIPPER#3#2", items.get(3).pk2()); // shard 2 of 4 by the SplitMix64 rule, computed outside this code
        assertEquals("OPEN_ORDER_BY_REQUIRED_DATE#6", items.get(4).pk2());
        assertEquals("1996-08-01#0000010248", items.get(4).sk2());
        assertEquals(new BigDecimal("32.38"), items.get(4).attributes().get("freight"));
    }

    @Test
    void shippedOrder_hasNoOpenView() {
        // GIVEN a shipped order WHEN mapped THEN the sparse view is absent
        Map<String, Object> order = Map.of("orderID", 1L, "customerID", "A", "employeeID", 1L,
                "orderDate", "1997-01-01", "shipVia", 1L, "shippedDate", "1997-01-02");
        assertTrue(ItemModel.itemsOf(EntityType.ORDER, order).stream().noneMatch(i -> i.sk().startsWith("OPEN_ORDER")));
    }

    @Test
    void customerWithoutContactName_hasContactViewOutsideTheIndex() {
        // GIVEN a customer with no contactName WHEN mapped THEN the contact view has no data (it stays out of gsi_1)
        Item view = ItemModel.itemsOf(EntityType.CUSTOMER, Map.of("customerID", "X", "country", "Germany"))
                .stream().filter(i -> i.sk().equals("CUSTOMER_CONTACT")).findFirst().orElseThrow();
        assertNull(view.data());
    }

    @Test
    void everyKindIsUnique_andEveryEntityHasItsItem() {
        // GIVEN every shape WHEN kinds are collected THEN none repeats, and every entity has at least one shape
        Set<String> kinds = new HashSet<>();
        ItemModel.allShapes().forEach(s -> assertTrue(kinds.add(s.kind()), "duplicate kind " + s.kind()));
        for (EntityType type : EntityType.values()) {
            assertTrue(!ItemModel.shapes(type).isEmpty(), type + " has no items");
        }
    }

    @Test
    void everyCarriedAttribute_isAColumnOrAnEnrichment() {
        // GIVEN every shape that lists its attributes THEN each is one of the entity's columns or copied by an enrichment
        for (ItemShape shape : ItemModel.allShapes()) {
            Set<String> known = new HashSet<>();
            Entities.columns(shape.entity()).forEach(c -> known.add(c.name()));
            ItemModel.enrichments(shape.entity()).forEach(e -> known.addAll(e.columns()));
            for (String name : shape.attributeNames()) {
                assertTrue(known.contains(name), shape.kind() + " carries unknown " + name);
            }
            for (String column : shape.pk().columns()) {
                assertTrue(known.contains(column), shape.kind() + " pk reads unknown " + column);
            }
        }
    }

    @Test
    void customerOrdersRange_coversExactlyTheDaysFromTo() {
        // GIVEN the customerOrders read from 1997-01-01 to 1997-01-31
        Read.Query read = (Read.Query) AccessPatterns.byName("customerOrders").orElseThrow()
                .read(Map.of("customerId", "ALFKI", "from", "1997-01-01", "to", "1997-01-31"));
        // THEN an order edge on either end day matches, and the days around do not
        String first = ItemModel.ORDER_EDGE_DATA.render(Map.of("orderDate", "1997-01-01", "orderID", 1L));
        String last = ItemModel.ORDER_EDGE_DATA.render(Map.of("orderDate", "1997-01-31", "orderID", 99999L));
        String before = ItemModel.ORDER_EDGE_DATA.render(Map.of("orderDate", "1996-12-31", "orderID", 99999L));
        String after = ItemModel.ORDER_EDGE_DATA.render(Map.of("orderDate", "1997-02-01", "orderID", 1L));
        assertTrue(read.sort().matches(first));
        assertTrue(read.sort().matches(last));
        assertTrue(!read.sort().matches(before));
        assertTrue(!read.sort().matches(after));
        assertEquals("CUSTOMER#ALFKI", read.partition());
    }
}
