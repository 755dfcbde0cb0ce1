package com.example.northwind.benchmark.heat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfTest {
    @Test
    void probabilities_followOneOverRankToTheS_andSumToOne() {
        Zipf z = new Zipf(77, 1.1);
        double h = 0;
        for (int k = 1; k <= 77; k++) {
            h += Math.pow(k, -1.1);
        }
        double sum = 0;
        for (int k = 0; k < 77; k++) {
            assertEquals(Math.pow(k + 1, -1.1) / h, z.probability(k), 1e-12);
            sum += z.probability(k);
        }
        assertEquals(1.0, sum, 1e-12);
        assertEquals(0.2432, z.probability(0), 0.0005); // the most popular product takes about a quarter of the lines
    }

    @Test
    void samples_matchTheProbabilities_andAreDeterministicForASeed() {
        Zipf z = new Zipf(77, 1.1);
        int n = 200_000;
        int[] counts = new int[77];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            counts[z.sample(random)]++;
        }
        for (int k : new int[] {0, 1, 9, 76}) {
            double expected = z.probability(k) * n;
            assertTrue(Math.abs(counts[k] - expected) < 5 * Math.sqrt(expected) + 1, "rank " + k + ": " + counts[k] + " vs " + expected);
        }
        int[] again = new int[77];
        SplittableRandom same = new SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            again[z.sample(same)]++;
        }
        assertArrayEquals(counts, again);
    }

    @Test
    void oneElement_isAlwaysRankZero() {
        Zipf z = new Zipf(1, 1.1);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 100; i++) {
            assertEquals(0, z.sample(random));
        }
    }
}
