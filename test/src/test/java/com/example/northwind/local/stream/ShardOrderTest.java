package com.example.northwind.local.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.northwind.testsupport.ScriptedStreamHandler;
import com.example.northwind.testsupport.StreamMappingHarness;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.SequenceNumberRange;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Shards read parents first. DynamoDB Local does not split shards on demand, so the stream here is a listing of the
 * test's own (a parent, its child, a grandchild still open, and a shard whose parent has been trimmed away), served
 * through the same {@link StreamSource} calls DynamoDB answers; the mapping, its pollers and their threads are the real
 * ones.
 */
class ShardOrderTest {
    @Test
    void readable_areShardsWithoutParent_withAParentGone_orWithAFinishedParent() {
        // GIVEN a listing: root R, its children A and B, A's child A1, and X whose parent is no longer listed
        List<Shard> listing = List.of(shard("R", null), shard("A", "R"), shard("B", "R"), shard("A1", "A"), shard("X", "trimmed"));

        // WHEN / THEN at first only the root and the orphan may be read
        assertEquals(List.of("R", "X"), ids(ShardGraph.readable(listing, Set.of(), Set.of())));
        // AND while R is read nothing more starts
        assertEquals(List.of("X"), ids(ShardGraph.readable(listing, Set.of(), Set.of("R"))));
        // AND once R is finished both its children may be read, but not its grandchild
        assertEquals(List.of("A", "B"), ids(ShardGraph.readable(listing, Set.of("R", "X"), Set.of())));
        // AND once A is finished, A1
        assertEquals(List.of("B", "A1"), ids(ShardGraph.readable(listing, Set.of("R", "X", "A"), Set.of())));
    }

    @Test
    void mapping_readsAChildOnlyAfterItsParentIsDone_andEveryRecordOnceInOrder() throws Exception {
        // GIVEN a stream whose item ITEM#1 was in a parent shard, then (after a split) in its child, then in a
        // grandchild; and an unrelated shard whose parent is gone
        ListedStream stream = new ListedStream();
        stream.add("P", null, true, "ITEM#1", 1, 4);
        stream.add("C", "P", true, "ITEM#1", 5, 7);
        stream.add("G", "C", false, "ITEM#1", 8, 9);
        stream.add("O", "gone", true, "ITEM#9", 100, 101);
        // AND a slow function taking one record at a time (so a child read too early would show)
        List<String> order = new ArrayList<>();
        Map<String, Long> finishedAt = new LinkedHashMap<>();
        ScriptedStreamHandler handler = new ScriptedStreamHandler((n, records) -> {
            Thread.sleep(15);
            String sequence = ScriptedStreamHandler.sequenceNumber(records.get(0));
            synchronized (order) {
                order.add(sequence);
                finishedAt.put(sequence, stream.clock.incrementAndGet());
            }
            return null;
        });

        // WHEN the mapping reads it until caught up
        LocalEventSourceMapping mapping = StreamMappingHarness.start(stream, StreamMappingHarness.settings(1), handler);
        try {
            assertTrue(mapping.awaitCaughtUp(StreamMappingHarness.CATCH_UP_TIMEOUT), mapping.status().toString());
        } finally {
            mapping.close();
        }

        // THEN ITEM#1's changes came in the order they were made, across the three shards ...
        List<String> item1 = order.stream().filter(s -> Long.parseLong(s) < 100).toList();
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9"), item1);
        // ... each shard was opened only once its parent's last record was done ...
        assertTrue(stream.openedAt.get("C") > finishedAt.get("4"), stream.openedAt + " / " + finishedAt);
        assertTrue(stream.openedAt.get("G") > finishedAt.get("7"), stream.openedAt + " / " + finishedAt);
        // ... the orphan was read without waiting for anything, and every record was done once
        assertTrue(stream.openedAt.get("O") < finishedAt.get("4"), stream.openedAt + " / " + finishedAt);
        assertEquals(11, order.size());
        // ... and P, C and O are finished, G (open) is still read
        assertEquals(3, mapping.status().shardsFinished(), mapping.status().toString());
        assertEquals(1, mapping.status().shardsReading(), mapping.status().toString());
    }

    private static Shard shard(String id, String parent) {
        return Shard.builder().shardId(id).parentShardId(parent)
                .sequenceNumberRange(SequenceNumberRange.builder().startingSequenceNumber("1").build()).build();
    }

    private static List<String> ids(List<Shard> shards) {
        return shards.stream().map(Shard::shardId).toList();
    }

    /** A stream made of listed shards, each with its records; records come two per GetRecords. */
    static final class ListedStream implements StreamSource {
        final AtomicLong clock = new AtomicLong();
        final Map<String, Long> openedAt = new LinkedHashMap<>();
        private final List<Shard> shards = new ArrayList<>();
        private final Map<String, List<Record>> records = new LinkedHashMap<>();
        private final Map<String, Boolean> closed = new LinkedHashMap<>();

        void add(String id, String parent, boolean isClosed, String pk, int first, int last) {
            List<Record> list = new ArrayList<>();
            for (int s = first; s <= last; s++) {
                list.add(Record.builder().eventID("e" + s).eventName(OperationType.MODIFY).eventVersion("1.1")
                        .eventSource("aws:dynamodb").awsRegion("us-east-1")
                        .dynamodb(StreamRecord.builder().approximateCreationDateTime(Instant.now())
                                .keys(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("A")))
                                .newImage(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("A"),
                                        "n", AttributeValue.fromN(Integer.toString(s))))
                                .sequenceNumber(Integer.toString(s)).sizeBytes(30L)
                                .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build()).build());
            }
            SequenceNumberRange.Builder range = SequenceNumberRange.builder().startingSequenceNumber(Integer.toString(first));
            if (isClosed) {
                range.endingSequenceNumber(Integer.toString(last));
            }
            shards.add(Shard.builder().shardId(id).parentShardId(parent).sequenceNumberRange(range.build()).build());
            records.put(id, list);
            closed.put(id, isClosed);
        }

        @Override
        public String streamArn() {
            return "arn:aws:dynamodb:us-east-1:000000000000:table/listed/stream/test";
        }

        @Override
        public List<Shard> shards() {
            return List.copyOf(shards);
        }

        @Override
        public synchronized String iterator(String shardId, ShardIteratorType type, String sequenceNumber) {
            openedAt.putIfAbsent(shardId, clock.incrementAndGet());
            List<Record> list = records.get(shardId);
            int position = switch (type) {
                case TRIM_HORIZON -> 0;
                case LATEST -> list.size();
                default -> {
                    int at = 0;
                    while (at < list.size() && !list.get(at).dynamodb().sequenceNumber().equals(sequenceNumber)) {
                        at++;
                    }
                    yield type == ShardIteratorType.AFTER_SEQUENCE_NUMBER ? at + 1 : at;
                }
            };
            return shardId + "@" + position;
        }

        @Override
        public synchronized Page records(String iterator, int limit) {
            String shardId = iterator.substring(0, iterator.indexOf('@'));
            int position = Integer.parseInt(iterator.substring(iterator.indexOf('@') + 1));
            List<Record> list = records.get(shardId);
            int end = Math.min(list.size(), position + Math.min(limit, 2));
            boolean done = end == list.size() && closed.get(shardId);
            return new Page(list.subList(position, end), done ? null : shardId + "@" + end);
        }
    }
}
