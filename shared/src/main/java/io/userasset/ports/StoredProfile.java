package io.userasset.ports;

import io.userasset.domain.assessment.DailyMarks;
import io.userasset.domain.assessment.ProfileScores;
import io.userasset.domain.profile.ProfileFacts;
import io.userasset.events.ProfileKey;

/**
 * A profile as stored: its facts and scores, the daily marks the daily job keeps on it, the
 * optimistic-locking version it was read at (null when it does not exist yet) and, for anonymous
 * visitors, when it expires.
 *
 * @param scores               null for profiles never scored (anonymous visitors, merged tombstones)
 * @param marks                never null ({@link DailyMarks#NONE} before the first daily run)
 * @param expiresAtEpochSecond TTL of anonymous profiles; null for users, who never expire
 */
public record StoredProfile(ProfileKey key, Long version, ProfileFacts facts, ProfileScores scores, DailyMarks marks,
                            Long expiresAtEpochSecond) {

    public StoredProfile {
        if (marks == null) marks = DailyMarks.NONE;
    }

    public boolean exists() {
        return version != null;
    }
}
