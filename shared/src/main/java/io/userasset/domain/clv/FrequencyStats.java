package io.userasset.domain.clv;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Grouped sufficient statistics of the BG/NBD family: how many customers have each (x, t_x, T),
 * all three in whole days ({@link CustomerSummary}). Immutable; built with {@link #builder()} by each
 * worker of the daily job and combined with {@link #merge}: counts are exact integers and the form is
 * canonical (sorted by key), so any merge order gives an identical result. The fit converts days to
 * its time unit, so one set of stats serves any {@code timeUnitDays}.
 *
 * <p>Constraints per tuple: {@code x ≥ 0}, {@code 0 ≤ tx ≤ T}, {@code tx = 0} when {@code x = 0}, all
 * below 2^21. (x ≤ tx holds for purchase days but is not required here, so transaction-count
 * conventions can be fitted too.)
 *
 * <p>Serialized forms: JSON {@code {"x":[…],"tx":[…],"t":[…],"count":[…]}} (parallel arrays, sorted),
 * or {@link #toBytes()} (delta-coded varints, typically 3–5 bytes per distinct tuple).
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class FrequencyStats {
    static final int BITS = 21;
    /** Largest allowed value of x, tx and T (days). */
    public static final int MAX_VALUE = (1 << BITS) - 1;
    private static final byte FORMAT = 1;
    private static final FrequencyStats EMPTY = new FrequencyStats(new long[0], new long[0]);

    private final long[] keys;   // x << 42 | tx << 21 | T, strictly increasing
    private final long[] counts; // ≥ 1
    private final long customers;

    private FrequencyStats(long[] keys, long[] counts) {
        this.keys = keys;
        this.counts = counts;
        long c = 0;
        for (long n : counts) c = Math.addExact(c, n);
        this.customers = c;
    }

    public static FrequencyStats empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable accumulator; not thread-safe (one per worker). */
    public static final class Builder {
        private final LongCountMap map = new LongCountMap(1024);

        public Builder add(CustomerSummary c) {
            return add(c.x(), c.txDays(), c.tDays(), 1);
        }

        public Builder add(int x, int txDays, int tDays) {
            return add(x, txDays, tDays, 1);
        }

        public Builder add(int x, int txDays, int tDays, long count) {
            if (count < 0) throw new IllegalArgumentException("negative count");
            if (count == 0) return this;
            map.add(pack(x, txDays, tDays), count);
            return this;
        }

        public Builder addAll(FrequencyStats s) {
            for (int i = 0; i < s.keys.length; i++) map.add(s.keys[i], s.counts[i]);
            return this;
        }

        public FrequencyStats build() {
            long[][] e = map.sortedEntries();
            return e[0].length == 0 ? EMPTY : new FrequencyStats(e[0], e[1]);
        }
    }

    static long pack(int x, int tx, int t) {
        if (x < 0 || tx < 0 || t < tx || t > MAX_VALUE || x > MAX_VALUE) {
            throw new IllegalArgumentException("need 0 <= x, 0 <= tx <= T <= " + MAX_VALUE + "; got x=" + x + " tx=" + tx + " T=" + t);
        }
        if (x == 0 && tx != 0) throw new IllegalArgumentException("tx must be 0 when x = 0, got tx=" + tx);
        return ((long) x << (2 * BITS)) | ((long) tx << BITS) | t;
    }

    /** Exact merge; commutative and associative. */
    public FrequencyStats merge(FrequencyStats other) {
        if (other.keys.length == 0) return this;
        if (keys.length == 0) return other;
        long[] k = new long[keys.length + other.keys.length];
        long[] c = new long[k.length];
        int i = 0, j = 0, n = 0;
        while (i < keys.length || j < other.keys.length) {
            if (j == other.keys.length || (i < keys.length && keys[i] < other.keys[j])) {
                k[n] = keys[i];
                c[n++] = counts[i++];
            } else if (i == keys.length || other.keys[j] < keys[i]) {
                k[n] = other.keys[j];
                c[n++] = other.counts[j++];
            } else {
                k[n] = keys[i];
                c[n++] = Math.addExact(counts[i++], other.counts[j++]);
            }
        }
        return new FrequencyStats(Arrays.copyOf(k, n), Arrays.copyOf(c, n));
    }

    public static FrequencyStats mergeAll(Iterable<FrequencyStats> parts) {
        FrequencyStats acc = EMPTY;
        for (FrequencyStats p : parts) acc = acc.merge(p);
        return acc;
    }

    public int distinctTuples() {
        return keys.length;
    }

    public long customers() {
        return customers;
    }

    /** Customers with at least one repeat purchase. */
    public long repeaters() {
        long r = 0;
        for (int i = 0; i < keys.length; i++) if (x(i) > 0) r += counts[i];
        return r;
    }

    public int x(int i) {
        return (int) (keys[i] >>> (2 * BITS));
    }

    public int txDays(int i) {
        return (int) ((keys[i] >>> BITS) & MAX_VALUE);
    }

    public int tDays(int i) {
        return (int) (keys[i] & MAX_VALUE);
    }

    public long count(int i) {
        return counts[i];
    }

    // ---- JSON -------------------------------------------------------------------------------------

    @JsonProperty("x")
    int[] jsonX() {
        int[] a = new int[keys.length];
        for (int i = 0; i < a.length; i++) a[i] = x(i);
        return a;
    }

    @JsonProperty("tx")
    int[] jsonTx() {
        int[] a = new int[keys.length];
        for (int i = 0; i < a.length; i++) a[i] = txDays(i);
        return a;
    }

    @JsonProperty("t")
    int[] jsonT() {
        int[] a = new int[keys.length];
        for (int i = 0; i < a.length; i++) a[i] = tDays(i);
        return a;
    }

    @JsonProperty("count")
    long[] jsonCount() {
        return counts.clone();
    }

    @JsonCreator
    static FrequencyStats fromJson(@JsonProperty("x") int[] x, @JsonProperty("tx") int[] tx,
                                   @JsonProperty("t") int[] t, @JsonProperty("count") long[] count) {
        if (x == null || tx == null || t == null || count == null) throw new IllegalArgumentException("missing arrays");
        if (x.length != tx.length || x.length != t.length || x.length != count.length) {
            throw new IllegalArgumentException("arrays differ in length");
        }
        Builder b = builder();
        for (int i = 0; i < x.length; i++) {
            if (count[i] <= 0) throw new IllegalArgumentException("count must be positive");
            b.add(x[i], tx[i], t[i], count[i]);
        }
        return b.build();
    }

    // ---- bytes ------------------------------------------------------------------------------------

    /** Format byte, varint n, then n × (varint key delta, varint count). */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 + keys.length * 5);
        out.write(FORMAT);
        Varints.write(out, keys.length);
        long prev = 0;
        for (int i = 0; i < keys.length; i++) {
            Varints.write(out, keys[i] - prev);
            Varints.write(out, counts[i]);
            prev = keys[i];
        }
        return out.toByteArray();
    }

    public static FrequencyStats fromBytes(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            if (in.get() != FORMAT) throw new IllegalArgumentException("unknown FrequencyStats format");
            int n = Math.toIntExact(Varints.read(in));
            long[] k = new long[n];
            long[] c = new long[n];
            long prev = 0;
            for (int i = 0; i < n; i++) {
                long key = prev + Varints.read(in);
                if (i > 0 && key <= prev) throw new IllegalArgumentException("keys not increasing");
                int x = (int) (key >>> (2 * BITS)), tx = (int) ((key >>> BITS) & MAX_VALUE), t = (int) (key & MAX_VALUE);
                if (pack(x, tx, t) != key) throw new IllegalArgumentException("invalid key");
                k[i] = key;
                c[i] = Varints.read(in);
                if (c[i] <= 0) throw new IllegalArgumentException("count must be positive");
                prev = key;
            }
            if (in.hasRemaining()) throw new IllegalArgumentException("trailing bytes");
            return n == 0 ? EMPTY : new FrequencyStats(k, c);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated FrequencyStats bytes", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FrequencyStats f && Arrays.equals(keys, f.keys) && Arrays.equals(counts, f.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(keys) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "FrequencyStats[customers=" + customers + ", distinctTuples=" + keys.length + "]";
    }
}
