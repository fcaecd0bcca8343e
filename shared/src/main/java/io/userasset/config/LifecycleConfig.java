package io.userasset.config;

/**
 * @param habitualOrders          orders in the RFM window that make a buyer habitual (maturity)
 * @param matureActiveDays        a mature user must have been active within this many days
 * @param dormancyRhythmFactor    dormant when the gap since the last value action exceeds this × the user's own interval
 * @param minDormancyDays         never dormant before this many days without a value action
 * @param defaultIntervalDays     the interval assumed for users with fewer than two purchase days
 * @param churnInactiveDays       churned after this many days without any activity
 * @param churnPAliveThreshold    churned when P(alive) falls below this
 */
public record LifecycleConfig(int habitualOrders, int matureActiveDays, double dormancyRhythmFactor,
                              int minDormancyDays, int defaultIntervalDays, int churnInactiveDays,
                              double churnPAliveThreshold) {}
