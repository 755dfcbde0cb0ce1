package com.example.northwind.seeder;

import com.example.northwind.model.Bookkeeping;
import com.example.northwind.model.ItemCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The seed record (data checksum and item-model version of the last seed) and the order-id counter the seed
 * leaves for commands. Read with GetItem; written with the seed's own BatchWriteItem.
 */
final class SeedRecord {
    private final DynamoDbClient dynamo;
    private final String tableName;

    SeedRecord(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
    }

    /** The record, when the table was seeded before. */
    Optional<Map<String, AttributeValue>> read() {
        return get(Bookkeeping.SEED_PK, Bookkeeping.SEED_SK);
    }

    static String modelVersion(Map<String, AttributeValue> record) {
        AttributeValue value = record.get(Bookkeeping.SEED_MODEL_VERSION);
        return value == null ? "(unknown)" : value.s();
    }

    static String checksum(Map<String, AttributeValue> record) {
        AttributeValue value = record.get(Bookkeeping.SEED_CHECKSUM);
        return value == null ? "(unknown)" : value.s();
    }

    /**
     * The seed record and the counter, as writes. The counter never goes down: it is the larger of the data's
     * highest order id and what commands have already taken, so a new order id is above every existing one.
     */
    List<WriteRequest> items(long maxOrderId, String checksum, String modelVersion) {
        long taken = get(Bookkeeping.ORDER_ID_COUNTER_PK, Bookkeeping.COUNTER_SK)
                .map(c -> Long.parseLong(c.get(Bookkeeping.COUNTER_VALUE).n())).orElse(0L);
        Map<String, AttributeValue> counter = new LinkedHashMap<>(ItemCodec.key(Bookkeeping.ORDER_ID_COUNTER_PK, Bookkeeping.COUNTER_SK));
        counter.put(Bookkeeping.COUNTER_VALUE, AttributeValue.fromN(Long.toString(Math.max(maxOrderId, taken))));
        Map<String, AttributeValue> record = new LinkedHashMap<>(ItemCodec.key(Bookkeeping.SEED_PK, Bookkeeping.SEED_SK));
        record.put(Bookkeeping.SEED_CHECKSUM, AttributeValue.fromS(checksum));
        record.put(Bookkeeping.SEED_MODEL_VERSION, AttributeValue.fromS(modelVersion));
        return List.of(put(counter), put(record));
    }

    private Optional<Map<String, AttributeValue>> get(String pk, String sk) {
        GetItemResponse response;
        try {
            response = dynamo.getItem(b -> b.tableName(tableName).key(ItemCodec.key(pk, sk)).consistentRead(true));
        } catch (SdkException e) {
            throw new SeedFailedException("reading the seed record of table " + tableName + " failed: "
                    + BatchWriter.message(e) + " (nothing written yet)");
        }
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }
}
