package com.example.northwind.seeder;

import com.example.northwind.model.Bookkeeping;
import com.example.northwind.model.ItemCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The progress of a seed under way, kept in the table ({@link Bookkeeping#SEED_PROGRESS_PK}): which data and item
 * model it seeds, for which CloudFormation request, and where it stands in its item stream — the items of
 * {@link ItemMapper#forEachItem} in their fixed order, then the order-id counter. {@code written} = n means the
 * first n of them are written: a checkpoint is saved only after every batch before that position came back without
 * unprocessed items. Continuing from it rewrites at most what was in flight (Puts of the same content: idempotent).
 *
 * <p>Written with the seed's own BatchWriteItem (no conditional write needed: every writer of this item is a seed of
 * the same data, and a position that goes back only repeats idempotent work). Read with a strongly consistent GetItem.
 */
final class SeedProgress {
    /** Where a seed stands: stale items still to delete (a Scan decides which), or writing the item stream. */
    enum Phase { DELETE, WRITE }

    static final String REQUEST_ID = "requestId";
    static final String DATA_CHECKSUM = "dataChecksum";
    static final String MODEL_VERSION = "modelVersion";
    static final String PHASE = "phase";
    static final String WRITTEN = "written";
    static final String TOTAL_ITEMS = "totalItems";
    static final String ITEMS_BY_TYPE = "itemsByType";
    static final String DELETED_ITEMS = "deletedItems";
    static final String INVOCATIONS = "invocations";

    /**
     * The checkpoint.
     *
     * @param requestId   the CloudFormation request that runs the seed (its onEvent and isComplete polls share it)
     * @param written     position in the item stream: every item before it is written ({@code totalItems + 1}: the
     *                    counter too, only the seed record is left)
     * @param invocations Lambda invocations that worked on this seed so far
     */
    record State(String requestId, String checksum, String modelVersion, Phase phase, long written, int totalItems,
                 Map<String, Integer> itemsByType, long deletedItems, int invocations) {
        /** A checkpoint of the same data and item model (else its positions mean nothing for this seed). */
        boolean matches(String dataChecksum, String model) {
            return checksum.equals(dataChecksum) && modelVersion.equals(model);
        }

        State at(Phase newPhase, long newWritten, long newDeleted) {
            return new State(requestId, checksum, modelVersion, newPhase, newWritten, totalItems, itemsByType, newDeleted,
                    invocations);
        }

        /** The same seed, continued by another invocation (of {@code request}). */
        State continuedBy(String request) {
            return new State(request, checksum, modelVersion, phase, written, totalItems, itemsByType, deletedItems,
                    invocations + 1);
        }
    }

    private final DynamoDbClient dynamo;
    private final String tableName;

    SeedProgress(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
    }

    /** The checkpoint, when a seed is under way (strongly consistent). */
    Optional<State> read() {
        GetItemResponse response;
        try {
            response = dynamo.getItem(b -> b.tableName(tableName).consistentRead(true)
                    .key(ItemCodec.key(Bookkeeping.SEED_PROGRESS_PK, Bookkeeping.SEED_PROGRESS_SK)));
        } catch (SdkException e) {
            throw new SeedFailedException("reading the seed progress of table " + tableName + " failed: "
                    + BatchWriter.message(e) + " (nothing written yet)");
        }
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = response.item();
        Map<String, Integer> byType = new LinkedHashMap<>();
        AttributeValue types = item.get(ITEMS_BY_TYPE);
        if (types != null && types.hasM()) {
            new java.util.TreeMap<>(types.m()).forEach((type, count) -> byType.put(type, Integer.parseInt(count.n())));
        }
        Phase phase;
        try {
            phase = Phase.valueOf(string(item, PHASE));
        } catch (IllegalArgumentException e) {
            phase = Phase.DELETE; // unreadable: the safe choice is to plan and scan again
        }
        return Optional.of(new State(string(item, REQUEST_ID), string(item, DATA_CHECKSUM), string(item, MODEL_VERSION),
                phase, number(item, WRITTEN), (int) number(item, TOTAL_ITEMS), byType, number(item, DELETED_ITEMS),
                (int) number(item, INVOCATIONS)));
    }

    /** The checkpoint as a write. */
    static WriteRequest put(State state) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(ItemCodec.key(Bookkeeping.SEED_PROGRESS_PK,
                Bookkeeping.SEED_PROGRESS_SK));
        item.put(REQUEST_ID, AttributeValue.fromS(state.requestId()));
        item.put(DATA_CHECKSUM, AttributeValue.fromS(state.checksum()));
        item.put(MODEL_VERSION, AttributeValue.fromS(state.modelVersion()));
        item.put(PHASE, AttributeValue.fromS(state.phase().name()));
        item.put(WRITTEN, n(state.written()));
        item.put(TOTAL_ITEMS, n(state.totalItems()));
        Map<String, AttributeValue> byType = new LinkedHashMap<>();
        state.itemsByType().forEach((type, count) -> byType.put(type, n(count)));
        item.put(ITEMS_BY_TYPE, AttributeValue.fromM(byType));
        item.put(DELETED_ITEMS, n(state.deletedItems()));
        item.put(INVOCATIONS, n(state.invocations()));
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    /** Removing the checkpoint (after the seed record is written). */
    static WriteRequest delete() {
        return WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                .key(ItemCodec.key(Bookkeeping.SEED_PROGRESS_PK, Bookkeeping.SEED_PROGRESS_SK)).build()).build();
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? "" : value.s();
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
