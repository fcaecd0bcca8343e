package io.userasset.domain.scoring.lifecycle;

/**
 * @param stage                 the lifecycle stage
 * @param expectedIntervalDays  the user's own mean interval between purchase days, t_x / x (x ≥ 1), else
 *                              {@code lifecycle.defaultIntervalDays}
 * @param dormancyThresholdDays max(minDormancyDays, dormancyRhythmFactor × expectedIntervalDays): a buyer whose
 *                              days since the last order exceed it is dormant
 */
public record LifecycleResult(LifecycleStage stage, double expectedIntervalDays, double dormancyThresholdDays) {}
