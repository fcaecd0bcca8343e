package io.userasset.domain.profile;

import java.util.Arrays;

/**
 * A fixed-width window of day flags ending at a head day owned by the caller: bit i stands for
 * day (head − i). Setting a bit is idempotent and commutative; moving the head forward shifts old
 * days out of the window.
 */
final class DayBits {
    private final long[] words;

    DayBits(int width) {
        if (width % 64 != 0) throw new IllegalArgumentException("width must be a multiple of 64");
        this.words = new long[width / 64];
    }

    private DayBits(long[] words) {
        this.words = words;
    }

    int width() {
        return words.length * 64;
    }

    /** Sets the flag at the given offset from the head; returns whether it was newly set. Offsets outside the window are ignored. */
    boolean set(int offset) {
        if (offset < 0 || offset >= width()) return false;
        long mask = 1L << (offset & 63);
        long before = words[offset >>> 6];
        words[offset >>> 6] = before | mask;
        return (before & mask) == 0;
    }

    boolean get(int offset) {
        if (offset < 0 || offset >= width()) return false;
        return (words[offset >>> 6] & (1L << (offset & 63))) != 0;
    }

    /** Moves the head forward by {@code days}; returns how many set flags fell out of the window. */
    int advance(int days) {
        if (days <= 0) return 0;
        int width = width();
        if (days >= width) {
            int dropped = cardinality();
            Arrays.fill(words, 0L);
            return dropped;
        }
        int dropped = countFrom(width - days);
        int wordShift = days >>> 6;
        int bitShift = days & 63;
        for (int i = words.length - 1; i >= 0; i--) {
            int src = i - wordShift;
            long value = src >= 0 ? words[src] << bitShift : 0L;
            if (bitShift != 0 && src - 1 >= 0) value |= words[src - 1] >>> (64 - bitShift);
            words[i] = value;
        }
        return dropped;
    }

    /** Number of set flags at offsets in [from, to). */
    int count(int from, int to) {
        int n = 0;
        for (int i = Math.max(0, from); i < Math.min(to, width()); i++) {
            if (get(i)) n++;
        }
        return n;
    }

    private int countFrom(int from) {
        return count(from, width());
    }

    int cardinality() {
        int n = 0;
        for (long w : words) n += Long.bitCount(w);
        return n;
    }

    /** Union with another window whose head is {@code lag} days behind this one's. */
    void orShifted(DayBits other, int lag) {
        DayBits shifted = other.copy();
        shifted.advance(lag);
        for (int i = 0; i < words.length; i++) words[i] |= shifted.words[i];
    }

    long[] words() {
        return words.clone();
    }

    static DayBits of(long[] words) {
        return new DayBits(words.clone());
    }

    DayBits copy() {
        return new DayBits(words.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DayBits d && Arrays.equals(words, d.words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }
}
