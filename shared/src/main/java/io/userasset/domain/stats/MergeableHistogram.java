package io.userasset.domain.stats;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deterministic, mergeable distribution summary for non-negative values: exact counts for the
 * integers 0..{@value #EXACT_LIMIT}, and logarithmic bins of relative width {@value #RELATIVE_WIDTH}
 * above (values are counted at the bin's lower edge). Partial histograms from parallel workers
 * merge by adding counts, so the result is exact and independent of partitioning and order — unlike
 * randomized quantile sketches, re-running a day reproduces every cut point bit for bit.
 *
 * <p>Error bound: a quantile or rank is exact for integer values up to {@value #EXACT_LIMIT}; above,
 * the reported value is within a relative {@value #RELATIVE_WIDTH} (0.5 %) below the true one.
 * Negative inputs count as 0 (every engine metric is ≥ 0). Memory: at most a few thousand bins,
 * whatever the number of users.
 */
public final class MergeableHistogram {
    public static final int EXACT_LIMIT = 1024;
    public static final double RELATIVE_WIDTH = 0.005;
    private static final double LOG_BASE = Math.log1p(RELATIVE_WIDTH);
    private static final double LOG_LIMIT = Math.log(EXACT_LIMIT);

    /** bin → count; bins 0..EXACT_LIMIT are the integers, larger bins are log bins. */
    private final TreeMap<Integer, Long> bins = new TreeMap<>();
    private long count;
    /** Sum in thousandths: integer addition is associative, so merged means are exact too. */
    private long sumMilli;

    public void add(double value) {
        add(value, 1);
    }

    public void add(double value, long weight) {
        if (Double.isNaN(value) || weight <= 0) return;
        double v = Math.max(0, value);
        bins.merge(bin(v), weight, Long::sum);
        count += weight;
        sumMilli += Math.round(v * 1000) * weight;
    }

    public void merge(MergeableHistogram other) {
        other.bins.forEach((b, c) -> bins.merge(b, c, Long::sum));
        count += other.count;
        sumMilli += other.sumMilli;
    }

    public long count() {
        return count;
    }

    public double sum() {
        return sumMilli / 1000.0;
    }

    public double mean() {
        return count == 0 ? Double.NaN : sumMilli / 1000.0 / count;
    }

    /**
     * The smallest representative value v such that at least a fraction q of the values are ≤ v
     * (the lower q-quantile). NaN when empty.
     */
    public double quantile(double q) {
        if (count == 0) return Double.NaN;
        long target = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (Map.Entry<Integer, Long> e : bins.entrySet()) {
            seen += e.getValue();
            if (seen >= target) return value(e.getKey());
        }
        return value(bins.lastKey());
    }

    /** Fraction of values strictly below {@code v} plus half of those equal (mid-rank), in [0, 1]. */
    public double midRank(double v) {
        if (count == 0) return 0.5;
        int b = bin(Math.max(0, v));
        long below = 0;
        for (long c : bins.headMap(b, false).values()) below += c;
        long equal = bins.getOrDefault(b, 0L);
        return (below + equal / 2.0) / count;
    }

    static int bin(double v) {
        if (v <= EXACT_LIMIT) return (int) Math.floor(v);
        return EXACT_LIMIT + 1 + (int) Math.floor((Math.log(v) - LOG_LIMIT) / LOG_BASE);
    }

    static double value(int bin) {
        if (bin <= EXACT_LIMIT) return bin;
        return Math.exp(LOG_LIMIT + (bin - EXACT_LIMIT - 1) * LOG_BASE);
    }

    // ---- compact serialization for partial results -------------------------------------------------

    /** Parallel arrays of bins and counts plus count and sum: the JSON-friendly form of a partial. */
    public record State(int[] bins, long[] counts, long count, long sumMilli) {
        @Override
        public boolean equals(Object o) {
            return o instanceof State s && Arrays.equals(bins, s.bins) && Arrays.equals(counts, s.counts)
                    && count == s.count && sumMilli == s.sumMilli;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bins) * 31 + Arrays.hashCode(counts);
        }
    }

    public State state() {
        int[] b = new int[bins.size()];
        long[] c = new long[bins.size()];
        int i = 0;
        for (Map.Entry<Integer, Long> e : bins.entrySet()) {
            b[i] = e.getKey();
            c[i++] = e.getValue();
        }
        return new State(b, c, count, sumMilli);
    }

    public static MergeableHistogram of(State state) {
        MergeableHistogram h = new MergeableHistogram();
        for (int i = 0; i < state.bins().length; i++) h.bins.put(state.bins()[i], state.counts()[i]);
        h.count = state.count();
        h.sumMilli = state.sumMilli();
        return h;
    }
}
