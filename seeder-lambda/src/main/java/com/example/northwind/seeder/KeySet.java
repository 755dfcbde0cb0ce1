package com.example.northwind.seeder;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An exact set of strings kept compact: each key is stored once as UTF-8 bytes (behind a varint length) in
 * shared 1 MiB chunks, found through an open-addressing table of ints. The key's UTF-8 length + 1 byte, plus 16
 * to 28 bytes of index per key depending on how recently the arrays grew (a {@code HashSet<String>} of the same
 * keys needs ~80 bytes more each), and no object per key, so the garbage collector has nothing to trace.
 *
 * <p>Exact, not probabilistic: a lookup compares the stored bytes, so two keys with the same hash stay two keys.
 * Every key gets an ordinal (0, 1, 2, … in insertion order), so callers keep per-key values (a line number, a
 * column value) in plain arrays indexed by it. Not thread-safe.
 */
final class KeySet {
    private static final int CHUNK_BITS = 20;
    private static final int CHUNK_SIZE = 1 << CHUNK_BITS;
    private static final int MAX_CHUNKS = 1 << (31 - CHUNK_BITS);

    private byte[][] chunks = new byte[1][];
    private int chunkCount;
    private int chunkUsed;
    /** ordinal → where its bytes are: chunk index << CHUNK_BITS | offset. */
    private int[] refs = new int[16];
    /** ordinal → hash, so growing the table and most mismatches need no byte comparison. */
    private int[] hashes = new int[16];
    /** open addressing: ordinal + 1, 0 = empty; at most half full. */
    private int[] table = new int[32];
    private int size;

    int size() {
        return size;
    }

    /**
     * Adds {@code key}: returns its new ordinal (≥ 0), or {@code -(ordinal + 1)} of the equal key already held
     * (negative).
     */
    int add(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        int hash = hash(bytes);
        int mask = table.length - 1;
        int slot = hash & mask;
        for (int entry; (entry = table[slot]) != 0; slot = (slot + 1) & mask) {
            if (hashes[entry - 1] == hash && equalsAt(entry - 1, bytes)) {
                return -entry;
            }
        }
        int ordinal = size++;
        if (ordinal == refs.length) {
            refs = Arrays.copyOf(refs, ordinal * 2);
            hashes = Arrays.copyOf(hashes, ordinal * 2);
        }
        refs[ordinal] = store(bytes);
        hashes[ordinal] = hash;
        table[slot] = ordinal + 1;
        if (size * 2 > table.length) {
            grow();
        }
        return ordinal;
    }

    /** The ordinal of {@code key}, or -1 when it is not in the set. */
    int indexOf(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        int hash = hash(bytes);
        int mask = table.length - 1;
        for (int slot = hash & mask, entry; (entry = table[slot]) != 0; slot = (slot + 1) & mask) {
            if (hashes[entry - 1] == hash && equalsAt(entry - 1, bytes)) {
                return entry - 1;
            }
        }
        return -1;
    }

    boolean contains(String key) {
        return indexOf(key) >= 0;
    }

    /** The key with this ordinal. */
    String get(int ordinal) {
        if (ordinal < 0 || ordinal >= size) {
            throw new IndexOutOfBoundsException("ordinal " + ordinal + " of " + size);
        }
        byte[] chunk = chunks[refs[ordinal] >>> CHUNK_BITS];
        int at = refs[ordinal] & (CHUNK_SIZE - 1);
        int length = 0;
        int shift = 0;
        for (byte b; ; shift += 7) {
            b = chunk[at++];
            length |= (b & 0x7f) << shift;
            if (b >= 0) {
                break;
            }
        }
        return new String(chunk, at, length, StandardCharsets.UTF_8);
    }

    /** Bytes held, arrays included (what the set costs in heap, give or take object headers). */
    long bytes() {
        long total = 4L * (refs.length + hashes.length + table.length);
        for (int i = 0; i < chunkCount; i++) {
            total += chunks[i].length;
        }
        return total;
    }

    /**
     * A 32-bit hash of UTF-8 bytes: the polynomial of {@link String#hashCode} (so for ASCII keys two strings with
     * the same {@code hashCode} collide here too, which the tests use), then mixed so that similar keys spread.
     */
    static int hash(byte[] bytes) {
        int h = 0;
        for (byte b : bytes) {
            h = 31 * h + (b & 0xff);
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    private boolean equalsAt(int ordinal, byte[] bytes) {
        byte[] chunk = chunks[refs[ordinal] >>> CHUNK_BITS];
        int at = refs[ordinal] & (CHUNK_SIZE - 1);
        int length = 0;
        int shift = 0;
        for (byte b; ; shift += 7) {
            b = chunk[at++];
            length |= (b & 0x7f) << shift;
            if (b >= 0) {
                break;
            }
        }
        return length == bytes.length && Arrays.equals(chunk, at, at + length, bytes, 0, length);
    }

    /** Copies the key behind a varint length into the current chunk (or a new one); returns its reference. */
    private int store(byte[] bytes) {
        int header = varintLength(bytes.length);
        int needed = header + bytes.length;
        if (chunkCount == 0 || chunkUsed + needed > chunks[chunkCount - 1].length) {
            if (chunkCount == MAX_CHUNKS) {
                throw new IllegalStateException("KeySet is full (" + size + " keys, 2 GiB of key bytes)");
            }
            if (chunkCount == chunks.length) {
                chunks = Arrays.copyOf(chunks, chunkCount * 2);
            }
            // A key longer than a chunk gets a chunk of its own (its offset is 0, so the reference still fits).
            chunks[chunkCount++] = new byte[Math.max(CHUNK_SIZE, needed)];
            chunkUsed = 0;
        }
        byte[] chunk = chunks[chunkCount - 1];
        int offset = chunkUsed;
        int at = offset;
        for (int v = bytes.length; ; v >>>= 7) {
            if (v < 0x80) {
                chunk[at++] = (byte) v;
                break;
            }
            chunk[at++] = (byte) ((v & 0x7f) | 0x80);
        }
        System.arraycopy(bytes, 0, chunk, at, bytes.length);
        chunkUsed = at + bytes.length;
        return (chunkCount - 1) << CHUNK_BITS | offset;
    }

    private static int varintLength(int value) {
        int n = 1;
        while (value >= 0x80) {
            value >>>= 7;
            n++;
        }
        return n;
    }

    private void grow() {
        int[] bigger = new int[table.length * 2];
        int mask = bigger.length - 1;
        for (int ordinal = 0; ordinal < size; ordinal++) {
            int slot = hashes[ordinal] & mask;
            while (bigger[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            bigger[slot] = ordinal + 1;
        }
        table = bigger;
    }
}
