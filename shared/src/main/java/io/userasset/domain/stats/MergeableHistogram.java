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
 * Non-integer values up to {@value #EXACT_LIMIT} are counted at their integer part (callers that
 * need a finer resolution scale their values first). Negative inputs count as 0, NaN is ignored,
 * infinite values are rejected. Memory: at most a few thousand bins, whatever the number of users.
 *
 * <p>Bin edges use {@link StrictMath}, whose results are specified bit for bit, so a value falls in
 * the same bin and a bin reports the same value on every JVM and CPU (x86 and ARM workers alike);
 * {@link Math#log} and {@link Math#exp} may differ by an ulp between platforms and JIT states.
 */
public final class MergeableHistogram {
    public static final int EXACT_LIMIT = 1024;
    public static final double RELATIVE_WIDTH = 0.005;
    private static final double LOG_BASE = StrictMath.log1p(RELATIVE_WIDTH);
    private static final double LOG_LIMIT = StrictMath.log(EXACT_LIMIT);
    /** The largest bin a finite value can fall in (that of {@link Double#MAX_VALUE}). */
    public static final int MAX_BIN = bin(Double.MAX_VALUE);

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
        if (Double.isInfinite(value)) throw new IllegalArgumentException("infinite value");
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
        // q·count carries the rounding error of q (0.2 * 3 = 0.6000000000000001, × 5 = 3.0000000000000004):
        // a few ulps are not a rank above an integer one.
        double x = q * count;
        return valueAtRank((long) Math.ceil(x - 4 * Math.ulp(x)));
    }

    /**
     * The representative value of the {@code rank}-th smallest value (1-based; clamped to [1, count]), i.e. the
     * lower quantile at rank/count with integer arithmetic only. NaN when empty.
     */
    public double valueAtRank(long rank) {
        if (count == 0) return Double.NaN;
        long target = Math.max(1, rank);
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
        return EXACT_LIMIT + 1 + (int) Math.floor((StrictMath.log(v) - LOG_LIMIT) / LOG_BASE);
    }

    static double value(int bin) {
        if (bin <= EXACT_LIMIT) return bin;
        return StrictMath.exp(LOG_LIMIT + (bin - EXACT_LIMIT - 1) * LOG_BASE);
    }

    /**
     * The value a bin reports: the integer itself for bins 0..{@value #EXACT_LIMIT}, the lower edge of the log bin
     * above (every value counted in it is ≥ this and &lt; 1.005 × this, up to rounding of the last bit).
     */
    public static double binValue(int bin) {
        if (bin < 0 || bin > MAX_BIN) throw new IllegalArgumentException("no such bin: " + bin);
        return value(bin);
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

    /**
     * Rebuilds a histogram from its {@link #state()}. Strict: bins must be strictly ascending in [0, {@link #MAX_BIN}],
     * every count positive, and {@code count} their sum; otherwise {@link IllegalArgumentException}.
     */
    public static MergeableHistogram of(State state) {
        int[] b = state.bins();
        long[] c = state.counts();
        if (b == null || c == null || b.length != c.length) throw new IllegalArgumentException("bins and counts differ in length");
        MergeableHistogram h = new MergeableHistogram();
        long total = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] < 0 || b[i] > MAX_BIN || (i > 0 && b[i] <= b[i - 1])) {
                throw new IllegalArgumentException("histogram bins must be strictly ascending in [0, " + MAX_BIN + "]");
            }
            if (c[i] <= 0) throw new IllegalArgumentException("histogram counts must be positive");
            try {
                total = Math.addExact(total, c[i]);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("histogram count overflows", e);
            }
            h.bins.put(b[i], c[i]);
        }
        if (total != state.count()) throw new IllegalArgumentException("histogram count " + state.count() + " ≠ Σ counts " + total);
        h.count = total;
        h.sumMilli = state.sumMilli();
        return h;
    }
}
