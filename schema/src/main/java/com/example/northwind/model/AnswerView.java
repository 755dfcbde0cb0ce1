package com.example.northwind.model;

import com.example.northwind.schema.EntityType;
import java.util.List;

/** Which attributes of a read item an answer shows, under which type. Key attributes never leave. */
public enum AnswerView {
    /** The entity as stored (entity items, views and full-copy edges): every attribute but the keys. */
    ENTITY(null),
    /** An EmployeeTerritory edge seen from the employee: the territory it points to. */
    TERRITORY(EntityType.TERRITORY, "territoryID", "territoryDescription", "regionID"),
    /** An EmployeeTerritory edge seen from the territory: the employee it comes from. */
    EMPLOYEE_SUMMARY(EntityType.EMPLOYEE, "employeeID", "firstName", "lastName", "title"),
    /**
     * Derived sales (ProductSales, DailySales) as stored, but {@code revenue}, kept exact, answered rounded half-up to
     * cents. They lag writes: docs/derived-data.md.
     */
    SALES(null);

    private final EntityType type;
    private final List<String> attributes;

    AnswerView(EntityType type, String... attributes) {
        this.type = type;
        this.attributes = List.of(attributes);
    }

    /** The type the answer items get; null = the item's own {@code type}. */
    public EntityType type() {
        return type;
    }

    /** The attributes shown; empty = all but the keys. */
    public List<String> attributes() {
        return attributes;
    }

    /** Money attributes the answer rounds half-up to cents (the stored value stays exact). */
    public List<String> moneyAttributes() {
        return this == SALES ? List.of("revenue") : List.of();
    }

    public String describe() {
        if (this == SALES) {
            return "the derived item, revenue rounded to cents (lags writes)";
        }
        return type == null ? "the stored entity" : type.typeName() + " (" + String.join(", ", attributes) + ")";
    }
}
