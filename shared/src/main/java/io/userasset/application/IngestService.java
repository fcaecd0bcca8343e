package io.userasset.application;

import io.userasset.domain.profile.FoldOutcome;
import io.userasset.domain.profile.KeyArchive;
import io.userasset.domain.profile.KeyArchiveRef;
import io.userasset.domain.profile.ProfileFacts;
import io.userasset.domain.profile.ProfileFold;
import io.userasset.domain.time.Days;
import io.userasset.events.Event;
import io.userasset.events.EventType;
import io.userasset.events.ParseResult;
import io.userasset.events.ProfileKey;
import io.userasset.observability.JsonLog;
import io.userasset.ports.AcquisitionCostStore;
import io.userasset.ports.KeyArchiveStore;
import io.userasset.ports.ProfileStore;
import io.userasset.ports.RejectSink;
import io.userasset.ports.RejectedInput;
import io.userasset.ports.StoredProfile;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Ingests one batch: parse every input, group the events by profile, fold each group into ONE
 * conditional write (coalescing: at most one read and one write per distinct profile per batch),
 * retry a write that lost to a concurrent writer, and report each input's outcome. Inputs whose
 * profile could not be written are FAILED so the event source retries them; the fold being
 * idempotent, a retried batch converges to the same profiles.
 *
 * <p>Anonymous profiles are processed before users, so that an identify in the same batch links
 * the anonymous history including this batch's events.
 */
public final class IngestService {
    static final int MAX_ATTEMPTS = 16;

    private final Function<byte[], ParseResult> parser;
    private final ProfileFold fold;
    private final ProfileWriter writer;
    private final ProfileStore store;
    private final KeyArchiveStore archives;
    private final RejectSink rejects;
    private final AcquisitionCostStore costs;
    private final ExecutorService pool;
    private final Clock clock;

    /**
     * @param pool runs the writes of distinct profiles concurrently (I/O bound); null runs them in turn
     */
    public IngestService(Function<byte[], ParseResult> parser, ProfileFold fold, ProfileWriter writer,
                         ProfileStore store, KeyArchiveStore archives, RejectSink rejects, AcquisitionCostStore costs,
                         ExecutorService pool, Clock clock) {
        this.parser = parser;
        this.fold = fold;
        this.writer = writer;
        this.store = store;
        this.archives = archives;
        this.rejects = rejects;
        this.costs = costs;
        this.pool = pool;
        this.clock = clock;
    }

    public IngestReport process(List<InputRecord> records) {
        Instant receivedAt = clock.instant();
        RecordOutcome[] outcomes = new RecordOutcome[records.size()];
        List<RejectedInput> rejected = new ArrayList<>();
        List<Integer> rejectedIndexes = new ArrayList<>();
        List<Event> costEvents = new ArrayList<>();
        List<Integer> costIndexes = new ArrayList<>();
        Map<ProfileKey, List<Indexed>> anonymousGroups = new LinkedHashMap<>();
        Map<ProfileKey, List<Indexed>> userGroups = new LinkedHashMap<>();

        for (int i = 0; i < records.size(); i++) {
            ParseResult result = parser.apply(records.get(i).payload());
            if (result instanceof ParseResult.Rejected r) {
                rejected.add(new RejectedInput(records.get(i).id(), receivedAt, r.rejection(), records.get(i).payload()));
                rejectedIndexes.add(i);
            } else {
                Event e = ((ParseResult.Accepted) result).event();
                if (e.type().isCompanyEvent()) {
                    costEvents.add(e);
                    costIndexes.add(i);
                } else {
                    ProfileKey key = e.profileKey();
                    (key.isAnonymous() ? anonymousGroups : userGroups).computeIfAbsent(key, k -> new ArrayList<>())
                            .add(new Indexed(i, e));
                }
            }
        }

        storeRejects(rejected, rejectedIndexes, outcomes);
        storeCosts(costEvents, costIndexes, outcomes);

        Counters counters = new Counters();
        runGroups(anonymousGroups, outcomes, counters);
        runGroups(userGroups, outcomes, counters);

        Map<String, RecordOutcome> byId = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) byId.put(records.get(i).id(), outcomes[i]);
        return new IngestReport(byId, counters.late.get(), counters.written.get(), counters.retries.get(),
                counters.identifyConflicts.get(), counters.batchReadFallbacks.get(), counters.expiredKeyArchives.get());
    }

    private void storeRejects(List<RejectedInput> rejected, List<Integer> indexes, RecordOutcome[] outcomes) {
        if (rejected.isEmpty()) return;
        RecordOutcome outcome = RecordOutcome.REJECTED;
        try {
            rejects.store(rejected);
        } catch (RuntimeException e) {
            JsonLog.error("rejects could not be stored; the inputs will be retried", e, "count", rejected.size());
            outcome = RecordOutcome.FAILED;
        }
        for (int i : indexes) outcomes[i] = outcome;
    }

    /**
     * Cost events are stored under their event id, so storing one again overwrites it; the same event
     * twice in one batch is stored once (a batch write must not name an item twice) and the second
     * copy reported as a duplicate.
     */
    private void storeCosts(List<Event> costEvents, List<Integer> indexes, RecordOutcome[] outcomes) {
        if (costEvents.isEmpty()) return;
        Map<String, Event> distinct = new LinkedHashMap<>();
        List<Integer> firstCopies = new ArrayList<>();
        for (int k = 0; k < costEvents.size(); k++) {
            if (distinct.putIfAbsent(costEvents.get(k).eventId(), costEvents.get(k)) == null) firstCopies.add(indexes.get(k));
            else outcomes[indexes.get(k)] = RecordOutcome.DUPLICATE;
        }
        RecordOutcome outcome = RecordOutcome.APPLIED;
        try {
            costs.record(new ArrayList<>(distinct.values()));
        } catch (RuntimeException e) {
            JsonLog.error("acquisition costs could not be stored; the inputs will be retried", e, "count", distinct.size());
            outcome = RecordOutcome.FAILED;
        }
        for (int i : firstCopies) outcomes[i] = outcome;
    }

    private void runGroups(Map<ProfileKey, List<Indexed>> groups, RecordOutcome[] outcomes, Counters counters) {
        if (groups.isEmpty()) return;
        Map<ProfileKey, StoredProfile> batchLoaded;
        try {
            batchLoaded = store.loadAll(groups.keySet());
        } catch (RuntimeException e) {
            // One failed batch read must not fail every event of the batch: each profile is read on
            // its own instead, and only the events whose own read or write fails are retried.
            JsonLog.warn("batch read of profiles failed; reading them one by one", "profiles", groups.size(),
                    "error", e.getClass().getSimpleName());
            counters.batchReadFallbacks.incrementAndGet();
            batchLoaded = null;
        }
        Map<ProfileKey, StoredProfile> loaded = batchLoaded;
        List<Callable<Void>> tasks = new ArrayList<>(groups.size());
        for (Map.Entry<ProfileKey, List<Indexed>> group : groups.entrySet()) {
            tasks.add(() -> {
                runGroup(group.getKey(), group.getValue(), loaded, outcomes, counters);
                return null;
            });
        }
        if (pool == null || tasks.size() == 1) {
            for (Callable<Void> task : tasks) call(task);
            return;
        }
        try {
            List<Future<Void>> futures = pool.invokeAll(tasks);
            for (Future<Void> f : futures) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing profiles", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("profile task failed unexpectedly", e.getCause());
        }
    }

    private static void call(Callable<Void> task) {
        try {
            task.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Folds one profile's events and writes them; never throws: failures become FAILED outcomes.
     * The profile comes from the batch read, or is read on its own when that failed ({@code loaded} null).
     */
    private void runGroup(ProfileKey key, List<Indexed> events, Map<ProfileKey, StoredProfile> loaded, RecordOutcome[] outcomes,
                          Counters counters) {
        try {
            StoredProfile preloaded = loaded != null ? loaded.get(key) : store.loadLatest(key);
            GroupResult result = foldAndWrite(key, events, preloaded, counters, 0);
            for (int i = 0; i < events.size(); i++) {
                FoldOutcome o = result.outcomes[i];
                if (o == FoldOutcome.APPLIED_LATE) counters.late.incrementAndGet();
                outcomes[events.get(i).index] = o == FoldOutcome.DUPLICATE ? RecordOutcome.DUPLICATE : RecordOutcome.APPLIED;
            }
        } catch (Exception e) {
            JsonLog.error("profile write failed; its events will be retried", e, "profile", key.storageKey(),
                    "events", events.size());
            for (Indexed x : events) outcomes[x.index] = RecordOutcome.FAILED;
        }
    }

    private GroupResult foldAndWrite(ProfileKey key, List<Indexed> events, StoredProfile preloaded, Counters counters,
                                     int redirects) throws Exception {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            StoredProfile base = attempt == 0 ? preloaded : store.loadLatest(key);
            if (base != null && key.isAnonymous() && base.facts().mergedInto() != null) {
                if (redirects > 0) throw new IllegalStateException("merged profile points to another merged profile: " + key);
                // This visitor was linked to a user: their events belong to the user now.
                ProfileKey user = ProfileKey.user(base.facts().mergedInto());
                return foldAndWrite(user, events, store.loadLatest(user), counters, redirects + 1);
            }
            ProfileFacts facts = base == null ? fold.empty() : base.facts().copy();
            if (needsKeys(events)) loadKeyArchive(key, facts, counters);
            FoldOutcome[] results = new FoldOutcome[events.size()];
            List<StoredProfile> linked = new ArrayList<>();
            boolean changed = false;
            for (int i : inEventTimeOrder(events)) {
                Event e = events.get(i).event;
                results[i] = e.type() == EventType.IDENTIFY ? link(key, facts, e, linked, counters) : fold.apply(facts, e);
                changed |= results[i] != FoldOutcome.DUPLICATE;
            }
            if (!changed) return new GroupResult(results);
            try {
                writer.write(key, base, facts, linked);
                counters.written.addAndGet(1 + linked.size());
                return new GroupResult(results);
            } catch (ProfileStore.VersionConflict conflict) {
                counters.retries.incrementAndGet();
                backOffAfterConflict(attempt);
            }
        }
        throw new IllegalStateException("gave up after " + MAX_ATTEMPTS + " conflicting writes on " + key);
    }

    /**
     * The fold's result does not depend on the order of a user's events (SPEC §3), but which of two
     * events carrying the same fact is reported the duplicate does (a session at 09:00 after one at
     * 10:00 changes nothing): folded in event-time order, a batch reports the same way however its
     * messages were delivered.
     */
    private static int[] inEventTimeOrder(List<Indexed> events) {
        return IntStream.range(0, events.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> events.get(i).event.occurredAt()))
                .mapToInt(Integer::intValue).toArray();
    }

    private static boolean needsKeys(List<Indexed> events) {
        for (Indexed x : events) {
            if (ProfileFold.usesDedupKeys(x.event)) return true;
        }
        return false;
    }

    /**
     * Only profiles with more keys than fit inline have an archive; only keyed events need it read.
     * An archive outlives its newest key by the horizon plus a day (in time as the engine's clock
     * tells it), so one that is gone after that expired: a user silent for longer than the horizon,
     * whose next events the fold would have dropped it for anyway, or an event that arrived that
     * late. It is forgotten and counted. Gone before that, it is a fault: the events fail.
     */
    private void loadKeyArchive(ProfileKey key, ProfileFacts facts, Counters counters) {
        if (facts.keyArchiveLoaded()) return;
        KeyArchiveRef ref = facts.keyArchive();
        Optional<KeyArchive> archive = archives.load(key, ref);
        if (archive.isPresent()) {
            facts.loadKeyArchive(archive.get());
            return;
        }
        Days days = fold.days();
        if (clock.instant().isBefore(days.endOf(ref.newestDay() + fold.dedupHorizonDays() + 1))) {
            throw new IllegalStateException("key archive " + Long.toHexString(ref.id()) + " of " + key.storageKey()
                    + " is missing before it could have expired");
        }
        counters.expiredKeyArchives.incrementAndGet();
        JsonLog.warn("key archive expired before its keys left the horizon; it is forgotten", "profile", key.storageKey(),
                "archivedKeys", ref.size());
        facts.dropKeyArchive();
    }

    /**
     * Writers that keep colliding on one hot profile would collide again if they all re-read at
     * once: a random pause, growing with the attempt (at most 128 ms), spreads them out.
     */
    private static void backOffAfterConflict(int attempt) throws InterruptedException {
        if (attempt == 0) return;
        Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << Math.min(attempt, 7)));
    }

    /** Links the identify's anonymous id to this user, merging the anonymous profile once. */
    private FoldOutcome link(ProfileKey key, ProfileFacts facts, Event e, List<StoredProfile> linked, Counters counters) {
        String anonymousId = e.anonymousId();
        if (anonymousId == null || key.isAnonymous()) return FoldOutcome.DUPLICATE;
        if (facts.hasLinked(ProfileFold.anonymousFingerprint(anonymousId))) return FoldOutcome.DUPLICATE;
        ProfileKey anonymousKey = ProfileKey.anonymous(anonymousId);
        StoredProfile anonymous = store.loadLatest(anonymousKey);
        if (anonymous != null && anonymous.facts().mergedInto() != null) {
            if (!anonymous.facts().mergedInto().equals(key.id())) {
                counters.identifyConflicts.incrementAndGet();
                JsonLog.warn("identify names an anonymous id already linked to another user; first link kept",
                        "profile", key.storageKey());
                return FoldOutcome.DUPLICATE;
            }
            return fold.link(facts, anonymousId, null);
        }
        if (anonymous != null) loadKeyArchive(anonymousKey, anonymous.facts(), counters);
        FoldOutcome outcome = fold.link(facts, anonymousId, anonymous == null ? null : anonymous.facts());
        ProfileFacts tombstone = fold.empty();
        fold.markMerged(tombstone, key.id());
        linked.add(new StoredProfile(anonymousKey, anonymous == null ? null : anonymous.version(), tombstone, null, null, null));
        return outcome;
    }

    private record Indexed(int index, Event event) {}

    private record GroupResult(FoldOutcome[] outcomes) {}

    private static final class Counters {
        final AtomicInteger late = new AtomicInteger();
        final AtomicInteger written = new AtomicInteger();
        final AtomicInteger retries = new AtomicInteger();
        final AtomicInteger identifyConflicts = new AtomicInteger();
        final AtomicInteger batchReadFallbacks = new AtomicInteger();
        final AtomicInteger expiredKeyArchives = new AtomicInteger();
    }
}
