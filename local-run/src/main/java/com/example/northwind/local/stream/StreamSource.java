package com.example.northwind.local.stream;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

/**
 * The calls the local mapping makes on a DynamoDB stream, as Lambda's pollers make them: DescribeStream (every shard,
 * with its parent), GetShardIterator and GetRecords. DynamoDB Local answers them ({@link DynamoDbStreamSource}); tests
 * of shard order use a listing of their own, since DynamoDB Local does not split shards on demand.
 */
public interface StreamSource {
    /** What one GetRecords returned: the records, and the iterator to continue with (null: the shard is closed and read). */
    record Page(List<Record> records, String nextIterator) {
    }

    /** The stream's ARN (the events' {@code eventSourceARN}). */
    String streamArn();

    /** Every shard of the stream (DescribeStream, all pages). */
    List<Shard> shards();

    /**
     * @param sequenceNumber for AT_/AFTER_SEQUENCE_NUMBER, else null
     * @throws software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException when the position is gone
     */
    String iterator(String shardId, ShardIteratorType type, String sequenceNumber);

    /**
     * @throws software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException when the iterator is older than
     *         15 minutes
     */
    Page records(String iterator, int limit);
}
