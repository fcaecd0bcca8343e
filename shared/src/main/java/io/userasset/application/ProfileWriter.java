package io.userasset.application;

import io.userasset.domain.assessment.DailyMarks;
import io.userasset.domain.assessment.ProfileScores;
import io.userasset.domain.profile.KeyArchive;
import io.userasset.domain.profile.ProfileFacts;
import io.userasset.domain.profile.ProfileFold;
import io.userasset.domain.time.Days;
import io.userasset.events.ProfileKey;
import io.userasset.ports.KeyArchiveStore;
import io.userasset.ports.ProfileStore;
import io.userasset.ports.StoredProfile;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Turns freshly folded facts into the stored profile — scores recomputed with the current models
 * (SPEC §4: kept current on every event), expiry for anonymous visitors, deduplication keys beyond
 * the inline limit moved to a key archive — and writes it conditionally, together with any
 * anonymous profiles it just absorbed.
 */
public final class ProfileWriter {
    private final ProfileStore store;
    private final KeyArchiveStore archives;
    private final ProfileFold fold;
    private final CurrentModels models;
    private final Days days;
    private final Clock clock;
    private final int inlineDedupKeys;
    private final int anonymousTtlDays;

    public ProfileWriter(ProfileStore store, KeyArchiveStore archives, ProfileFold fold, CurrentModels models, Clock clock,
                         int inlineDedupKeys, int anonymousTtlDays) {
        this.store = store;
        this.archives = archives;
        this.fold = fold;
        this.models = models;
        this.days = fold.days();
        this.clock = clock;
        this.inlineDedupKeys = inlineDedupKeys;
        this.anonymousTtlDays = anonymousTtlDays;
    }

    /**
     * @param base   the profile as read (null when new): its version guards the write
     * @param linked anonymous profiles merged into this one, to be written in the same transaction
     */
    public void write(ProfileKey key, StoredProfile base, ProfileFacts facts, List<StoredProfile> linked)
            throws ProfileStore.VersionConflict {
        archiveExcessKeys(key, facts);
        ProfileScores scores = score(key, facts, base);
        DailyMarks marks = base == null ? null : base.marks();
        // Scores of an earlier day are that day's daily mark (DailyMarks.asSeenOn): kept as one when replaced.
        if (marks != null && scores != null) marks = marks.asSeenOn(scores.asOfDay(), base.scores());
        StoredProfile profile = new StoredProfile(key, base == null ? null : base.version(), facts, scores, marks, expiry(key, facts));
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

    /**
     * Stores the new archive BEFORE the profile that refers to it, so a stored profile never refers
     * to a missing archive. If the profile write then loses to a concurrent writer, the archive is
     * referred to by nothing (its id is random per attempt) and expires.
     */
    private void archiveExcessKeys(ProfileKey key, ProfileFacts facts) {
        KeyArchive archive = fold.spillKeys(facts, inlineDedupKeys, newArchiveId());
        if (archive == null) return;
        int today = days.dayOf(clock.instant());
        long expires = days.endOf(Math.max(today, archive.newestDay()) + fold.dedupHorizonDays() + 1).getEpochSecond();
        archives.save(key, archive, expires);
    }

    private static long newArchiveId() {
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong();
        } while (id == 0);
        return id;
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
