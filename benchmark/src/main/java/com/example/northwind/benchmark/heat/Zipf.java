package com.example.northwind.benchmark.heat;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Zipf(s) over ranks 0..n-1: P(rank k) ∝ 1 / (k+1)^s, sampled by binary search over the cumulative weights. */
public final class Zipf {
    private final double[] cumulative;

    public Zipf(int n, double s) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1");
        }
        cumulative = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1.0 / Math.pow(k + 1, s);
            cumulative[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cumulative[k] /= sum;
        }
        cumulative[n - 1] = 1.0;
    }

    /** The probability of rank k (0 = the most popular). */
    public double probability(int k) {
        return k == 0 ? cumulative[0] : cumulative[k] - cumulative[k - 1];
    }

    public int sample(SplittableRandom random) {
        double u = random.nextDouble();
        int i = Arrays.binarySearch(cumulative, u);
        return i >= 0 ? Math.min(i + 1, cumulative.length - 1) : -i - 1;
    }

    public int size() {
        return cumulative.length;
    }
}
