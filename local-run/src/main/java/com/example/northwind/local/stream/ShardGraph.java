package com.example.northwind.local.stream;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.Shard;

/**
 * Which shards may be read now, as Lambda orders them: a shard whose parent is still listed is read only after the
 * parent is finished (closed and every record done), so the records of an item, which move to a child when a shard
 * splits, are processed in order. A parent no longer listed (trimmed after 24 hours) holds nothing left to read.
 */
public final class ShardGraph {
    private ShardGraph() {
    }

    /**
     * @param listing  every shard DescribeStream lists
     * @param finished shards whose records are all done and that are closed
     * @param reading  shards a poller already reads
     * @return the shards to start reading now, in listing order
     */
    public static List<Shard> readable(List<Shard> listing, Set<String> finished, Set<String> reading) {
        Set<String> listed = new HashSet<>();
        listing.forEach(s -> listed.add(s.shardId()));
        List<Shard> out = new ArrayList<>();
        for (Shard shard : listing) {
            String id = shard.shardId();
            if (finished.contains(id) || reading.contains(id)) {
                continue;
            }
            String parent = shard.parentShardId();
            if (parent == null || !listed.contains(parent) || finished.contains(parent)) {
                out.add(shard);
            }
        }
        return out;
    }
}
