package io.userasset.domain.scoring;

import io.userasset.domain.scoring.rfm.CutPoints;
import io.userasset.domain.scoring.rfm.RfmModel;
import io.userasset.domain.scoring.rfm.RfmValues;
import io.userasset.domain.scoring.value.QuantileTable;
import io.userasset.domain.scoring.value.ValueInputs;
import io.userasset.domain.scoring.value.ValueModel;
import io.userasset.domain.stats.MergeableHistogram;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Mergeable population statistics of one day's scoring, accumulated over users by the daily workers and merged by
 * the reducer into the day's {@link ScoringModel}.
 *
 * <ul>
 *   <li>Customers (users with ≥ 1 order ever): histograms of R, F, M, and exact sums (R and F as long, M as a long
 *       of thousandths, like {@code Money}) so that counts and means merge exactly in any order.</li>
 *   <li>All users: histograms of the seven value raw values, each fed only with strictly positive values.</li>
 * </ul>
 *
 * <p>Each metric is a set of {@link MergeableHistogram}s plus its exact count, minimum and maximum. Values are
 * taken at the resolution of {@code Money} (thousandths); whole numbers go to a histogram of units, the others to
 * a histogram of thousandths, negative values (only M can be negative) to mirrored ones. Merging adds bin counts,
 * so a model is the same, bit for bit, whatever the partitioning of the users and the order of the merges, and
 * re-running a day reproduces it exactly.
 *
 * <p>Error bound ({@link #RELATIVE_ERROR}): a cut point or table point is the exact inclusive quantile for
 * whole-number metrics (R, F, counts, days; social when referralWeight is whole) up to
 * {@value MergeableHistogram#EXACT_LIMIT}, and for any metric when its magnitude is below 1.024; otherwise it is
 * rounded toward zero by less than 0.5 % of its magnitude, and never beyond the exact minimum and maximum. (In a
 * metric that mixes whole and fractional values, such as M, a whole-number quantile is not always exact: 14.03
 * shares a bin with 14 that reports 13.974.) Values with more than three decimals are first rounded to
 * thousandths. Counts, sums, means, minima and maxima are exact.
 *
 * <p>Serialization ({@link #toBytes}) is the engine's own compact versioned format (varints, bins as deltas);
 * reading it is strict. Not thread-safe: one instance per worker.
 */
public final class PopulationSketches {
    /**
     * Bound on the relative error of every cut point and table point against the exact quantile: 0.5 %, rounded
     * toward zero; exact for whole-number metrics up to {@value MergeableHistogram#EXACT_LIMIT} and for magnitudes
     * below 1.024 (see the class comment).
     */
    public static final double RELATIVE_ERROR = MergeableHistogram.RELATIVE_WIDTH;

    private static final int MAGIC = 0x55415053; // "UAPS"
    private static final byte VERSION = 2;

    private static final int R = 0, F = 1, M = 2, V_FREQ = 3, V_MON = 4, SOCIAL = 5, CONTENT = 6, ACTIVITY = 7,
            TENURE = 8, REPURCHASE = 9, METRICS = 10;

    private long users;
    private long customers;
    private long sumRecencyDays;
    private long sumFrequency;
    private long sumMonetaryMilli;
    private final Metric[] metrics = new Metric[METRICS];

    public PopulationSketches() {
        for (int i = 0; i < METRICS; i++) metrics[i] = new Metric();
    }

    /** An empty partial. (The configuration does not shape it any more; kept as the one way to create one.) */
    public static PopulationSketches create(ScoringConfig c) {
        return new PopulationSketches();
    }

    /** Adds one user (as scored by {@link Scorer}: its RFM values and value inputs as of the day). */
    public void add(ScoreInputs in, ScoringConfig c) {
        add(in.rfmValues(), in.valueInputs(), c.value().referralWeight());
    }

    /**
     * Adds one user. R/F/M enter the customer histograms only if the user is a customer; value raw values enter
     * their histogram only if strictly positive.
     */
    public void add(RfmValues rfm, ValueInputs v, double referralWeight) {
        users++;
        if (rfm.isCustomer()) {
            customers++;
            sumRecencyDays += rfm.recencyDays();
            sumFrequency += rfm.frequency();
            sumMonetaryMilli = Math.addExact(sumMonetaryMilli, Math.round(rfm.monetary() * 1000));
            metrics[R].add(rfm.recencyDays());
            metrics[F].add(rfm.frequency());
            metrics[M].add(rfm.monetary());
        }
        addPositive(V_FREQ, v.frequency());
        addPositive(V_MON, v.monetary());
        addPositive(SOCIAL, v.socialRaw(referralWeight));
        addPositive(CONTENT, v.posts());
        addPositive(ACTIVITY, v.activeDays());
        addPositive(TENURE, v.tenureDays());
        addPositive(REPURCHASE, v.repeatPurchaseDays());
    }

    private void addPositive(int metric, double value) {
        if (value > 0) metrics[metric].add(value);
    }

    /** Merges another partial into this one: adds counts, sums and bin counts (exact, order-independent). */
    public PopulationSketches merge(PopulationSketches other) {
        users = Math.addExact(users, other.users);
        customers = Math.addExact(customers, other.customers);
        sumRecencyDays = Math.addExact(sumRecencyDays, other.sumRecencyDays);
        sumFrequency = Math.addExact(sumFrequency, other.sumFrequency);
        sumMonetaryMilli = Math.addExact(sumMonetaryMilli, other.sumMonetaryMilli);
        for (int i = 0; i < METRICS; i++) metrics[i].merge(other.metrics[i]);
        return this;
    }

    // ---- exact statistics ----

    public long users() {
        return users;
    }

    public long customers() {
        return customers;
    }

    public long sumRecencyDays() {
        return sumRecencyDays;
    }

    public long sumFrequency() {
        return sumFrequency;
    }

    public long sumMonetaryMilli() {
        return sumMonetaryMilli;
    }

    public double meanRecencyDays() {
        return customers == 0 ? Double.NaN : (double) sumRecencyDays / customers;
    }

    public double meanFrequency() {
        return customers == 0 ? Double.NaN : (double) sumFrequency / customers;
    }

    public double meanMonetary() {
        return customers == 0 ? Double.NaN : (double) sumMonetaryMilli / 1000.0 / customers;
    }

    /** Values in each of the 10 histograms, in the order R, F, M, then the 7 value raw values. Exact. */
    public long[] sketchCounts() {
        long[] n = new long[METRICS];
        for (int i = 0; i < METRICS; i++) n[i] = metrics[i].n;
        return n;
    }

    // ---- the model ----

    /**
     * The day's scoring model. RFM cut points are the inclusive 20/40/60/80 % quantiles of R, F and M over customers
     * (the value at sorted position ⌈r·n⌉), the means are exact; both fall back to the configured defaults below
     * rfm.minCustomersForCuts customers. Each value table holds the inclusive quantiles at ranks 0, 0.01, …, 1 of the
     * positive raw values (rank 0 and 1 = the exact minimum and maximum); a table falls back to its default below
     * value.minPopulation values. Quantiles within {@link #RELATIVE_ERROR}, see the class comment.
     */
    public ScoringModel toModel(ScoringConfig c, Integer asOfDay) {
        RfmModel rfm;
        if (customers >= c.rfm().minCustomersForCuts()) {
            rfm = new RfmModel(customers, metrics[R].cuts(), metrics[F].cuts(), metrics[M].cuts(),
                    meanRecencyDays(), meanFrequency(), meanMonetary());
        } else {
            rfm = ScoringModel.defaultRfm(c.rfm());
        }
        ValueModel d = ScoringModel.defaultValue(c.rfm(), c.value());
        int min = c.value().minPopulation();
        ValueModel value = new ValueModel(users,
                metrics[V_FREQ].table(min, d.frequency()),
                metrics[V_MON].table(min, d.monetary()),
                metrics[SOCIAL].table(min, d.social()),
                metrics[CONTENT].table(min, d.content()),
                metrics[ACTIVITY].table(min, d.activity()),
                metrics[TENURE].table(min, d.tenure()),
                metrics[REPURCHASE].table(min, d.repurchase()));
        return new ScoringModel(asOfDay, RELATIVE_ERROR, rfm, value);
    }

    // ---- serialization ----

    /**
     * Version 2: magic {@code UAPS}, version byte; users, customers, Σ R, Σ F as unsigned varints, Σ M (thousandths)
     * as a zigzag varint; then per metric its n (varint) and, if n &gt; 0, min and max (IEEE doubles) and its four
     * histograms, each as the number of bins, (bin − previous bin, count) varint pairs and the histogram's sum
     * (zigzag varint).
     */
    public byte[] toBytes() {
        Out o = new Out();
        o.int32(MAGIC);
        o.out.write(VERSION);
        o.varint(users);
        o.varint(customers);
        o.varint(sumRecencyDays);
        o.varint(sumFrequency);
        o.zigzag(sumMonetaryMilli);
        for (Metric m : metrics) m.write(o);
        return o.out.toByteArray();
    }

    /** Reads {@link #toBytes}; any malformed or inconsistent input → {@link IllegalArgumentException}. */
    public static PopulationSketches fromBytes(byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            if (b.getInt() != MAGIC) throw new IllegalArgumentException("not a population sketch");
            byte version = b.get();
            if (version != VERSION) throw new IllegalArgumentException("unsupported population sketch version " + version);
            PopulationSketches p = new PopulationSketches();
            p.users = unsigned(b);
            p.customers = unsigned(b);
            p.sumRecencyDays = unsigned(b);
            p.sumFrequency = unsigned(b);
            p.sumMonetaryMilli = zigzag(b);
            for (int i = 0; i < METRICS; i++) p.metrics[i].read(b, i == M);
            if (b.hasRemaining()) throw new IllegalArgumentException("trailing bytes in population sketch");
            if (p.customers > p.users) throw new IllegalArgumentException("corrupt population sketch: customers > users");
            for (int i = 0; i < METRICS; i++) {
                long n = p.metrics[i].n;
                if (i <= M ? n != p.customers : n > p.users) {
                    throw new IllegalArgumentException("corrupt population sketch: metric " + i + " has " + n + " values");
                }
            }
            return p;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated population sketch", e);
        }
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(toBytes());
    }

    public static PopulationSketches fromBase64(String s) {
        return fromBytes(Base64.getDecoder().decode(s));
    }

    /**
     * One metric: exact n, min, max, and four histograms by sign and kind — whole numbers in units (exact up to
     * {@value MergeableHistogram#EXACT_LIMIT}), other values in thousandths; negative values by magnitude.
     */
    private static final class Metric {
        static final int UNITS = 0, MILLI = 1, NEGATIVE = 2, PARTS = 4;

        final MergeableHistogram[] parts = new MergeableHistogram[PARTS];
        long n;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;

        Metric() {
            for (int i = 0; i < PARTS; i++) parts[i] = new MergeableHistogram();
        }

        void add(double v) {
            long milli = Math.round(Math.abs(v) * 1000);
            int side = v < 0 && milli > 0 ? NEGATIVE : 0;
            if (milli % 1000 == 0) parts[side + UNITS].add(milli / 1000);
            else parts[side + MILLI].add(milli);
            n++;
            if (v < min) min = v;
            if (v > max) max = v;
        }

        void merge(Metric o) {
            if (o.n == 0) return;
            for (int i = 0; i < PARTS; i++) parts[i].merge(o.parts[i]);
            n = Math.addExact(n, o.n);
            min = Math.min(min, o.min);
            max = Math.max(max, o.max);
        }

        /**
         * Magnitude a bin stands for, in the histogram's unit: the integer for exact bins; for a log bin its lower
         * edge rounded up to an integer (every value in it is an integer ≥ that edge; the 1e-12 keeps the last-bit
         * rounding of the edge from crossing an integer). Every value counted in the bin is ≥ it and &lt; 1.005 × it.
         */
        static double magnitude(int bin) {
            double edge = MergeableHistogram.binValue(bin);
            if (bin <= MergeableHistogram.EXACT_LIMIT) return edge;
            return Math.max(MergeableHistogram.EXACT_LIMIT + 1, Math.ceil(edge * (1 - 1e-12)));
        }

        /** Distinct representative values, ascending, with their cumulative counts. */
        record Ladder(double[] values, long[] cumulative) {
            double atRank(long rank) {
                int lo = 0, hi = cumulative.length - 1;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (cumulative[mid] < rank) lo = mid + 1; else hi = mid;
                }
                return values[lo];
            }
        }

        Ladder ladder() {
            TreeMap<Double, Long> byValue = new TreeMap<>();
            for (int part = 0; part < PARTS; part++) {
                MergeableHistogram.State s = parts[part].state();
                double sign = part >= NEGATIVE ? -1 : 1;
                double divisor = part % 2 == MILLI ? 1000 : 1;
                for (int i = 0; i < s.bins().length; i++) {
                    byValue.merge(sign * magnitude(s.bins()[i]) / divisor, s.counts()[i], Long::sum);
                }
            }
            double[] values = new double[byValue.size()];
            long[] cumulative = new long[byValue.size()];
            int i = 0;
            long seen = 0;
            for (Map.Entry<Double, Long> e : byValue.entrySet()) {
                values[i] = e.getKey();
                seen += e.getValue();
                cumulative[i++] = seen;
            }
            return new Ladder(values, cumulative);
        }

        /** Inclusive quantile at rank num/den: the value at sorted position max(1, ⌈num·n/den⌉), within [min, max]. */
        double quantile(Ladder l, long num, long den) {
            long rank = Math.max(1, n / den * num + (n % den * num + den - 1) / den); // ⌈num·n/den⌉ without overflow
            return Math.max(min, Math.min(max, l.atRank(rank)));
        }

        CutPoints cuts() {
            Ladder l = ladder();
            return new CutPoints(quantile(l, 1, 5), quantile(l, 2, 5), quantile(l, 3, 5), quantile(l, 4, 5));
        }

        QuantileTable table(int minPopulation, QuantileTable fallback) {
            if (n < minPopulation || n == 0) return fallback;
            Ladder l = ladder();
            int last = QuantileTable.DEFAULT_SIZE - 1;
            double[] pts = new double[last + 1];
            pts[0] = min;
            for (int i = 1; i < last; i++) pts[i] = quantile(l, i, last);
            pts[last] = max;
            return new QuantileTable(n, pts);
        }

        void write(Out o) {
            o.varint(n);
            if (n == 0) return;
            o.float64(min);
            o.float64(max);
            for (MergeableHistogram h : parts) {
                MergeableHistogram.State s = h.state();
                o.varint(s.bins().length);
                int previous = 0;
                for (int i = 0; i < s.bins().length; i++) {
                    o.varint(s.bins()[i] - previous);
                    o.varint(s.counts()[i]);
                    previous = s.bins()[i];
                }
                o.zigzag(s.sumMilli());
            }
        }

        void read(ByteBuffer b, boolean signed) {
            n = unsigned(b);
            if (n == 0) return;
            min = b.getDouble();
            max = b.getDouble();
            if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
                throw new IllegalArgumentException("corrupt population sketch: min " + min + ", max " + max);
            }
            long total = 0;
            for (int part = 0; part < PARTS; part++) {
                long size = unsigned(b);
                if (size > b.remaining() / 2) throw new IllegalArgumentException("corrupt population sketch: " + size + " bins");
                if (size > 0 && part >= NEGATIVE && !signed) {
                    throw new IllegalArgumentException("corrupt population sketch: negative values in an unsigned metric");
                }
                int[] bins = new int[(int) size];
                long[] counts = new long[(int) size];
                long bin = 0;
                for (int i = 0; i < size; i++) {
                    long delta = unsigned(b);
                    if ((i > 0 && delta == 0) || delta > MergeableHistogram.MAX_BIN) {
                        throw new IllegalArgumentException("corrupt population sketch: bin delta " + delta);
                    }
                    bin += delta;
                    if (bin > MergeableHistogram.MAX_BIN) throw new IllegalArgumentException("corrupt population sketch: bin " + bin);
                    bins[i] = (int) bin;
                    counts[i] = unsigned(b);
                    if (counts[i] == 0) throw new IllegalArgumentException("corrupt population sketch: empty bin");
                    total += counts[i];
                    if (total < 0 || total > n) throw new IllegalArgumentException("corrupt population sketch: bin counts exceed n");
                }
                long sumMilli = zigzag(b);
                long partCount = 0;
                for (long c : counts) partCount += c;
                parts[part] = MergeableHistogram.of(new MergeableHistogram.State(bins, counts, partCount, sumMilli));
            }
            if (total != n) throw new IllegalArgumentException("corrupt population sketch: bin counts " + total + " ≠ n " + n);
        }
    }

    // ---- varints ----

    private static final class Out {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);

        void int32(int v) {
            out.write(v >>> 24);
            out.write(v >>> 16);
            out.write(v >>> 8);
            out.write(v);
        }

        void float64(double d) {
            long v = Double.doubleToRawLongBits(d);
            for (int shift = 56; shift >= 0; shift -= 8) out.write((int) (v >>> shift));
        }

        /** Unsigned LEB128. */
        void varint(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        void zigzag(long v) {
            varint((v << 1) ^ (v >> 63));
        }
    }

    /** A varint that must fit a non-negative long. */
    private static long unsigned(ByteBuffer b) {
        long v = raw(b);
        if (v < 0) throw new IllegalArgumentException("corrupt population sketch: varint out of range");
        return v;
    }

    private static long zigzag(ByteBuffer b) {
        long v = raw(b);
        return (v >>> 1) ^ -(v & 1);
    }

    /** Unsigned LEB128, at most 10 bytes, canonical (no trailing zero group). */
    private static long raw(ByteBuffer b) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int x = b.get() & 0xFF;
            if (shift == 63 && x > 1) throw new IllegalArgumentException("corrupt population sketch: varint overflow");
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                if (x == 0 && shift > 0) throw new IllegalArgumentException("corrupt population sketch: padded varint");
                return v;
            }
        }
        throw new IllegalArgumentException("corrupt population sketch: varint too long");
    }
}
