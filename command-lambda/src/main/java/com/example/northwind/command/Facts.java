package com.example.northwind.command;

import com.example.northwind.lambda.AnswerItems;
import com.example.northwind.model.AnswerView;
import com.example.northwind.model.Enrichment;
import com.example.northwind.model.Item;
import com.example.northwind.model.ItemCodec;
import com.example.northwind.model.ItemModel;
import com.example.northwind.schema.EntityType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers over facts: related columns, changed copies, and the entity as the query API shows it. */
final class Facts {
    private Facts() {
    }

    /** A fact with the columns its items copy from related entities ({@link ItemModel#enrichments}). */
    static Map<String, Object> enriched(EntityType type, Map<String, Object> fact, Map<EntityType, Map<String, Object>> related) {
        Map<String, Object> out = new LinkedHashMap<>(fact);
        for (Enrichment enrichment : ItemModel.enrichments(type)) {
            Map<String, Object> source = related.get(enrichment.from());
            if (source == null) {
                throw new IllegalArgumentException(type.typeName() + " needs " + enrichment.describe());
            }
            for (String column : enrichment.columns()) {
                Object value = source.get(column);
                if (value == null) {
                    out.remove(column);
                } else {
                    out.put(column, value);
                }
            }
        }
        return out;
    }

    /** The fact with these parameters applied: a value sets the column, {@link CommandRequest#CLEAR} removes it. */
    static Map<String, Object> changed(Map<String, Object> fact, Map<String, Object> changes) {
        Map<String, Object> out = new LinkedHashMap<>(fact);
        changes.forEach((column, value) -> {
            if (value == CommandRequest.CLEAR) {
                out.remove(column);
            } else {
                out.put(column, value);
            }
        });
        return out;
    }

    /** The entity item of a fact's items, as the query API shows the entity. */
    static Map<String, Object> shown(List<Item> items) {
        Item entity = items.stream().filter(ItemChanges::isEntityItem).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no entity item"));
        return AnswerItems.toJson(AnswerView.ENTITY, ItemCodec.toAttributes(entity));
    }

    /** An item, as the query API shows it. */
    static Map<String, Object> shown(Item item) {
        return AnswerItems.toJson(AnswerView.ENTITY, ItemCodec.toAttributes(item));
    }
}
