package io.userasset.ports;

import java.util.List;

/** Reads the profile table in parallel segments, page by page, so a worker's memory never holds more than a page. */
public interface ProfileScanner {

    /**
     * @param afterKey the storage key the previous page ended with, or null for the segment's first page
     */
    Page page(int segment, int totalSegments, String afterKey, int limit);

    /** Approximate number of profiles (the coordinator sizes the fan-out by it). */
    long approximateCount();

    /** @param nextKey null when the segment is exhausted */
    record Page(List<StoredProfile> profiles, String nextKey) {}
}
