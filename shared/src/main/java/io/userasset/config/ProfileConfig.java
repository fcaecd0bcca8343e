package io.userasset.config;

/**
 * @param dedupHorizonDays events are deduplicated exactly when they arrive within this many days (event
 *                         time) of the newest event of their user; see docs/reliability.md
 * @param inlineDedupKeys  deduplication keys kept in the profile item itself; beyond this many, they move
 *                         to a key archive so the item stays within one write unit
 * @param anonymousTtlDays a never-identified visitor's profile expires this long after its last event
 */
public record ProfileConfig(int dedupHorizonDays, int inlineDedupKeys, int anonymousTtlDays) {

    public ProfileConfig {
        if (dedupHorizonDays < 1) throw new IllegalArgumentException("profile.dedupHorizonDays must be at least 1");
        if (inlineDedupKeys < 1) throw new IllegalArgumentException("profile.inlineDedupKeys must be at least 1");
        if (anonymousTtlDays < 1) throw new IllegalArgumentException("profile.anonymousTtlDays must be at least 1");
    }
}
