package com.example.northwind.stream;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One stream record as the consumer's derivations see it: an item's change as an old/new image pair. An INSERT has no
 * old image, a REMOVE no new one; {@code keys} is always present ({@code pk}, {@code sk}).
 *
 * @param eventName INSERT, MODIFY or REMOVE
 * @param sequenceNumber the record's sequence number in its shard (what {@code batchItemFailures} names)
 * @param approximateCreationEpochSeconds when the change was written (epoch seconds; 0 when the record had none)
 */
public record StreamChange(String eventName, String sequenceNumber, Map<String, AttributeValue> keys,
        Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage,
        long approximateCreationEpochSeconds) {

    public StreamChange {
        keys = Map.copyOf(keys);
        oldImage = oldImage == null ? Map.of() : Map.copyOf(oldImage);
        newImage = newImage == null ? Map.of() : Map.copyOf(newImage);
    }

    /** The changed item's partition key. */
    public String pk() {
        return keys.get("pk").s();
    }

    /** The changed item's sort key. */
    public String sk() {
        return keys.get("sk").s();
    }
}
