package com.example.northwind.derived;

import com.example.northwind.model.ItemModel;
import com.example.northwind.model.ItemShape;
import java.util.List;

/** Which items are derived data: written by the stream consumer (and its backfill) only, never by the seeder's CSVs. */
public final class DerivedData {
    private static final List<String> PARTITION_PREFIXES = ItemModel.allShapes().stream()
            .filter(shape -> shape.entity().derived()).map(ItemShape::pk).map(t -> t.literalPrefix()).distinct().toList();

    private DerivedData() {
    }

    /** Whether an item of this partition is derived (ProductSales, DailySales). */
    public static boolean isDerived(String partitionKey) {
        return PARTITION_PREFIXES.stream().anyMatch(partitionKey::startsWith);
    }

    /** The literal partition-key prefixes of the derived items ({@code PRODUCT_SALES#}, {@code DAILY_SALES}). */
    public static List<String> partitionPrefixes() {
        return PARTITION_PREFIXES;
    }
}
