package io.userasset.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Zipf(s) over ranks 0..n-1 (rank 0 the most frequent): P(k) ∝ 1/(k+1)^s, sampled by inverse CDF. */
final class Zipf {
    private final double[] cdf;

    Zipf(int n, double s) {
        cdf = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1.0 / Math.pow(k + 1, s);
            cdf[k] = sum;
        }
        for (int k = 0; k < n; k++) cdf[k] /= sum;
        cdf[n - 1] = 1.0;
    }

    int sample(SplittableRandom random) {
        int at = Arrays.binarySearch(cdf, random.nextDouble());
        return at >= 0 ? at : -at - 1;
    }

    /** P(rank k). */
    double probability(int k) {
        return k == 0 ? cdf[0] : cdf[k] - cdf[k - 1];
    }
}
