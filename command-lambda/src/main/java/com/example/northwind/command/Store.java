package com.example.northwind.command;

import com.example.northwind.model.BatchGet;
import com.example.northwind.model.Bookkeeping;
import com.example.northwind.model.Stock;
import com.example.northwind.model.ItemCodec;
import com.example.northwind.model.ItemModel;
import com.example.northwind.schema.EntityType;
import com.example.northwind.schema.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Every DynamoDB call a command makes, counted with what it consumed ({@link Usage}). Reads are strongly
 * consistent: a command decides on the current state, and its writes are conditioned on that state anyway.
 */
final class Store {
    /** Thrown when a condition on what the command read failed: the command runs again from its reads. */
    static final class Stale extends RuntimeException {
        Stale() {
            super(null, null, false, false);
        }
    }

    /** Thrown when the command's idempotency key was remembered by a concurrent identical request. */
    static final class Replay extends RuntimeException {
        Replay() {
            super(null, null, false, false);
        }
    }

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Usage usage = new Usage();

    Store(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
    }


    Usage usage() {
        return usage;
    }

    /** The entity item's key of an entity. */
    static Map<String, AttributeValue> entityKey(EntityType type, Object id) {
        return ItemCodec.key(ItemModel.partition(type, String.valueOf(id)), ItemModel.entitySortKey(type));
    }

    /** One entity by id (one GetItem). */
    Optional<StoredFact> entity(EntityType type, Object id) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(tableName).key(entityKey(type, id))
                .consistentRead(true).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
        usage.call(response.consumedCapacity());
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(fact(type, response.item())) : Optional.empty();
    }

    /** A raw item by key (one GetItem), e.g. a remembered idempotency key. */
    Optional<Map<String, AttributeValue>> item(String pk, String sk) {
        GetItemResponse response = dynamo.getItem(b -> b.tableName(tableName).key(ItemCodec.key(pk, sk))
                .consistentRead(true).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
        usage.call(response.consumedCapacity());
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    /** A reference to an entity, for {@link #entities}. */
    record Ref(EntityType type, Object id) {
    }

    /**
     * Several entities in one BatchGetItem per 100 keys (more calls only for keys DynamoDB leaves unprocessed); the
     * answer has an entry for each ref that exists.
     */
    Map<Ref, StoredFact> entities(List<Ref> refs) {
        return entitiesWithStock(refs, List.of()).entities();
    }

    /** Every item of one partition whose sort key starts with {@code skPrefix} ("" = all), all pages. */
    List<Map<String, AttributeValue>> partition(String pk, String skPrefix) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> values = new LinkedHashMap<>();
            values.put(":p", AttributeValue.fromS(pk));
            String condition = "#pk = :p";
            Map<String, String> names = new LinkedHashMap<>();
            names.put("#pk", TableSchema.PK);
            if (!skPrefix.isEmpty()) {
                condition += " AND begins_with(#sk, :s)";
                values.put(":s", AttributeValue.fromS(skPrefix));
                names.put("#sk", TableSchema.SK);
            }
            Map<String, AttributeValue> from = start;
            String expression = condition;
            QueryResponse response = dynamo.query(b -> b.tableName(tableName).keyConditionExpression(expression)
                    .expressionAttributeNames(names).expressionAttributeValues(values).exclusiveStartKey(from)
                    .consistentRead(true).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
            usage.call(response.consumedCapacity());
            items.addAll(response.items());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    /**
     * A new order id from this environment's leased block; when it is used up, one atomic ADD of a whole block on the
     * counter item leases the next one, so concurrent environments never share an id and an id is never handed out
     * twice (one burnt by a failed command is simply skipped).
     */
    long nextOrderId(OrderIdBlocks blocks) {
        return blocks.take(Bookkeeping.ORDER_ID_BLOCK_SIZE, this::leaseOrderIds);
    }

    private long leaseOrderIds(long count) {
        UpdateItemResponse response = dynamo.updateItem(b -> b.tableName(tableName)
                .key(ItemCodec.key(Bookkeeping.ORDER_ID_COUNTER_PK, Bookkeeping.COUNTER_SK))
                .updateExpression("ADD #v :block")
                .expressionAttributeNames(Map.of("#v", Bookkeeping.COUNTER_VALUE))
                .expressionAttributeValues(Map.of(":block", AttributeValue.fromN(Long.toString(count))))
                .returnValues(ReturnValue.UPDATED_NEW)
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
        usage.call(response.consumedCapacity());
        return Long.parseLong(response.attributes().get(Bookkeeping.COUNTER_VALUE).n());
    }

    /**
     * Sends the transaction. A cancelled one is translated through each action's {@link Failure}: the caller's
     * NotFound/Conflict, or {@link Stale} (a read value changed; also a TransactionConflict with a concurrent
     * transaction), or {@link Replay}. Anything else (throttling that outlasted the SDK's retries, DynamoDB
     * errors) is thrown as it is: a function error. The ClientRequestToken makes the SDK's own retries of this
     * call idempotent.
     */
    void write(Transaction transaction) {
        if (transaction.size() > Transaction.MAX_ACTIONS) {
            throw CommandError.conflict("this change touches " + transaction.size() + " items, more than the "
                    + Transaction.MAX_ACTIONS + " one transaction may change");
        }
        List<TransactWriteItem> items = transaction.actions().stream().map(Transaction.Action::item).toList();
        String token = UUID.randomUUID().toString();
        try {
            usage.call(dynamo.transactWriteItems(b -> b.transactItems(items).clientRequestToken(token)
                    .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity());
        } catch (TransactionCanceledException e) {
            usage.call((List<software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity>) null);
            throw translate(transaction, e);
        }
    }

    private static RuntimeException translate(Transaction transaction, TransactionCanceledException e) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        RuntimeException answer = null;
        boolean stale = false;
        for (int i = 0; i < reasons.size() && i < transaction.size(); i++) {
            String code = reasons.get(i).code();
            if ("ConditionalCheckFailed".equals(code)) {
                Failure failure = transaction.actions().get(i).onFailure();
                switch (failure.kind()) {
                    case ANSWER -> answer = answer == null ? failure.error() : answer;
                    case STALE -> stale = true;
                    case REPLAY -> {
                        return new Replay();
                    }
                }
            } else if ("TransactionConflict".equals(code)) {
                stale = true;
            } else if (code != null && !"None".equals(code)) {
                return e; // throttling, validation, size limits: not the caller's fault, a function error
            }
        }
        // A stale read outranks an answer: the answer was decided on data that has since changed.
        if (stale) {
            return new Stale();
        }
        return answer != null ? answer : e;
    }

    private static StoredFact fact(EntityType type, Map<String, AttributeValue> item) {
        AttributeValue rev = item.get(TableSchema.REVISION);
        return new StoredFact(type, ItemCodec.toFact(type, item), rev == null ? 0 : Long.parseLong(rev.n()),
                Stock.listedVersion(item));
    }

    /** Entities and the stock of some products, as {@link #entitiesWithStock} reads them. */
    record Reads(Map<Ref, StoredFact> entities, Map<Long, Stock.Level> stock) {
    }

    /**
     * Several entities and every stock shard of the products named in {@code stockOf} (whose entities must be among
     * {@code refs}), read together: one BatchGetItem per 100 keys (a product is 1 + {@value ItemModel#STOCK_SHARDS}
     * keys), strongly consistent. A product's stock is its shards' sum, or its entity's field while it has none
     * ({@link Stock#level}).
     */
    Reads entitiesWithStock(List<Ref> refs, java.util.Collection<Long> stockOf) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        refs.forEach(ref -> keys.add(entityKey(ref.type(), ref.id())));
        for (long productId : stockOf) {
            for (int s = 0; s < ItemModel.STOCK_SHARDS; s++) {
                keys.add(Stock.key(productId, s));
            }
        }
        Map<String, Map<String, AttributeValue>> items = BatchGet.consistent(dynamo, tableName, keys,
                response -> usage.call(response.consumedCapacity()));
        Map<Ref, StoredFact> found = new LinkedHashMap<>();
        for (Ref ref : refs) {
            Map<String, AttributeValue> item = items.get(BatchGet.keyOf(entityKey(ref.type(), ref.id())));
            if (item != null) {
                found.put(ref, fact(ref.type(), item));
            }
        }
        Map<Long, Stock.Level> stock = new LinkedHashMap<>();
        for (long productId : stockOf) {
            Stock.Level level = Stock.level(productId, items);
            if (level != null) {
                stock.put(productId, level);
            }
        }
        return new Reads(found, stock);
    }

}
