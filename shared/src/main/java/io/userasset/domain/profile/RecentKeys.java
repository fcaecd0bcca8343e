package io.userasset.domain.profile;

import java.util.Arrays;
import java.util.Objects;

/**
 * Fingerprints of the deduplication keys of recent non-idempotent events (orders, refunds,
 * shares, posts, referrals), each with its event day. The newest keys are kept inline, sorted by
 * fingerprint so equal sets have equal encodings whatever order the events came in; beyond
 * {@code inlineLimit} of them they are moved to a {@link KeyArchive} that the profile refers to.
 *
 * <p>The set of keys is the union of both parts, minus archived keys older than the horizon's cut
 * (the archive is immutable, so its stale keys are ignored rather than removed). A key seen with two
 * days keeps the earliest, so the result does not depend on arrival order.
 */
final class RecentKeys {
    private long[] fingerprints;
    private int[] days;
    private int size;
    private KeyArchiveRef archiveRef;
    /** The archive's keys, once loaded; null while only its reference is known. */
    private KeyArchive archive;

    RecentKeys() {
        this(new long[0], new int[0], null);
    }

    RecentKeys(long[] fingerprints, int[] days, KeyArchiveRef archiveRef) {
        this.fingerprints = fingerprints;
        this.days = days;
        this.size = fingerprints.length;
        this.archiveRef = archiveRef;
    }

    /**
     * Adds the key; returns false when it was already present.
     *
     * @param cut archived keys of days before it are beyond the horizon and no longer count
     * @throws IllegalStateException when the profile has an archive that has not been loaded
     */
    boolean add(long fingerprint, int day, int cut) {
        if (archiveRef != null) {
            int at = loadedArchive().indexOf(fingerprint);
            if (at >= 0 && archive.day(at) >= cut) {
                // Already known: an earlier day shadows the archived one inline, as for inline keys.
                if (day < archive.day(at)) addInline(fingerprint, day);
                return false;
            }
        }
        return addInline(fingerprint, day);
    }

    private boolean addInline(long fingerprint, int day) {
        int at = Arrays.binarySearch(fingerprints, 0, size, fingerprint);
        if (at >= 0) {
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

    /** Forgets keys of events older than {@code oldestKeptDay}; an archive goes once all its keys are. */
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
        if (archiveRef != null && archiveRef.newestDay() < oldestKeptDay) dropArchive();
    }

    /** Adds every key of {@code other} (whose archive must be loaded, if it has one). */
    void addAll(RecentKeys other, int cut) {
        for (int i = 0; i < other.size; i++) add(other.fingerprints[i], other.days[i], cut);
        if (other.archiveRef != null) {
            KeyArchive source = other.loadedArchive();
            for (int i = 0; i < source.size(); i++) add(source.fingerprint(i), source.day(i), cut);
        }
    }

    /**
     * When more than {@code inlineLimit} keys are inline, moves them and the archived keys still
     * inside the horizon into a new archive with id {@code newId}, and returns it; else null.
     */
    KeyArchive spill(int inlineLimit, long newId, int cut) {
        if (size <= inlineLimit) return null;
        RecentKeys all = allInline(cut); // a fresh set whose arrays are exactly its keys
        archive = new KeyArchive(newId, all.fingerprints, all.days);
        archiveRef = archive.ref();
        size = 0;
        return archive;
    }

    /** The same set of keys with every key inline (the archive, which must be loaded, merged in). */
    RecentKeys allInline(int cut) {
        if (archiveRef == null) return copy();
        KeyArchive old = loadedArchive();
        long[] fps = new long[size + old.size()];
        int[] ds = new int[size + old.size()];
        int n = 0;
        int i = 0;
        int j = 0;
        while (i < size || j < old.size()) {
            if (j < old.size() && old.day(j) < cut) {
                j++; // beyond the horizon
            } else if (j == old.size() || (i < size && fingerprints[i] < old.fingerprint(j))) {
                fps[n] = fingerprints[i];
                ds[n++] = days[i++];
            } else if (i == size || old.fingerprint(j) < fingerprints[i]) {
                fps[n] = old.fingerprint(j);
                ds[n++] = old.day(j++);
            } else {
                fps[n] = fingerprints[i];
                ds[n++] = Math.min(days[i++], old.day(j++));
            }
        }
        return new RecentKeys(Arrays.copyOf(fps, n), Arrays.copyOf(ds, n), null);
    }

    KeyArchiveRef archiveRef() {
        return archiveRef;
    }

    boolean archiveLoaded() {
        return archiveRef == null || archive != null;
    }

    void loadArchive(KeyArchive loaded) {
        if (archiveRef == null || loaded.id() != archiveRef.id()) {
            throw new IllegalArgumentException("archive " + Long.toHexString(loaded.id()) + " is not the one this profile refers to");
        }
        archive = loaded;
    }

    void dropArchive() {
        archiveRef = null;
        archive = null;
    }

    private KeyArchive loadedArchive() {
        if (archive == null) {
            throw new IllegalStateException("the profile's archived deduplication keys must be loaded before keyed events are folded");
        }
        return archive;
    }

    int inlineSize() {
        return size;
    }

    long fingerprint(int i) {
        return fingerprints[i];
    }

    int day(int i) {
        return days[i];
    }

    RecentKeys copy() {
        RecentKeys c = new RecentKeys(Arrays.copyOf(fingerprints, size), Arrays.copyOf(days, size), archiveRef);
        c.archive = archive;
        return c;
    }

    /** Equal inline keys and the same archive (loaded or not: an archive is immutable). */
    @Override
    public boolean equals(Object o) {
        return o instanceof RecentKeys r && Arrays.equals(fingerprints, 0, size, r.fingerprints, 0, r.size)
                && Arrays.equals(days, 0, size, r.days, 0, r.size) && Objects.equals(archiveRef, r.archiveRef);
    }

    @Override
    public int hashCode() {
        int h = Objects.hashCode(archiveRef);
        for (int i = 0; i < size; i++) h = 31 * h + Long.hashCode(fingerprints[i]) + days[i];
        return h;
    }
}
