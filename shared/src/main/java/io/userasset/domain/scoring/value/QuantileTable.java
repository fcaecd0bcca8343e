package io.userasset.domain.scoring.value;

import java.util.Arrays;

/**
 * A quantile function sampled at evenly spaced ranks: {@code points[i]} is the (inclusive) quantile at rank
 * i / (points.length − 1); points[0] is the minimum and the last point the maximum. It turns a raw value into
 * a 0–100 percentile rank ({@link #percentile}).
 *
 * @param n      how many values the table was built from (0 = a parametric default table)
 * @param points non-decreasing, finite, at least 2 points (the engine uses 101: ranks 0, 0.01, …, 1)
 */
public record QuantileTable(long n, double[] points) {

    public static final int DEFAULT_SIZE = 101;

    public QuantileTable {
        if (n < 0) throw new IllegalArgumentException("n < 0");
        if (points == null || points.length < 2) throw new IllegalArgumentException("need at least 2 points");
        points = points.clone();
        for (int i = 0; i < points.length; i++) {
            if (!Double.isFinite(points[i])) throw new IllegalArgumentException("points must be finite");
            if (i > 0 && points[i] < points[i - 1]) throw new IllegalArgumentException("points must be non-decreasing");
        }
    }

    @Override
    public double[] points() {
        return points.clone();
    }

    /**
     * Percentile rank 0–100 of {@code v}: the estimated share of the table's population below v plus half the share
     * equal to v (mid-rank), so tied values get the same, middle score.
     *
     * <ul>
     *   <li>v &lt; min → 0; v &gt; max → 100;</li>
     *   <li>v equal to table points lo..hi (a run of ties, lo = first, hi = last index) → 100 × (lo + hi) / (2 × last);</li>
     *   <li>points[i] &lt; v &lt; points[i + 1] → 100 × (i + (v − points[i]) / (points[i + 1] − points[i])) / last
     *       (linear interpolation).</li>
     * </ul>
     * Monotone non-decreasing in v. Resolution: ± half a rank step (± 0.5 points with 101 points).
     */
    public double percentile(double v) {
        double[] q = points;
        int last = q.length - 1;
        if (Double.isNaN(v)) throw new IllegalArgumentException("NaN value");
        if (v < q[0]) return 0;
        if (v > q[last]) return 100;
        int lo = firstAtLeast(q, v);           // q[lo] >= v, lo in [0, last]
        int hi = firstAbove(q, v) - 1;         // q[hi] <= v, hi in [0, last]
        if (lo <= hi) return 100.0 * (lo + hi) / (2.0 * last);
        // q[hi] < v < q[lo], hi = lo − 1
        return 100.0 * (hi + (v - q[hi]) / (q[lo] - q[hi])) / last;
    }

    private static int firstAtLeast(double[] q, double v) {
        int a = 0, b = q.length;
        while (a < b) {
            int mid = (a + b) >>> 1;
            if (q[mid] < v) a = mid + 1; else b = mid;
        }
        return a;
    }

    private static int firstAbove(double[] q, double v) {
        int a = 0, b = q.length;
        while (a < b) {
            int mid = (a + b) >>> 1;
            if (q[mid] <= v) a = mid + 1; else b = mid;
        }
        return a;
    }

    /** Default table: the quantile function of a geometric distribution on {1, 2, …} with the given mean (&gt; 1), capped. */
    public static QuantileTable geometric(double mean, double cap) {
        double p = 1.0 / Math.max(mean, 1.0 + 1e-9);
        double[] pts = new double[DEFAULT_SIZE];
        double logQ = Math.log1p(-p);
        for (int i = 0; i < DEFAULT_SIZE; i++) {
            double r = Math.min(i / (double) (DEFAULT_SIZE - 1), 0.999);
            double k = Math.ceil(Math.log1p(-r) / logQ - 1e-9);
            pts[i] = Math.min(cap, Math.max(1, k));
        }
        return new QuantileTable(0, pts);
    }

    /** Default table: the quantile function of an exponential distribution with the given mean (rank 1 → 0.999). */
    public static QuantileTable exponential(double mean) {
        double[] pts = new double[DEFAULT_SIZE];
        for (int i = 0; i < DEFAULT_SIZE; i++) {
            double r = Math.min(i / (double) (DEFAULT_SIZE - 1), 0.999);
            pts[i] = -mean * Math.log1p(-r);
        }
        return new QuantileTable(0, pts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuantileTable t && t.n == n && Arrays.equals(t.points, points);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(n) + Arrays.hashCode(points);
    }

    @Override
    public String toString() {
        return "QuantileTable[n=" + n + ", min=" + points[0] + ", median=" + points[points.length / 2]
                + ", max=" + points[points.length - 1] + "]";
    }
}
