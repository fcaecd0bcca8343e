package io.userasset.domain.profile;

import java.util.Arrays;

/**
 * Fingerprints of the deduplication keys of recent non-idempotent events (orders, refunds,
 * shares, posts, referrals), each with its event day. Kept sorted by fingerprint so equal sets
 * have equal encodings, whatever order the events came in.
 */
final class RecentKeys {
    private long[] fingerprints;
    private int[] days;
    private int size;

    RecentKeys() {
        this(new long[0], new int[0]);
    }

    RecentKeys(long[] fingerprints, int[] days) {
        this.fingerprints = fingerprints;
        this.days = days;
        this.size = fingerprints.length;
    }

    boolean contains(long fingerprint) {
        return Arrays.binarySearch(fingerprints, 0, size, fingerprint) >= 0;
    }

    /** Adds the key; returns false when it was already present. */
    boolean add(long fingerprint, int day) {
        int at = Arrays.binarySearch(fingerprints, 0, size, fingerprint);
        if (at >= 0) {
            // Same key seen with another day: keep the earliest, so the result is order-independent.
            days[at] = Math.min(days[at], day);
            return false;
        }
        int insert = -at - 1;
        if (size == fingerprints.length) {
            int capacity = Math.max(4, size * 2);
            fingerprints = Arrays.copyOf(fingerprints, capacity);
            days = Arrays.copyOf(days, capacity);
        }
        System.arraycopy(fingerprints, insert, fingerprints, insert + 1, size - insert);
        System.arraycopy(days, insert, days, insert + 1, size - insert);
        fingerprints[insert] = fingerprint;
        days[insert] = day;
        size++;
        return true;
    }

    /** Forgets keys of events older than {@code oldestKeptDay}. */
    void evictBefore(int oldestKeptDay) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (days[i] >= oldestKeptDay) {
                fingerprints[kept] = fingerprints[i];
                days[kept] = days[i];
                kept++;
            }
        }
        size = kept;
    }

    void addAll(RecentKeys other) {
        for (int i = 0; i < other.size; i++) add(other.fingerprints[i], other.days[i]);
    }

    int size() {
        return size;
    }

    long fingerprint(int i) {
        return fingerprints[i];
    }

    int day(int i) {
        return days[i];
    }

    RecentKeys copy() {
        return new RecentKeys(Arrays.copyOf(fingerprints, size), Arrays.copyOf(days, size));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecentKeys r && Arrays.equals(fingerprints, 0, size, r.fingerprints, 0, r.size)
                && Arrays.equals(days, 0, size, r.days, 0, r.size);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < size; i++) h = 31 * h + Long.hashCode(fingerprints[i]) + days[i];
        return h;
    }
}
