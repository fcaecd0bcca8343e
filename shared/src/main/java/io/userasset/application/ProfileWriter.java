package io.userasset.application;

import io.userasset.domain.assessment.ProfileScores;
import io.userasset.domain.profile.ProfileFacts;
import io.userasset.domain.time.Days;
import io.userasset.events.ProfileKey;
import io.userasset.ports.ProfileStore;
import io.userasset.ports.StoredProfile;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns freshly folded facts into the stored profile — scores recomputed with the current models
 * (SPEC §4: kept current on every event), expiry for anonymous visitors — and writes it
 * conditionally, together with any anonymous profiles it just absorbed.
 */
public final class ProfileWriter {
    private final ProfileStore store;
    private final CurrentModels models;
    private final Days days;
    private final Clock clock;
    private final int anonymousTtlDays;

    public ProfileWriter(ProfileStore store, CurrentModels models, Days days, Clock clock, int anonymousTtlDays) {
        this.store = store;
        this.models = models;
        this.days = days;
        this.clock = clock;
        this.anonymousTtlDays = anonymousTtlDays;
    }

    /**
     * @param base   the profile as read (null when new): its version guards the write
     * @param linked anonymous profiles merged into this one, to be written in the same transaction
     */
    public void write(ProfileKey key, StoredProfile base, ProfileFacts facts, List<StoredProfile> linked)
            throws ProfileStore.VersionConflict {
        StoredProfile profile = new StoredProfile(key, base == null ? null : base.version(), facts,
                score(key, facts, base), base == null ? null : base.marks(), expiry(key, facts));
        if (linked.isEmpty()) {
            store.write(profile);
            return;
        }
        List<StoredProfile> all = new ArrayList<>(linked.size() + 1);
        all.add(profile);
        for (StoredProfile l : linked) {
            all.add(new StoredProfile(l.key(), l.version(), l.facts(), null, null, expiry(l.key(), l.facts())));
        }
        store.writeAll(all);
    }

    /** Users are scored as of today (or their newest event, if it is tomorrow already); visitors are not scored. */
    private ProfileScores score(ProfileKey key, ProfileFacts facts, StoredProfile base) {
        if (key.isAnonymous()) return null;
        int asOf = Math.max(days.dayOf(clock.instant()), facts.headDay());
        return models.assessor().assess(facts, asOf, base == null ? null : base.scores());
    }

    /** Anonymous visitors are forgotten anonymousTtlDays after their last event (or after today, for replays of old data). */
    private Long expiry(ProfileKey key, ProfileFacts facts) {
        if (!key.isAnonymous()) return null;
        int today = days.dayOf(clock.instant());
        int last = facts.headDay() == Days.NONE ? today : Math.max(today, facts.headDay());
        return days.endOf(last + anonymousTtlDays).getEpochSecond();
    }
}
