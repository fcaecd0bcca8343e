package io.userasset.config;

/**
 * Lifecycle stages (SPEC §4); see docs/models.md for the exact rules and their order.
 *
 * @param habitualOrders          orders in the RFM window that make a buyer habitual (maturity)
 * @param matureActiveDays        a mature user must have been active within this many days (the window ending the as-of day)
 * @param dormancyRhythmFactor    dormant when the gap since the last value action exceeds this × the user's own interval
 * @param minDormancyDays         never dormant before this many days without a value action
 * @param defaultIntervalDays     the interval assumed for users with fewer than two purchase days
 * @param churnInactiveDays       churned after this many days without any activity
 * @param churnPAliveThreshold    a buyer is churned when P(alive) falls below this
 * @param rhythmAwareChurn        when true, a buyer is churned for inactivity only once the inactivity also exceeds
 *                                the buyer's own dormancy threshold (slow-rhythm buyers pass through dormancy first)
 */
public record LifecycleConfig(int habitualOrders, int matureActiveDays, double dormancyRhythmFactor,
                              int minDormancyDays, int defaultIntervalDays, int churnInactiveDays,
                              double churnPAliveThreshold, boolean rhythmAwareChurn) {

    public LifecycleConfig {
        if (habitualOrders < 1) throw new IllegalArgumentException("lifecycle.habitualOrders must be ≥ 1");
        if (matureActiveDays < 1) throw new IllegalArgumentException("lifecycle.matureActiveDays must be ≥ 1");
        if (!(dormancyRhythmFactor > 0) || Double.isInfinite(dormancyRhythmFactor)) {
            throw new IllegalArgumentException("lifecycle.dormancyRhythmFactor must be > 0");
        }
        if (minDormancyDays < 0) throw new IllegalArgumentException("lifecycle.minDormancyDays must be ≥ 0");
        if (defaultIntervalDays < 1) throw new IllegalArgumentException("lifecycle.defaultIntervalDays must be ≥ 1");
        if (churnInactiveDays < 1) throw new IllegalArgumentException("lifecycle.churnInactiveDays must be ≥ 1");
        if (!(churnPAliveThreshold >= 0 && churnPAliveThreshold <= 1)) {
            throw new IllegalArgumentException("lifecycle.churnPAliveThreshold must be in [0, 1]");
        }
    }
}
