package io.userasset.domain.profile;

import java.util.Arrays;

/**
 * Deduplication keys moved out of a profile item into an item of their own, so that a user with
 * many orders, shares or posts inside the deduplication horizon keeps a profile item within one
 * write unit. Immutable: a profile that outgrows its inline keys again gets a NEW archive (with a
 * new id) holding the old archive's keys and the inline ones, and the profile write that refers to
 * it is what makes it current; an archive that lost a conditional write is never referred to.
 */
public final class KeyArchive {
    private final long id;
    private final long[] fingerprints;
    private final int[] days;
    private final int newestDay;

    /** @param fingerprints sorted ascending, distinct; {@code days[i]} is the event day of {@code fingerprints[i]} */
    KeyArchive(long id, long[] fingerprints, int[] days) {
        if (fingerprints.length != days.length || fingerprints.length == 0) {
            throw new IllegalArgumentException("an archive holds one day per key and at least one key");
        }
        this.id = id;
        this.fingerprints = fingerprints;
        this.days = days;
        this.newestDay = Arrays.stream(days).max().getAsInt();
    }

    public long id() {
        return id;
    }

    public int size() {
        return fingerprints.length;
    }

    /** The newest event day among the keys: the whole archive leaves the horizon after it. */
    public int newestDay() {
        return newestDay;
    }

    public KeyArchiveRef ref() {
        return new KeyArchiveRef(id, fingerprints.length, newestDay);
    }

    int indexOf(long fingerprint) {
        return Arrays.binarySearch(fingerprints, fingerprint);
    }

    long fingerprint(int i) {
        return fingerprints[i];
    }

    int day(int i) {
        return days[i];
    }
}
