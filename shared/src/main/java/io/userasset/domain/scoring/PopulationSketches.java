package io.userasset.domain.scoring;

import io.userasset.domain.scoring.rfm.CutPoints;
import io.userasset.domain.scoring.rfm.RfmModel;
import io.userasset.domain.scoring.rfm.RfmValues;
import io.userasset.domain.scoring.value.QuantileTable;
import io.userasset.domain.scoring.value.ValueInputs;
import io.userasset.domain.scoring.value.ValueModel;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.kll.KllSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;
import org.apache.datasketches.quantilescommon.QuantilesDoublesSketchIterator;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * Mergeable population statistics of one day's scoring, accumulated over users by the daily workers and merged by
 * the reducer into the day's {@link ScoringModel}.
 *
 * <ul>
 *   <li>Customers (users with ≥ 1 order ever): KLL sketches of R, F, M, and exact sums (R and F as long, M as a long
 *       of thousandths, like {@code Money}) so that counts and means merge exactly in any order.</li>
 *   <li>All users: KLL sketches of the seven value raw values, each fed only with strictly positive values, with
 *       exact counts, minimum and maximum.</li>
 * </ul>
 *
 * <p>Error: every quantile read from a KLL sketch of size K has normalized rank error ≤ {@link #rankError()}
 * (DataSketches' single-sided bound, 99 % confidence: K=200 → 1.33 %): the returned item's true rank is within
 * ± ε·n of the requested rank. KLL merges are lossless with respect to that bound (a sketch merged from any number of
 * partitions has the same guarantee as one built from all values), but KLL compaction is randomized, so two merge
 * orders or two runs can return different items within the bound. Counts, sums, means, minima and maxima are exact
 * and order-independent.
 *
 * <p>Serialization ({@link #toBytes}) is the engine's own compact format: for each sketch its retained items with
 * their weights (powers of two) and its exact count, minimum and maximum; deserialization rebuilds the sketch by
 * weighted updates. (DataSketches' own {@code toByteArray}/{@code heapify} need {@code jdk.incubator.foreign} on
 * Java 17 via datasketches-memory 4; this format needs nothing.) Not thread-safe: one instance per worker.
 */
public final class PopulationSketches {
    private static final int MAGIC = 0x55415053; // "UAPS"
    private static final byte VERSION = 1;
    private static final QuantileSearchCriteria INCLUSIVE = QuantileSearchCriteria.INCLUSIVE;

    private static final int R = 0, F = 1, M = 2, V_FREQ = 3, V_MON = 4, SOCIAL = 5, CONTENT = 6, ACTIVITY = 7,
            TENURE = 8, REPURCHASE = 9, METRICS = 10;

    private final int k;
    private long users;
    private long customers;
    private long sumRecencyDays;
    private long sumFrequency;
    private long sumMonetaryMilli;
    private final Metric[] metrics = new Metric[METRICS];

    public PopulationSketches(int k) {
        if (k < 8 || k > 65535) throw new IllegalArgumentException("KLL K must be in [8, 65535]: " + k);
        this.k = k;
        for (int i = 0; i < METRICS; i++) metrics[i] = new Metric(KllDoublesSketch.newHeapInstance(k));
    }

    public static PopulationSketches create(ScoringConfig c) {
        return new PopulationSketches(c.rfm().sketchK());
    }

    /** Adds one user (as scored by {@link Scorer}: its RFM values and value inputs as of the day). */
    public void add(ScoreInputs in, ScoringConfig c) {
        add(in.rfmValues(), in.valueInputs(), c.value().referralWeight());
    }

    /**
     * Adds one user. R/F/M enter the customer sketches only if the user is a customer; value raw values enter their
     * sketch only if strictly positive.
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

    /** Merges another partial into this one (KLL merge for sketches; exact for counts, sums, minima, maxima). */
    public PopulationSketches merge(PopulationSketches other) {
        if (other.k != k) throw new IllegalArgumentException("cannot merge sketches of different K: " + k + " vs " + other.k);
        users = Math.addExact(users, other.users);
        customers = Math.addExact(customers, other.customers);
        sumRecencyDays = Math.addExact(sumRecencyDays, other.sumRecencyDays);
        sumFrequency = Math.addExact(sumFrequency, other.sumFrequency);
        sumMonetaryMilli = Math.addExact(sumMonetaryMilli, other.sumMonetaryMilli);
        for (int i = 0; i < METRICS; i++) metrics[i].merge(other.metrics[i]);
        return this;
    }

    // ---- exact statistics ----

    public int k() {
        return k;
    }

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

    /** KLL normalized rank error of the quantiles (single-sided, 99 % confidence). */
    public double rankError() {
        return KllSketch.getNormalizedRankError(k, false);
    }

    /** Values in each of the 10 sketches, in the order R, F, M, then the 7 value raw values. Exact. */
    public long[] sketchCounts() {
        long[] n = new long[METRICS];
        for (int i = 0; i < METRICS; i++) n[i] = metrics[i].sketch.getN();
        return n;
    }

    // ---- the model ----

    /**
     * The day's scoring model. RFM cut points are the inclusive 20/40/60/80 % quantiles of R, F and M over customers,
     * the means are exact; both fall back to the configured defaults below rfm.minCustomersForCuts customers. Each
     * value table holds the inclusive quantiles at ranks 0, 0.01, …, 1 of the positive raw values (rank 0 and 1 = the
     * exact minimum and maximum); a table falls back to its default below value.minPopulation values.
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
        return new ScoringModel(asOfDay, k, rankError(), rfm, value);
    }

    // ---- serialization ----

    public byte[] toBytes() {
        int size = 4 + 1 + 4 + 5 * 8;
        for (Metric m : metrics) size += m.serializedSize();
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(MAGIC).put(VERSION).putInt(k);
        b.putLong(users).putLong(customers).putLong(sumRecencyDays).putLong(sumFrequency).putLong(sumMonetaryMilli);
        for (Metric m : metrics) m.write(b);
        return b.array();
    }

    public static PopulationSketches fromBytes(byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            if (b.getInt() != MAGIC) throw new IllegalArgumentException("not a population sketch");
            byte version = b.get();
            if (version != VERSION) throw new IllegalArgumentException("unsupported population sketch version " + version);
            PopulationSketches p = new PopulationSketches(b.getInt());
            p.users = b.getLong();
            p.customers = b.getLong();
            p.sumRecencyDays = b.getLong();
            p.sumFrequency = b.getLong();
            p.sumMonetaryMilli = b.getLong();
            for (Metric m : p.metrics) m.read(b);
            if (b.hasRemaining()) throw new IllegalArgumentException("trailing bytes in population sketch");
            if (p.metrics[R].sketch.getN() != p.customers) throw new IllegalArgumentException("inconsistent population sketch");
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

    /** One metric: its KLL sketch plus the exact minimum and maximum (KLL's own are not kept by our format). */
    private static final class Metric {
        final KllDoublesSketch sketch;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;

        Metric(KllDoublesSketch sketch) {
            this.sketch = sketch;
        }

        void add(double v) {
            sketch.update(v);
            if (v < min) min = v;
            if (v > max) max = v;
        }

        void merge(Metric o) {
            if (o.sketch.isEmpty()) return;
            sketch.merge(o.sketch);
            min = Math.min(min, o.min);
            max = Math.max(max, o.max);
        }

        double quantile(double rank) {
            double q = sketch.getQuantile(rank, INCLUSIVE);
            return Math.max(min, Math.min(max, q));
        }

        CutPoints cuts() {
            return new CutPoints(quantile(0.2), quantile(0.4), quantile(0.6), quantile(0.8));
        }

        QuantileTable table(int minPopulation, QuantileTable fallback) {
            long n = sketch.getN();
            if (n < minPopulation) return fallback;
            int size = QuantileTable.DEFAULT_SIZE;
            double[] pts = new double[size];
            pts[0] = min;
            pts[size - 1] = max;
            for (int i = 1; i < size - 1; i++) pts[i] = Math.max(pts[i - 1], quantile(i / (double) (size - 1)));
            pts[size - 1] = Math.max(pts[size - 2], max);
            return new QuantileTable(n, pts);
        }

        int serializedSize() {
            return 8 + 8 + 8 + 4 + (sketch.isEmpty() ? 0 : sketch.getNumRetained() * 9);
        }

        void write(ByteBuffer b) {
            b.putLong(sketch.getN()).putDouble(min).putDouble(max);
            if (sketch.isEmpty()) {
                b.putInt(0);
                return;
            }
            b.putInt(sketch.getNumRetained());
            QuantilesDoublesSketchIterator it = sketch.iterator();
            while (it.next()) {
                long w = it.getWeight();
                if (Long.bitCount(w) != 1) throw new IllegalStateException("KLL weight not a power of two: " + w);
                b.putDouble(it.getQuantile()).put((byte) Long.numberOfTrailingZeros(w));
            }
        }

        void read(ByteBuffer b) {
            long n = b.getLong();
            min = b.getDouble();
            max = b.getDouble();
            int retained = b.getInt();
            if (retained < 0 || retained > b.remaining() / 9) throw new IllegalArgumentException("corrupt population sketch");
            for (int i = 0; i < retained; i++) {
                double item = b.getDouble();
                int level = b.get();
                if (level < 0 || level > 62) throw new IllegalArgumentException("corrupt KLL level " + level);
                if (level == 0) sketch.update(item); else sketch.update(item, 1L << level);
            }
            if (sketch.getN() != n) throw new IllegalArgumentException("corrupt population sketch: n " + sketch.getN() + " ≠ " + n);
        }
    }
}
