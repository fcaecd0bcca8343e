package io.userasset.domain.scoring.lifecycle;

import io.userasset.config.LifecycleConfig;

/**
 * Lifecycle stage rules (SPEC §4). Evaluated in this order, the first that holds wins:
 *
 * <ol>
 *   <li><b>churned</b> — non-buyer: days since last active ≥ churnInactiveDays. Buyer: days since last active ≥
 *       churnInactiveDays (and, with rhythmAwareChurn, also &gt; the buyer's dormancy threshold), or P(alive) &lt;
 *       churnPAliveThreshold (P(alive) NaN = unknown, rule skipped).</li>
 *   <li><b>introduction</b> — never ordered (non-buyers are never dormant: they have no value action and no rhythm).</li>
 *   <li><b>dormancy</b> — days since the last order &gt; dormancy threshold =
 *       max(minDormancyDays, dormancyRhythmFactor × own interval), own interval = t_x / x if x ≥ 1 else
 *       defaultIntervalDays.</li>
 *   <li><b>maturity</b> — orders in the window ≥ habitualOrders and days since last active &lt; matureActiveDays
 *       (last active within the matureActiveDays-day window ending the as-of day).</li>
 *   <li><b>growth</b> — every other buyer.</li>
 * </ol>
 */
public final class Lifecycle {
    private Lifecycle() {}

    /** The user's own mean interval between purchase days: t_x / x when x ≥ 1, else the configured default. */
    public static double expectedIntervalDays(int repeatPurchaseDays, int tXDays, LifecycleConfig c) {
        if (repeatPurchaseDays >= 1) return Math.max(1.0, (double) tXDays / repeatPurchaseDays);
        return c.defaultIntervalDays();
    }

    /** max(minDormancyDays, dormancyRhythmFactor × expected interval). */
    public static double dormancyThresholdDays(double expectedIntervalDays, LifecycleConfig c) {
        return Math.max(c.minDormancyDays(), c.dormancyRhythmFactor() * expectedIntervalDays);
    }

    public static LifecycleResult assess(LifecycleInputs in, double pAlive, LifecycleConfig c) {
        double interval = expectedIntervalDays(in.repeatPurchaseDays(), in.tXDays(), c);
        double threshold = dormancyThresholdDays(interval, c);
        return new LifecycleResult(stage(in, pAlive, threshold, c), interval, threshold);
    }

    public static LifecycleStage stage(LifecycleInputs in, double pAlive, LifecycleConfig c) {
        double threshold = dormancyThresholdDays(expectedIntervalDays(in.repeatPurchaseDays(), in.tXDays(), c), c);
        return stage(in, pAlive, threshold, c);
    }

    private static LifecycleStage stage(LifecycleInputs in, double pAlive, double threshold, LifecycleConfig c) {
        checkPAlive(pAlive);
        boolean longInactive = in.daysSinceLastActive() >= c.churnInactiveDays();
        if (!in.isBuyer()) {
            return longInactive ? LifecycleStage.CHURNED : LifecycleStage.INTRODUCTION;
        }
        if (longInactive && c.rhythmAwareChurn()) longInactive = in.daysSinceLastActive() > threshold;
        if (longInactive || pAlive < c.churnPAliveThreshold()) return LifecycleStage.CHURNED; // NaN < t is false
        if (in.daysSinceLastOrder() > threshold) return LifecycleStage.DORMANCY;
        if (in.ordersInWindow() >= c.habitualOrders() && in.daysSinceLastActive() < c.matureActiveDays()) {
            return LifecycleStage.MATURITY;
        }
        return LifecycleStage.GROWTH;
    }

    static void checkPAlive(double pAlive) {
        if (!Double.isNaN(pAlive) && !(pAlive >= 0 && pAlive <= 1)) {
            throw new IllegalArgumentException("P(alive) must be in [0, 1] or NaN (unknown): " + pAlive);
        }
    }

    /**
     * The kind of the move from {@code previous} (null = none yet) to {@code current}:
     * same → none; null → entry; → churned: churn; churned → dormancy/introduction: reactivation;
     * any other → dormancy: lapse; dormancy/churned → growth/maturity: resurrection;
     * introduction → growth/maturity and growth → maturity: progress; any other move: regress.
     */
    public static TransitionKind transition(LifecycleStage previous, LifecycleStage current) {
        if (current == null) throw new IllegalArgumentException("current stage is required");
        if (previous == null) return TransitionKind.ENTRY;
        if (previous == current) return TransitionKind.NONE;
        if (current == LifecycleStage.CHURNED) return TransitionKind.CHURN;
        if (previous == LifecycleStage.CHURNED && !current.isActiveBuyer()) return TransitionKind.REACTIVATION;
        if (current == LifecycleStage.DORMANCY) return TransitionKind.LAPSE;
        if (current.isActiveBuyer() && previous.isLapsed()) return TransitionKind.RESURRECTION;
        if (current.ordinal() > previous.ordinal()) return TransitionKind.PROGRESS;
        return TransitionKind.REGRESS;
    }
}
