package com.example.northwind.command;

import com.example.northwind.model.ItemCodec;
import com.example.northwind.schema.TableSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The writes of one command, built up before anything is sent: each action with the condition it carries and
 * what a failed condition means ({@link Failure}). Sent as one TransactWriteItems — all or nothing.
 */
final class Transaction {
    /** DynamoDB's limit of actions per TransactWriteItems. */
    static final int MAX_ACTIONS = 100;

    /** A condition expression with its names and values ({@code #pk}, {@code :rev}, ...). */
    record Condition(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
        static final Condition NONE = new Condition(null, Map.of(), Map.of());

        /** The item exists (the table's partition key is present). */
        static Condition exists() {
            return new Condition("attribute_exists(#pk)", Map.of("#pk", TableSchema.PK), Map.of());
        }

        /** No item with this key exists. */
        static Condition absent() {
            return new Condition("attribute_not_exists(#pk)", Map.of("#pk", TableSchema.PK), Map.of());
        }

        /** The entity item exists and still has the revision that was read (0 = written by the seeder). */
        static Condition revision(long revision) {
            if (revision == 0) {
                return new Condition("attribute_exists(#pk) AND attribute_not_exists(#rev)",
                        Map.of("#pk", TableSchema.PK, "#rev", TableSchema.REVISION), Map.of());
            }
            return new Condition("#rev = :rev", Map.of("#rev", TableSchema.REVISION),
                    Map.of(":rev", AttributeValue.fromN(Long.toString(revision))));
        }
    }

    record Action(TransactWriteItem item, Failure onFailure) {
    }

    private final List<Action> actions = new ArrayList<>();
    private final Set<String> keys = new HashSet<>();
    private final String tableName;

    Transaction(String tableName) {
        this.tableName = tableName;
    }

    void put(Map<String, AttributeValue> item, Condition condition, Failure onFailure) {
        claim(item.get(TableSchema.PK).s(), item.get(TableSchema.SK).s());
        Put.Builder put = Put.builder().tableName(tableName).item(item);
        if (condition.expression() != null) {
            put.conditionExpression(condition.expression()).expressionAttributeNames(condition.names());
            if (!condition.values().isEmpty()) {
                put.expressionAttributeValues(condition.values());
            }
        }
        actions.add(new Action(TransactWriteItem.builder().put(put.build()).build(), onFailure));
    }

    void delete(String pk, String sk, Condition condition, Failure onFailure) {
        claim(pk, sk);
        Delete.Builder delete = Delete.builder().tableName(tableName).key(ItemCodec.key(pk, sk));
        if (condition.expression() != null) {
            delete.conditionExpression(condition.expression()).expressionAttributeNames(condition.names());
            if (!condition.values().isEmpty()) {
                delete.expressionAttributeValues(condition.values());
            }
        }
        actions.add(new Action(TransactWriteItem.builder().delete(delete.build()).build(), onFailure));
    }

    /** A condition on an item the command reads but does not change. */
    void check(String pk, String sk, Condition condition, Failure onFailure) {
        claim(pk, sk);
        ConditionCheck.Builder check = ConditionCheck.builder().tableName(tableName).key(ItemCodec.key(pk, sk))
                .conditionExpression(condition.expression()).expressionAttributeNames(condition.names());
        if (!condition.values().isEmpty()) {
            check.expressionAttributeValues(condition.values());
        }
        actions.add(new Action(TransactWriteItem.builder().conditionCheck(check.build()).build(), onFailure));
    }

    /**
     * Adds {@code delta} to a stock shard's units and 1 to its version. A negative delta is conditioned on the shard
     * holding at least that many units (no shard goes below zero); a positive one on the shard existing. A failed
     * condition means the read is out of date: the command reads again.
     */
    void addToShard(Map<String, AttributeValue> key, long delta) {
        claim(key.get(TableSchema.PK).s(), key.get(TableSchema.SK).s());
        Map<String, String> names = new HashMap<>(Map.of("#u", com.example.northwind.model.Stock.UNITS,
                "#v", com.example.northwind.model.Stock.VERSION));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":d", AttributeValue.fromN(Long.toString(delta)),
                ":one", AttributeValue.fromN("1")));
        String condition;
        if (delta < 0) {
            condition = "#u >= :need";
            values.put(":need", AttributeValue.fromN(Long.toString(-delta)));
        } else {
            condition = "attribute_exists(#pk)";
            names.put("#pk", TableSchema.PK);
        }
        actions.add(new Action(TransactWriteItem.builder().update(Update.builder().tableName(tableName).key(key)
                .updateExpression("ADD #u :d, #v :one").conditionExpression(condition)
                .expressionAttributeNames(names).expressionAttributeValues(values).build()).build(), Failure.STALE));
    }

    /** Raises an entity item's revision without changing its data: serialises with writers of that entity. */
    void bumpRevision(String pk, String sk, long revision, Failure onFailure) {
        claim(pk, sk);
        Condition condition = Condition.revision(revision);
        Map<String, String> names = new HashMap<>(condition.names());
        names.put("#rev", TableSchema.REVISION);
        Map<String, AttributeValue> values = new HashMap<>(condition.values());
        values.put(":next", AttributeValue.fromN(Long.toString(revision + 1)));
        actions.add(new Action(TransactWriteItem.builder().update(Update.builder().tableName(tableName)
                .key(ItemCodec.key(pk, sk)).updateExpression("SET #rev = :next")
                .conditionExpression(condition.expression()).expressionAttributeNames(names)
                .expressionAttributeValues(values).build()).build(), onFailure));
    }

    /** DynamoDB refuses two actions on one item in a transaction; building one is a bug, caught here. */
    private void claim(String pk, String sk) {
        if (!keys.add(pk + "\u0000" + sk)) {
            throw new IllegalStateException("two actions on one item in one transaction");
        }
    }

    List<Action> actions() {
        return actions;
    }

    int size() {
        return actions.size();
    }
}
