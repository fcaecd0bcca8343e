package io.userasset.domain.clv;

import java.util.Arrays;

/** Open-addressing hash map from a non-negative long key to a long count (builders of the grouped stats). */
final class LongCountMap {
    private static final long EMPTY = -1L;
    private long[] keys;
    private long[] counts;
    private int size;

    LongCountMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
        keys = new long[cap];
        counts = new long[cap];
        Arrays.fill(keys, EMPTY);
    }

    void add(long key, long count) {
        if ((size + 1) * 2 > keys.length) grow();
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == key) {
                counts[i] = Math.addExact(counts[i], count);
                return;
            }
            if (k == EMPTY) {
                keys[i] = key;
                counts[i] = count;
                size++;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    /** Entries sorted by key: {keys, counts}. */
    long[][] sortedEntries() {
        long[] k = new long[size];
        int j = 0;
        for (long key : keys) if (key != EMPTY) k[j++] = key;
        Arrays.sort(k);
        long[] c = new long[size];
        for (int i = 0; i < size; i++) c[i] = get(k[i]);
        return new long[][] {k, c};
    }

    private long get(long key) {
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (keys[i] != key) i = (i + 1) & mask;
        return counts[i];
    }

    private void grow() {
        long[] oldK = keys, oldC = counts;
        keys = new long[oldK.length * 2];
        counts = new long[oldK.length * 2];
        Arrays.fill(keys, EMPTY);
        size = 0;
        for (int i = 0; i < oldK.length; i++) if (oldK[i] != EMPTY) add(oldK[i], oldC[i]);
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
