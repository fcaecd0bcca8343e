package io.userasset.domain.metrics;

import io.userasset.domain.assessment.DailyMark;
import io.userasset.domain.assessment.ProfileScores;
import io.userasset.domain.profile.ProfileFacts;
import io.userasset.domain.scoring.lifecycle.LifecycleStage;
import io.userasset.domain.time.Days;

import java.util.Map;
import java.util.TreeMap;

/**
 * One scan segment's contribution to a day's metrics: counters only, so partials from any number
 * of workers merge exactly, in any order, into the same {@link DailyMetrics} (docs/metrics.md defines
 * each one). Public fields because it is a plain JSON document between worker and reducer.
 */
public final class DailyPartial {
    public static final int[] RETENTION_DAYS = {1, 7, 30};

    public String date;
    public long users;
    public long newUsers;
    public long dau;
    public long wau;
    public long mau;
    public long customers;
    public long repeatCustomers;
    public long[] cohortSize = new long[RETENTION_DAYS.length];
    public long[] retained = new long[RETENTION_DAYS.length];
    public Map<String, Long> segment8 = new TreeMap<>();
    public Map<String, Long> segment11 = new TreeMap<>();
    public Map<String, Long> stage = new TreeMap<>();
    public Map<String, Long> tier = new TreeMap<>();
    public Map<String, Long> riskLevel = new TreeMap<>();
    /** "from>to" → users, for users scored on the previous daily run too. */
    public Map<String, Long> stageMigration = new TreeMap<>();
    public Map<String, Long> segmentMigration = new TreeMap<>();
    public long usersWithBaseline;
    public long segmentChanged;
    public long baselineClvMilli;
    public long churnedClvMilli;
    public long netRevenueMilli;
    public long predictedClvMilli;
    public Map<String, ChannelPartial> channels = new TreeMap<>();
    /** Daily action candidates, the best (by predicted CLV) per type only: never more than the day's budget. */
    public Map<String, java.util.List<Candidate>> candidates = new TreeMap<>();

    /**
     * An action the daily run wants to take; ranked by predicted CLV (then user id, so ties break the same way).
     *
     * @param scores the user's scores (ScoresCodec, Base64)
     */
    public record Candidate(String userId, String reasonCode, String reason, long clvMilli, String scores) {
        static final java.util.Comparator<Candidate> BEST_FIRST =
                java.util.Comparator.comparingLong(Candidate::clvMilli).reversed().thenComparing(Candidate::userId);
    }

    /** Per acquisition channel ("unknown" for users who never registered with one). */
    public static final class ChannelPartial {
        public long users;
        public long newUsers30;
        public long customers;
        public long netRevenueMilli;
        public long predictedClvMilli;

        void merge(ChannelPartial o) {
            users += o.users;
            newUsers30 += o.newUsers30;
            customers += o.customers;
            netRevenueMilli += o.netRevenueMilli;
            predictedClvMilli += o.predictedClvMilli;
        }
    }

    public DailyPartial() {}

    public DailyPartial(int day) {
        this.date = Days.date(day).toString();
    }

    /**
     * Adds one user as of the day.
     *
     * @param signupDay registration day, or first-seen day for users who never registered
     * @param baseline  the user's mark from the previous daily run, or null
     */
    public void add(int day, ProfileFacts f, int signupDay, ProfileScores s, DailyMark baseline) {
        users++;
        if (signupDay == day) newUsers++;
        if (f.activeOn(day)) dau++;
        if (f.activeDays(day, 7) > 0) wau++;
        if (f.activeDays(day, 30) > 0) mau++;
        if (s.isBuyer()) {
            customers++;
            if (f.purchaseDays(day) >= 2) repeatCustomers++;
        }
        for (int i = 0; i < RETENTION_DAYS.length; i++) {
            if (signupDay == day - RETENTION_DAYS[i]) {
                cohortSize[i]++;
                if (f.activeOn(day)) retained[i]++;
            }
        }
        count(segment8, s.segment8().id());
        count(segment11, s.segment11().id());
        count(stage, s.stage().id());
        count(tier, s.tier().id());
        count(riskLevel, s.riskLevel().id());
        long clvMilli = Math.round(s.clvOrZero() * 1000);
        netRevenueMilli += f.netMilli();
        predictedClvMilli += clvMilli;
        if (baseline != null) {
            usersWithBaseline++;
            count(stageMigration, baseline.stage().id() + ">" + s.stage().id());
            count(segmentMigration, baseline.segment11().id() + ">" + s.segment11().id());
            if (baseline.segment11() != s.segment11()) segmentChanged++;
            baselineClvMilli += baseline.clvMilli();
            if (s.stage() == LifecycleStage.CHURNED && baseline.stage() != LifecycleStage.CHURNED) {
                churnedClvMilli += baseline.clvMilli();
            }
        }
        String channel = f.channel() == null ? "unknown" : f.channel();
        ChannelPartial c = channels.computeIfAbsent(channel, k -> new ChannelPartial());
        c.users++;
        if (signupDay > day - 30 && signupDay <= day) c.newUsers30++;
        if (s.isBuyer()) c.customers++;
        c.netRevenueMilli += f.netMilli();
        c.predictedClvMilli += clvMilli;
    }

    /** Offers a candidate; only the best {@code keep} of its type are retained. */
    public void offer(String type, Candidate c, int keep) {
        java.util.List<Candidate> list = candidates.computeIfAbsent(type, k -> new java.util.ArrayList<>());
        list.add(c);
        if (list.size() > 2 * keep + 16) trim(list, keep);
    }

    /** The best candidates of a type, best first. */
    public java.util.List<Candidate> best(String type, int keep) {
        java.util.List<Candidate> list = new java.util.ArrayList<>(candidates.getOrDefault(type, java.util.List.of()));
        trim(list, keep);
        return list;
    }

    private static void trim(java.util.List<Candidate> list, int keep) {
        list.sort(Candidate.BEST_FIRST);
        if (list.size() > keep) list.subList(keep, list.size()).clear();
    }

    public DailyPartial merge(DailyPartial o) {
        if (date == null) date = o.date;
        else if (o.date != null && !o.date.equals(date)) throw new IllegalArgumentException("partials of different days");
        users += o.users;
        newUsers += o.newUsers;
        dau += o.dau;
        wau += o.wau;
        mau += o.mau;
        customers += o.customers;
        repeatCustomers += o.repeatCustomers;
        for (int i = 0; i < RETENTION_DAYS.length; i++) {
            cohortSize[i] += o.cohortSize[i];
            retained[i] += o.retained[i];
        }
        mergeCounts(segment8, o.segment8);
        mergeCounts(segment11, o.segment11);
        mergeCounts(stage, o.stage);
        mergeCounts(tier, o.tier);
        mergeCounts(riskLevel, o.riskLevel);
        mergeCounts(stageMigration, o.stageMigration);
        mergeCounts(segmentMigration, o.segmentMigration);
        usersWithBaseline += o.usersWithBaseline;
        segmentChanged += o.segmentChanged;
        baselineClvMilli += o.baselineClvMilli;
        churnedClvMilli += o.churnedClvMilli;
        netRevenueMilli += o.netRevenueMilli;
        predictedClvMilli += o.predictedClvMilli;
        o.channels.forEach((k, v) -> channels.computeIfAbsent(k, x -> new ChannelPartial()).merge(v));
        o.candidates.forEach((k, v) -> candidates.computeIfAbsent(k, x -> new java.util.ArrayList<>()).addAll(v));
        return this;
    }

    private static void count(Map<String, Long> m, String key) {
        m.merge(key, 1L, Long::sum);
    }

    private static void mergeCounts(Map<String, Long> into, Map<String, Long> from) {
        from.forEach((k, v) -> into.merge(k, v, Long::sum));
    }
}
