package com.example.northwind.model;

import com.example.northwind.schema.EntityType;
import com.example.northwind.schema.TableIndex;
import com.example.northwind.schema.TableSchema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * The item-model version: a hash of a canonical description of every item shape, every enrichment and every
 * access pattern's key condition. It is a property of the seeding custom resource, so a changed key design can
 * never deploy without the seeder running again — nobody has to remember to bump a number.
 */
public final class ModelVersion {
    private static final String CURRENT = of(ItemModel.allShapes(), ItemModel::enrichments, AccessPatterns.all());

    private ModelVersion() {
    }

    /** The version of the model in this build, e.g. {@code 3f9c0a1b2d4e5f60}. */
    public static String current() {
        return CURRENT;
    }

    /** The canonical text the version is the hash of (one line per shape, enrichment and pattern). */
    public static String canonical(List<ItemShape> shapes, Function<EntityType, List<Enrichment>> enrichments,
                                   List<PatternDefinition> patterns) {
        StringBuilder text = new StringBuilder();
        text.append("table|").append(TableSchema.PK).append(',').append(TableSchema.SK);
        for (TableIndex index : TableIndex.values()) {
            text.append('|').append(index.indexName()).append(':').append(index.partitionKey()).append(',')
                    .append(index.sortKey());
        }
        text.append('\n');
        for (EntityType type : EntityType.values()) {
            text.append("columns|").append(type.typeName()).append('|');
            Entities.columns(type).forEach(c -> text.append(c.name()).append(':').append(c.type()).append(','));
            text.append('\n');
            enrichments.apply(type).forEach(e -> text.append("enrich|").append(type.typeName()).append('|')
                    .append(e.describe()).append('\n'));
        }
        shapes.forEach(s -> text.append("item|").append(s.canonical()).append('\n'));
        patterns.forEach(p -> text.append("pattern|").append(p.canonical()).append('\n'));
        return text.toString();
    }

    /** The version of a model given as its parts (a test changes one shape and sees the version change). */
    public static String of(List<ItemShape> shapes, Function<EntityType, List<Enrichment>> enrichments,
                            List<PatternDefinition> patterns) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical(shapes, enrichments, patterns).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
