package io.userasset.application.daily;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.userasset.config.EngineConfig;
import io.userasset.domain.actions.ActionCandidate;
import io.userasset.domain.actions.ActionPolicy;
import io.userasset.domain.actions.Position;
import io.userasset.domain.assessment.DailyMark;
import io.userasset.domain.assessment.DailyMarks;
import io.userasset.domain.assessment.ModelSet;
import io.userasset.domain.assessment.ProfileAssessor;
import io.userasset.domain.assessment.ProfileScores;
import io.userasset.domain.assessment.ScoresCodec;
import io.userasset.domain.clv.CustomerSummary;
import io.userasset.domain.clv.FrequencyStats;
import io.userasset.domain.clv.SpendStats;
import io.userasset.domain.metrics.DailyPartial;
import io.userasset.domain.scoring.PopulationSketches;
import io.userasset.domain.scoring.ScoringConfig;
import io.userasset.domain.time.Days;
import io.userasset.observability.JsonLog;
import io.userasset.ports.DailyFiles;
import io.userasset.ports.ModelStore;
import io.userasset.ports.ProfileScanner;
import io.userasset.ports.ProfileStore;
import io.userasset.ports.RunLedger;
import io.userasset.ports.StoredProfile;
import io.userasset.ports.WorkQueue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * One segment of the daily job (SPEC §5), in ONE pass over the segment, page by page, so its memory
 * does not grow with users. For every user it:
 * <ul>
 *   <li>re-scores as of the day with the models fitted before the day (yesterday's fit), writes the
 *       profile back when its position changed materially, and writes its snapshot row;</li>
 *   <li>adds the user to the day's partial metrics and to the population statistics the reducer
 *       refits tomorrow's models from;</li>
 *   <li>offers what only the passage of time revealed (e.g. a user gone dormant overnight) as an
 *       action candidate for the reducer's ranking.</li>
 * </ul>
 * Everything it writes is a function of the day, the profiles and the day's models, under
 * deterministic keys, so a retried or duplicated segment produces the same result.
 */
public final class DailyWorker {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_WRITE_ATTEMPTS = 5;
    /** Re-score writes a segment keeps running at once. */
    private static final int WRITES_IN_FLIGHT = 16;

    private final EngineConfig config;
    private final MaterialChange materialChange;
    private final ProfileScanner scanner;
    private final ProfileStore profiles;
    private final ModelStore models;
    private final DailyFiles files;
    private final RunLedger ledger;
    private final WorkQueue queue;
    private final Days days;
    private final Path tempDir;
    private final ExecutorService writePool;

    public DailyWorker(EngineConfig config, ProfileScanner scanner, ProfileStore profiles, ModelStore models,
                       DailyFiles files, RunLedger ledger, WorkQueue queue, Path tempDir, ExecutorService writePool) {
        this.config = config;
        this.materialChange = new MaterialChange(config.daily().materialCompositePoints(), config.daily().materialClvRelative());
        this.scanner = scanner;
        this.profiles = profiles;
        this.models = models;
        this.files = files;
        this.ledger = ledger;
        this.queue = queue;
        this.days = new Days(config.time().zoneId());
        this.tempDir = tempDir;
        this.writePool = writePool;
    }

    /** What one segment did, for logs and metrics. */
    public record Result(int segment, long profiles, long written, long conflicts, boolean lastSegment) {}

    public Result run(DailyMessage m) {
        if (!DailyMessage.SCORE.equals(m.phase())) throw new IllegalArgumentException("not a work phase: " + m.phase());
        long[] counters = score(m);
        int done = ledger.markDone(m.date(), m.phase(), m.segment());
        boolean last = done >= m.segments();
        if (last) queue.sendReduce(DailyMessage.reduce(m.date(), DailyMessage.FINALIZE, m.segments()).toJson());
        JsonLog.info("daily segment done", "date", m.date(), "segment", m.segment(), "segments", m.segments(),
                "profiles", counters[0], "written", counters[1], "conflicts", counters[2], "segmentsDone", done);
        return new Result(m.segment(), counters[0], counters[1], counters[2], last);
    }

    private long[] score(DailyMessage m) {
        int day = Days.day(LocalDate.parse(m.date()));
        ModelSet modelSet = models.latestBefore(day).orElseGet(() -> ModelSet.defaults(config));
        ProfileAssessor assessor = new ProfileAssessor(config, modelSet);
        ActionPolicy policy = new ActionPolicy(config.actions());
        ScoringConfig scoring = ScoringConfig.from(config);
        PopulationSketches population = PopulationSketches.create(scoring);
        FrequencyStats.Builder frequency = FrequencyStats.builder();
        SpendStats.Builder spend = SpendStats.builder(config.clv().spendBinRelativeWidth());
        DailyPartial partial = new DailyPartial(day);
        long[] counters = new long[3]; // profiles, written, conflicts
        Deque<InFlight> inFlight = new ArrayDeque<>();
        Path part = tempFile(m);
        try {
            try (SnapshotWriter snapshot = new SnapshotWriter(part, days)) {
                forEachUser(m, stored -> {
                    if (signupDay(stored) > day) return; // not a user yet on the day scored (an event of the next morning)
                    counters[0]++;
                    population.add(assessor.inputs(stored.facts(), day), scoring);
                    CustomerSummary c = assessor.customer(stored.facts(), day);
                    if (c != null) {
                        frequency.add(c);
                        spend.add(c);
                    }
                    Rescore r = rescore(stored, day, assessor);
                    inFlight.add(new InFlight(r, r.changed() ? submitWrite(r) : null));
                    // settled in scan order, so the snapshot part and the partial do not depend on write timing
                    while (!inFlight.isEmpty() && (inFlight.size() > WRITES_IN_FLIGHT || inFlight.peek().settled())) {
                        record(settle(inFlight.poll(), day, assessor, counters), day, m, policy, partial, snapshot, counters);
                    }
                });
                while (!inFlight.isEmpty()) record(settle(inFlight.poll(), day, assessor, counters), day, m, policy, partial, snapshot, counters);
            }
            files.putSnapshotPart(m.date(), m.segment(), m.segments(), part);
            files.putPartial(m.date(), DailyMessage.SCORE, m.segment(), m.segments(), JSON.writeValueAsBytes(
                    new SegmentPartial(partial, MeasurePartial.of(population, frequency.build(), spend.build()))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                JsonLog.warn("temporary snapshot part not deleted", "file", part.getFileName().toString());
            }
        }
        return counters;
    }

    /** A user re-scored as of the day, and what its item needs. */
    private record Rescore(StoredProfile profile, ProfileScores scores, DailyMark baseline, boolean scoredByIngestToday,
                           ProfileScores keep, DailyMarks marks, boolean changed) {}

    /** A re-score whose write (if it needs one) may still be running. */
    private record InFlight(Rescore rescore, Future<Boolean> written) {
        boolean settled() {
            return written == null || written.isDone();
        }
    }

    private Rescore rescore(StoredProfile p, int day, ProfileAssessor assessor) {
        ProfileScores scores = ScoresCodec.normalize(assessor.assess(p.facts(), day, p.scores()));
        DailyMarks seen = p.marks().asSeenOn(day, p.scores());
        // Stored scores never move back in time (ingest may already have scored today),
        // and are rewritten only when the user's position changed materially.
        boolean newer = p.scores() != null && p.scores().asOfDay() > day;
        ProfileScores keep = newer || !materialChange.between(p.scores(), scores) ? p.scores() : scores;
        boolean scoredByIngestToday = scoredByIngestOn(day, p.scores(), seen);
        DailyMarks marks = scoredByIngestToday && keep == p.scores() ? seen
                : materialChange.marksAfter(seen, DailyMark.of(scores));
        boolean changed = keep != p.scores() || !marks.equals(seen);
        return new Rescore(p, scores, seen.baselineFor(day), scoredByIngestToday, keep, marks, changed);
    }

    /**
     * Writes run beside the scan (a segment's time is mostly its writes' round trips); without a
     * pool, in turn.
     */
    private Future<Boolean> submitWrite(Rescore r) {
        if (writePool == null) return CompletableFuture.completedFuture(tryWrite(r));
        return writePool.submit(() -> tryWrite(r));
    }

    /**
     * The re-score as written: a write that lost to a concurrent one (ingest wrote the user
     * meanwhile) is redone, in turn, from the latest item.
     */
    private Rescore settle(InFlight f, int day, ProfileAssessor assessor, long[] counters) {
        Rescore r = f.rescore();
        if (f.written() == null || await(f.written())) return r;
        for (int attempt = 2; ; attempt++) {
            counters[2]++;
            if (attempt > MAX_WRITE_ATTEMPTS) {
                throw new IllegalStateException("gave up re-scoring " + r.profile().key() + " after conflicting writes");
            }
            r = rescore(profiles.loadLatest(r.profile().key()), day, assessor);
            if (!r.changed() || tryWrite(r)) return r;
        }
    }

    private static boolean await(Future<Boolean> written) {
        try {
            return written.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing re-scores", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** The user's row in the day's snapshot and partial, and what time alone revealed about it. */
    private void record(Rescore r, int day, DailyMessage m, ActionPolicy policy, DailyPartial partial,
                        SnapshotWriter snapshot, long[] counters) {
        StoredProfile p = r.profile();
        if (r.changed()) counters[1]++;
        partial.add(day, p.facts(), signupDay(p), r.scores(), r.baseline());
        snapshot.write(m.date(), p.key().id(), p.facts(), r.scores(), r.baseline());
        // what the day's events revealed, the profile stream has decided already
        if (r.baseline() != null && !r.scoredByIngestToday()) {
            offerActions(partial, policy.decide(p.key().id(), Position.of(r.baseline()), r.scores()));
        }
    }

    private Path tempFile(DailyMessage m) {
        try {
            return Files.createTempFile(tempDir, "snapshot-" + m.date() + "-" + m.segment() + "-", ".jsonl.gz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What only the passage of time revealed, kept for the reducer's ranking. */
    private void offerActions(DailyPartial partial, List<ActionCandidate> found) {
        for (ActionCandidate c : found) {
            int keep = config.actions().types().get(c.type().id()).dailyBudget();
            partial.offer(c.type().id(), new DailyPartial.Candidate(c.userId(), c.reasonCode(), c.reason(),
                    Math.round(c.scores().clvOrZero() * 1000), Base64.getEncoder().encodeToString(ScoresCodec.encode(c.scores()))),
                    keep);
        }
    }

    /**
     * Whether ingest scored the user on the run's day, and no run of that day marked it since. Such
     * scores, when the re-score keeps them, are the day's mark already: tomorrow's run sees them as
     * such ({@link DailyMarks#asSeenOn}), so recording them would cost a write for nothing. And the
     * user's moves of the day came from events, whose actions the profile stream decided when ingest
     * wrote them: offered again here they would only be duplicates, crowding the day's ranked
     * budget of what time alone revealed.
     */
    private static boolean scoredByIngestOn(int day, ProfileScores stored, DailyMarks seen) {
        return stored != null && stored.asOfDay() == day && (seen.latest() == null || seen.latest().day() < day);
    }

    private boolean tryWrite(Rescore r) {
        StoredProfile p = r.profile();
        try {
            profiles.write(new StoredProfile(p.key(), p.version(), p.facts(), r.keep(), r.marks(), p.expiresAtEpochSecond()));
            return true;
        } catch (ProfileStore.VersionConflict conflict) {
            return false;
        }
    }

    /** Registration day, or the first day seen for users who never registered (the cohort they belong to). */
    private int signupDay(StoredProfile p) {
        var f = p.facts();
        if (f.isRegistered()) return days.dayOfEpochMilli(f.registeredAtMilli());
        return f.firstSeenDay() == Days.NONE ? f.headDay() : f.firstSeenDay();
    }

    /** Identified users only: anonymous visitors and merged tombstones are not part of the user base. */
    private void forEachUser(DailyMessage m, Consumer<StoredProfile> action) {
        int pageSize = config.daily().scanPageSize();
        String after = null;
        do {
            ProfileScanner.Page page = scanner.page(m.segment(), m.segments(), after, pageSize);
            for (StoredProfile p : page.profiles()) {
                if (!p.key().isAnonymous() && p.facts().headDay() != Days.NONE) action.accept(p);
            }
            after = page.nextKey();
        } while (after != null);
    }
}
