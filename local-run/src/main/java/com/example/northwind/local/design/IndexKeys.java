package com.example.northwind.local.design;

import com.example.northwind.model.Item;
import com.example.northwind.model.ItemCodec;
import com.example.northwind.model.ItemShape;
import com.example.northwind.model.KeyTemplate;
import com.example.northwind.schema.TableIndex;
import com.example.northwind.schema.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a model item sits in the base table and in each global secondary index, read generically from
 * {@link TableIndex} and the item's key attributes. {@code index == null} means the base table (keyed pk, sk), as in
 * {@link com.example.northwind.model.Read.Query}. An item is in an index when it has both of the index's key
 * attributes (the indexes are sparse).
 */
public final class IndexKeys {
    private IndexKeys() {
    }

    /** The partition key attribute of the table ({@code index == null}) or of the index. */
    public static String partitionAttribute(TableIndex index) {
        return index == null ? TableSchema.PK : index.partitionKey();
    }

    /** The sort key attribute of the table ({@code index == null}) or of the index. */
    public static String sortAttribute(TableIndex index) {
        return index == null ? TableSchema.SK : index.sortKey();
    }

    /** The value of one key attribute on the item as it is written; null when the item has none. */
    public static String value(Item item, String attribute) {
        switch (attribute) {
            case TableSchema.PK:
                return item.pk();
            case TableSchema.SK:
                return item.sk();
            case TableSchema.DATA:
                return item.data();
            case TableSchema.PK2:
                return item.pk2();
            case TableSchema.SK2:
                return item.sk2();
            default:
                // An attribute this class does not know yet: read it from the item as written.
                var value = ItemCodec.toAttributes(item).get(attribute);
                return value == null ? null : value.s();
        }
    }

    /** Whether the item is in the index (the base table holds every item). */
    public static boolean in(Item item, TableIndex index) {
        return value(item, partitionAttribute(index)) != null && value(item, sortAttribute(index)) != null;
    }

    public static String partition(Item item, TableIndex index) {
        return value(item, partitionAttribute(index));
    }

    public static String sort(Item item, TableIndex index) {
        return value(item, sortAttribute(index));
    }

    /** The key attributes of an index that are not the table's own keys ({@code data}; {@code pk2, sk2}). */
    public static List<String> ownAttributes(TableIndex index) {
        List<String> out = new ArrayList<>();
        for (String attribute : List.of(index.partitionKey(), index.sortKey())) {
            if (!attribute.equals(TableSchema.PK) && !attribute.equals(TableSchema.SK)) {
                out.add(attribute);
            }
        }
        return out;
    }

    /** Every index's own key attributes, in index order, once each: {@code data, pk2, sk2}. */
    public static Set<String> allOwnAttributes() {
        Set<String> out = new LinkedHashSet<>();
        for (TableIndex index : TableIndex.values()) {
            out.addAll(ownAttributes(index));
        }
        return out;
    }

    /**
     * The template that writes a key attribute on the items of a shape; null when the shape's items never carry it.
     * The one place that maps attribute names to {@link ItemShape}'s template fields: a new index attribute needs a
     * new field there, and a line here (generation fails loudly until it has one).
     */
    public static KeyTemplate template(ItemShape shape, String attribute) {
        switch (attribute) {
            case TableSchema.PK:
                return shape.pk();
            case TableSchema.SK:
                return shape.sk();
            case TableSchema.DATA:
                return shape.data();
            case TableSchema.PK2:
                return shape.pk2();
            case TableSchema.SK2:
                return shape.sk2();
            default:
                throw new IllegalStateException("no item-shape template for key attribute " + attribute
                        + ": add it to IndexKeys.template");
        }
    }
}
