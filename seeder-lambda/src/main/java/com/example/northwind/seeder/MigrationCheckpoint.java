package com.example.northwind.seeder;

import com.example.northwind.model.ItemCodec;
import com.example.northwind.model.Migration;
import com.example.northwind.schema.TableSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A migration phase's progress, kept in the table (partition {@code _MIGRATION#<name>}, sort key the phase): the
 * pass, where each Scan segment stands (its last evaluated key, or done), and counters. Updated after every page,
 * so a stopped run repeats at most one page per segment — harmless, since every step is idempotent.
 */
final class MigrationCheckpoint {
    private static final String DONE = "DONE";

    /** The checkpoint as read. */
    record State(boolean complete, int pass, long scanned, long written, long removed, long raced, long changedThisPass,
                 long maxOrderId, Map<Integer, AttributeValue> segments, int totalSegments) {
        List<Integer> openSegments() {
            List<Integer> open = new ArrayList<>();
            for (int s = 0; s < totalSegments; s++) {
                AttributeValue at = segments.get(s);
                if (at == null || !DONE.equals(at.s())) {
                    open.add(s);
                }
            }
            return open;
        }

        Map<String, AttributeValue> position(int segment) {
            AttributeValue at = segments.get(segment);
            return at == null || at.m() == null || at.m().isEmpty() ? null : at.m();
        }

        Migrator.Progress progress(boolean done) {
            return new Migrator.Progress(done, pass, scanned, written, removed, raced);
        }
    }

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final String pk;
    private final String sk;
    private final int totalSegments;

    MigrationCheckpoint(DynamoDbClient dynamo, String tableName, String migration, Migration.Phase phase, int totalSegments) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.pk = TableSchema.BOOKKEEPING_PREFIX + "MIGRATION#" + migration;
        this.sk = TableSchema.BOOKKEEPING_PREFIX + phase.name();
        this.totalSegments = totalSegments;
    }

    State read() {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tableName).key(ItemCodec.key(pk, sk))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return new State(false, 1, 0, 0, 0, 0, 0, 0, Map.of(), totalSegments);
        }
        Map<Integer, AttributeValue> segments = new HashMap<>();
        item.forEach((name, value) -> {
            if (name.startsWith("segment")) {
                segments.put(Integer.parseInt(name.substring("segment".length())), value);
            }
        });
        return new State(item.containsKey("complete"), (int) number(item, "pass", 1), number(item, "scanned", 0),
                number(item, "written", 0), number(item, "removed", 0), number(item, "raced", 0),
                number(item, "changedThisPass", 0), number(item, "maxOrderId", 0), segments, totalSegments);
    }

    /** After a page of one segment: where it stands now (null = segment done) and what the page did. */
    void advance(int segment, Map<String, AttributeValue> position, long scanned, long written, long removed, long raced,
                 long maxOrderId) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("#seg", "segment" + segment);
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put(":at", position == null ? AttributeValue.fromS(DONE) : AttributeValue.fromM(position));
        values.put(":scanned", n(scanned));
        values.put(":written", n(written));
        values.put(":removed", n(removed));
        values.put(":raced", n(raced));
        values.put(":changed", n(written + removed + raced));
        dynamo.updateItem(b -> b.tableName(tableName).key(ItemCodec.key(pk, sk))
                .updateExpression("SET #seg = :at ADD scanned :scanned, written :written, removed :removed, raced :raced,"
                        + " changedThisPass :changed")
                .expressionAttributeNames(names).expressionAttributeValues(values));
        if (maxOrderId > 0) {
            try {
                dynamo.updateItem(b -> b.tableName(tableName).key(ItemCodec.key(pk, sk))
                        .updateExpression("SET maxOrderId = :m")
                        .conditionExpression("attribute_not_exists(maxOrderId) OR maxOrderId < :m")
                        .expressionAttributeValues(Map.of(":m", n(maxOrderId))));
            } catch (ConditionalCheckFailedException e) {
                // a larger id is recorded already
            }
        }
    }

    /** A new pass: every segment from its start again, the pass's change count at zero. */
    void startPass(int pass) {
        StringBuilder remove = new StringBuilder();
        for (int s = 0; s < totalSegments; s++) {
            remove.append(s == 0 ? "" : ", ").append("segment").append(s);
        }
        dynamo.updateItem(b -> b.tableName(tableName).key(ItemCodec.key(pk, sk))
                .updateExpression("SET pass = :p, changedThisPass = :zero REMOVE " + remove)
                .expressionAttributeValues(Map.of(":p", n(pass), ":zero", n(0))));
    }

    void complete() {
        dynamo.updateItem(b -> b.tableName(tableName).key(ItemCodec.key(pk, sk))
                .updateExpression("SET complete = :t").expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true))));
    }

    private static long number(Map<String, AttributeValue> item, String name, long otherwise) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? otherwise : Long.parseLong(value.n());
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
