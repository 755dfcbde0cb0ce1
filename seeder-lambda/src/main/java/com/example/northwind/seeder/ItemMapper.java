package com.example.northwind.seeder;

import com.example.northwind.model.Enrichment;
import com.example.northwind.model.Item;
import com.example.northwind.model.ItemCodec;
import com.example.northwind.model.ItemModel;
import com.example.northwind.schema.EntityType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns validated rows into the items of the item model ({@link ItemModel}): each row becomes a typed fact,
 * gets the columns its items copy from related rows ({@link Enrichment}), and the model says which items it is.
 * Pure: no I/O. The key design lives in the model, not here.
 */
public final class ItemMapper {
    /** The order items are listed in (stable, so logs and tests compare across runs). */
    private static final List<String> FILE_ORDER = List.of(
            NorthwindFiles.CATEGORIES, NorthwindFiles.CUSTOMERS, NorthwindFiles.EMPLOYEES,
            NorthwindFiles.EMPLOYEE_TERRITORIES, NorthwindFiles.ORDERS, NorthwindFiles.ORDER_DETAILS,
            NorthwindFiles.PRODUCTS, NorthwindFiles.REGIONS, NorthwindFiles.SHIPPERS, NorthwindFiles.SUPPLIERS,
            NorthwindFiles.TERRITORIES);

    private ItemMapper() {
    }

    /** Every item the table should hold for this data, in a stable order. */
    public static List<SeedItem> map(NorthwindDataSet data) {
        List<SeedItem> items = new ArrayList<>(6000);
        for (String file : FILE_ORDER) {
            CsvFileSpec spec = NorthwindFiles.spec(file);
            for (Row row : data.rows(file)) {
                for (Item item : ItemModel.itemsOf(spec.entity(), fact(data, spec.entity(), row))) {
                    items.add(checked(new SeedItem(item.type(), ItemCodec.toAttributes(item)), row));
                }
            }
        }
        checkUniqueKeys(items);
        return items;
    }

    /** The row's typed values plus what its items copy from related rows (references are validated: they exist). */
    public static Map<String, Object> fact(NorthwindDataSet data, EntityType type, Row row) {
        Map<String, Object> fact = typed(row);
        for (Enrichment enrichment : ItemModel.enrichments(type)) {
            Row related = data.row(NorthwindFiles.fileOf(enrichment.from()).fileName(), row.get(enrichment.referenceColumn()));
            Map<String, Object> relatedFact = typed(related);
            for (String column : enrichment.columns()) {
                Object value = relatedFact.get(column);
                if (value != null) {
                    fact.put(column, value);
                }
            }
        }
        return fact;
    }

    /** Canonical CSV text → the model's Java values; NULLs stay absent. */
    static Map<String, Object> typed(Row row) {
        Map<String, Object> fact = new LinkedHashMap<>();
        for (Column column : row.spec().columns()) {
            String value = row.get(column.name());
            if (value != null) {
                fact.put(column.name(), column.type().toValue(value));
            }
        }
        return fact;
    }

    /** Every item passes DynamoDB's size limits, or the seed fails naming the row, before any write. */
    private static SeedItem checked(SeedItem item, Row source) {
        ItemLimits.check(item, source);
        return item;
    }

    /** Two items with one key would silently overwrite each other (and BatchWriteItem rejects them). */
    private static void checkUniqueKeys(List<SeedItem> items) {
        Set<String> seen = new HashSet<>();
        for (SeedItem item : items) {
            if (!seen.add(item.key())) {
                throw new SeedDataException("two items map to the same key pk=" + item.pk() + ", sk=" + item.sk());
            }
        }
    }
}
