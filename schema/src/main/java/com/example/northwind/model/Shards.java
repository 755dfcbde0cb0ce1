package com.example.northwind.model;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Which shard of a sharded list an item lands in: a stable hash of the order id, modulo the list's shard count.
 *
 * <p>Why a hash and not {@code orderID mod S}: order ids come in leased blocks of consecutive numbers, one block per
 * execution environment, so plain modulo would still spread them evenly — but it would also put every id of an
 * arithmetic progression (every 8th order of one client, say) into one shard. The SplitMix64 finaliser mixes every
 * bit of the id into the low bits. It is part of the key design: changing it, or a list's count, moves items, so it is
 * a migration.
 */
public final class Shards {
    /** The fact key a reader sets to render one shard's partition value from a template ({@link #partitions}). */
    public static final String FIXED = "#shard";

    private Shards() {
    }

    /** The shard (0 … count − 1) of this id. */
    public static int of(long id, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a list has at least one shard: " + count);
        }
        long z = id + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (int) Math.floorMod(z, (long) count);
    }

    /**
     * Every shard's partition value of a sharded template, for these parameter values: shard 0 first. The template
     * renders each with {@link #FIXED} set, so readers and writers compose the values with the same template.
     */
    public static List<String> partitions(KeyTemplate template, java.util.Map<String, ?> values) {
        int count = template.shardCount();
        return IntStream.range(0, count).mapToObj(shard -> {
            java.util.Map<String, Object> fact = new java.util.HashMap<>(values);
            fact.put(FIXED, shard);
            return template.renderRequired(fact);
        }).toList();
    }
}
