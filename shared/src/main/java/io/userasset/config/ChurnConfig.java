package io.userasset.config;

/**
 * Churn risk = pAliveWeight × (1 − P(alive)) + (1 − pAliveWeight) × inactivity, where inactivity is
 * the days since the last value action against the user's own expected interval, squashed to [0, 1].
 *
 * @param pAliveWeight weight of the model's P(alive) in the blend
 * @param mediumAt     risk from which the level is medium
 * @param highAt       risk from which the level is high
 */
public record ChurnConfig(double pAliveWeight, double mediumAt, double highAt) {}
