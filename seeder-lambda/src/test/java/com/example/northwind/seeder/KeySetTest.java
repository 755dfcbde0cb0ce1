package com.example.northwind.seeder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeySetTest {
    @Test
    void add_answersNewOrdinals_andTheOrdinalOfAnEqualKeyAlreadyHeld() {
        KeySet set = new KeySet();
        assertEquals(0, set.add("ORDER#10248\u0000ORDER"));
        assertEquals(1, set.add("ORDER#10248\u0000PRODUCT#11"));
        assertEquals(-1, set.add("ORDER#10248\u0000ORDER"), "already held as ordinal 0");
        assertEquals(-2, set.add("ORDER#10248\u0000PRODUCT#11"), "already held as ordinal 1");
        assertEquals(2, set.size());
        assertEquals(1, set.indexOf("ORDER#10248\u0000PRODUCT#11"));
        assertEquals(-1, set.indexOf("ORDER#10248\u0000PRODUCT#1"));
        assertEquals("ORDER#10248\u0000PRODUCT#11", set.get(1));
    }

    @Test
    void keysWithTheSameHash_stayDistinct() {
        // "Aa" and "BB" have the same String.hashCode, and so the same hash here: only the bytes tell them apart.
        assertEquals(KeySet.hash("Aa".getBytes(StandardCharsets.UTF_8)), KeySet.hash("BB".getBytes(StandardCharsets.UTF_8)));
        KeySet set = new KeySet();
        assertEquals(0, set.add("AaAa"));
        assertEquals(1, set.add("BBBB"));
        assertEquals(2, set.add("AaBB"));
        assertEquals(3, set.add("BBAa"));
        assertEquals(4, set.size());
        assertEquals(2, set.indexOf("AaBB"));
        assertFalse(set.contains("BBBb"));
    }

    @Test
    void holdsManyKeys_exactlyAsAHashSetDoes_acrossGrowthAndChunks() {
        // 300k keys of ~30 bytes: the table grows many times and the bytes span several 1 MiB chunks.
        KeySet set = new KeySet();
        Set<String> expected = new HashSet<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 300_000; i++) {
            String key = "ORDER#" + random.nextInt(400_000) + "\u0000PRODUCT#" + random.nextInt(80);
            boolean isNew = expected.add(key);
            int ordinal = set.add(key);
            assertEquals(isNew, ordinal >= 0, key);
            if (isNew) {
                assertEquals(expected.size() - 1, ordinal);
            }
        }
        assertEquals(expected.size(), set.size());
        for (String key : expected) {
            assertEquals(key, set.get(set.indexOf(key)));
        }
        for (int i = 0; i < 10_000; i++) {
            String absent = "CUSTOMER#" + i + "\u0000ORDER";
            assertFalse(set.contains(absent));
        }
        // keys of ~19 bytes: at most ~19 + 1 + 28 bytes each (arrays just grown), where a HashSet<String> needs ~100
        assertTrue(set.bytes() < 56L * expected.size(), "bytes per key " + set.bytes() / expected.size());
    }

    @Test
    void keepsLongAndNonAsciiKeys() {
        KeySet set = new KeySet();
        String longKey = "x".repeat(3 * 1024 * 1024); // longer than a chunk: gets a chunk of its own
        String unicode = "CUSTOMER#Ünïcødé 北京 🚀";
        assertEquals(0, set.add("a"));
        assertEquals(1, set.add(longKey));
        assertEquals(2, set.add(unicode));
        assertEquals(3, set.add("b"));
        assertEquals(longKey, set.get(1));
        assertEquals(unicode, set.get(2));
        assertEquals("b", set.get(3));
        assertEquals(-2, set.add("x".repeat(3 * 1024 * 1024)));
        assertEquals(2, set.indexOf(unicode));
        assertEquals("", set.get(set.add("")));
    }
}
