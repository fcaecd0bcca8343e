package io.userasset.domain.assessment;

import io.userasset.config.EngineConfig;
import io.userasset.domain.clv.ClvScorer;
import io.userasset.domain.clv.CustomerSummary;
import io.userasset.domain.clv.UserClv;
import io.userasset.domain.profile.ProfileFacts;
import io.userasset.domain.scoring.ScoreInputs;
import io.userasset.domain.scoring.Scorer;
import io.userasset.domain.scoring.ScoringConfig;
import io.userasset.domain.scoring.Scores;
import io.userasset.domain.time.Days;

/**
 * Scores a profile as of a day with one set of models: facts → the scoring inputs and the CLV
 * customer summary → {@link ProfileScores}. One instance per model set (it prepares the models once);
 * thread-safe.
 */
public final class ProfileAssessor {
    private final EngineConfig config;
    private final ModelSet models;
    private final Scorer scorer;
    private final ClvScorer clv;
    private final Days days;

    public ProfileAssessor(EngineConfig config, ModelSet models) {
        this.config = config;
        this.models = models;
        this.scorer = new Scorer(ScoringConfig.from(config));
        this.clv = new ClvScorer(models.clv(), config.clv());
        this.days = new Days(config.time().zoneId());
    }

    public ModelSet models() {
        return models;
    }

    /**
     * @param previous the scores stored before (null for a new profile): the stage history continues from them
     */
    public ProfileScores assess(ProfileFacts f, int asOfDay, ProfileScores previous) {
        ScoreInputs in = inputs(f, asOfDay);
        CustomerSummary customer = customer(f, asOfDay);
        UserClv value = customer == null ? null : clv.score(customer);
        double pAlive = value == null ? Double.NaN : value.pAlive();
        Scores s = scorer.score(in, models.scoring(), pAlive);

        var stage = s.lifecycle().stage();
        int since = asOfDay;
        var before = previous == null ? null : previous.previousStage();
        if (previous != null) {
            if (previous.stage() == stage) since = previous.stageSinceDay();
            // Stage history has day granularity: a stage that began and ended on the same day leaves
            // no trace, so the history does not depend on how a day's events were split into writes.
            else if (previous.stageSinceDay() == asOfDay) before = previous.previousStage();
            else before = previous.stage();
        }
        var rfm = s.rfm();
        return new ProfileScores(asOfDay,
                in.buyer() ? in.daysSince(in.lastOrderDay()) : null, in.ordersInWindow(),
                Math.round(in.netRevenueInWindow() * 1000),
                rfm.r(), rfm.f(), rfm.m(), rfm.segment8(), rfm.segment11(),
                stage, since, before,
                s.value().consumption(), s.value().social(), s.value().content(), s.value().activity(),
                s.value().loyalty(), s.value().composite(),
                s.growth().tier(), s.growth().nextTier(), s.growth().distance(), s.growth().closeToNext(),
                s.churn().risk(), s.churn().level(),
                value == null ? null : value.pAlive(), value == null ? null : value.expectedPurchases(),
                value == null ? null : value.expectedOrderValue(), value == null ? null : value.clv());
    }

    /** The scoring inputs of a profile as of a day. */
    public ScoreInputs inputs(ProfileFacts f, int asOfDay) {
        int firstSeen = firstSeenDay(f, asOfDay);
        int lastActive = f.lastActiveDayAsOf(asOfDay, days);
        if (lastActive == Days.NONE) lastActive = firstSeen;
        int lastOrder = f.lastOrderDayAsOf(asOfDay);
        boolean buyer = lastOrder != Days.NONE && f.firstOrderDay() <= asOfDay;
        int x = 0;
        int tx = 0;
        if (buyer) {
            tx = lastOrder - f.firstOrderDay();
            x = Math.min(Math.max(0, f.purchaseDays(asOfDay) - 1), tx);
        }
        int engagementDays = config.value().engagementWindowDays();
        return new ScoreInputs(asOfDay, firstSeen, Math.min(lastActive, asOfDay), buyer ? lastOrder : null,
                f.ordersInWindow(asOfDay), f.netMilliInWindow(asOfDay) / 1000.0, x, tx,
                f.activeDays(asOfDay, config.value().activityWindowDays()),
                f.referralsInWindow(asOfDay, engagementDays), f.sharesInWindow(asOfDay, engagementDays),
                f.postsInWindow(asOfDay, engagementDays));
    }

    /**
     * The BG/NBD and Gamma-Gamma summary (purchase days, t_x and T in days, repeat spend), or null
     * for a user without an order by that day. Refunds are charged against the repeat spend.
     */
    public CustomerSummary customer(ProfileFacts f, int asOfDay) {
        int lastOrder = f.lastOrderDayAsOf(asOfDay);
        if (lastOrder == Days.NONE || f.firstOrderDay() > asOfDay) return null;
        int tx = lastOrder - f.firstOrderDay();
        int x = Math.min(Math.max(0, f.purchaseDays(asOfDay) - 1), tx);
        int t = asOfDay - f.firstOrderDay();
        double repeatSpend = x == 0 ? 0
                : Math.max(0, (f.grossMilli() - f.firstDaySpendMilli() - f.refundedMilli()) / 1000.0);
        return new CustomerSummary(x, tx, t, repeatSpend);
    }

    /** Registration day or first activity, whichever is earlier; the head day for profiles with neither. */
    private int firstSeenDay(ProfileFacts f, int asOfDay) {
        int first = f.firstSeenDay();
        if (f.isRegistered()) {
            int registered = days.dayOfEpochMilli(f.registeredAtMilli());
            first = first == Days.NONE ? registered : Math.min(first, registered);
        }
        if (first == Days.NONE) first = f.headDay() == Days.NONE ? asOfDay : f.headDay();
        return Math.min(first, asOfDay);
    }
}
