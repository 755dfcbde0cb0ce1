package com.example.northwind.model;

import com.example.northwind.schema.EntityType;
import java.util.List;

/**
 * One kind of item an entity becomes: the entity item itself, an edge, or a sparse view. Its keys are
 * templates over the entity's fact (its columns plus its {@link Enrichment}s), and it carries either all of the
 * entity's own columns ({@code carries} empty) or exactly the listed ones.
 *
 * @param kind    stable id of the item kind ({@code ORDER_CUSTOMER_EDGE}), used by migrations and exports
 * @param role    what the item is, for readers ({@code edge: customer})
 * @param data    gsi_1 sort key; null = the item stays out of gsi_1
 * @param pk2     gsi_2 partition key; null (with sk2) = the item stays out of gsi_2
 * @param sk2     gsi_2 sort key
 * @param carries the attributes copied onto the item; empty = every column of the entity
 */
public record ItemShape(String kind, EntityType entity, String role, KeyTemplate pk, KeyTemplate sk, KeyTemplate data,
                        KeyTemplate pk2, KeyTemplate sk2, Presence presence, List<String> carries) {
    public ItemShape {
        carries = List.copyOf(carries);
        if ((pk2 == null) != (sk2 == null)) {
            throw new IllegalArgumentException(kind + ": gsi_2 needs both pk2 and sk2, or neither");
        }
    }

    /** A shape outside gsi_2. */
    public ItemShape(String kind, EntityType entity, String role, KeyTemplate pk, KeyTemplate sk, KeyTemplate data,
                     Presence presence, List<String> carries) {
        this(kind, entity, role, pk, sk, data, null, null, presence, carries);
    }

    /** This shape, also found in gsi_2 under these keys. */
    public ItemShape inGsi2(KeyTemplate partition, KeyTemplate sort) {
        return new ItemShape(kind, entity, role, pk, sk, data, partition, sort, presence, carries);
    }

    public boolean carriesAllColumns() {
        return carries.isEmpty();
    }

    /** The attribute names the item carries, besides the keys and {@code type}. */
    public List<String> attributeNames() {
        return carriesAllColumns() ? Entities.columns(entity).stream().map(Column::name).toList() : carries;
    }

    /** A canonical one-line description: the docs table row and the input of the model version. */
    public String canonical() {
        return String.join("|", kind, entity.typeName(), role, pk.describe(), sk.describe(),
                data == null ? "-" : data.describe(), pk2 == null ? "-" : pk2.describe() + "/" + sk2.describe(),
                presence.describe(),
                carriesAllColumns() ? "*" : String.join(",", carries));
    }
}
