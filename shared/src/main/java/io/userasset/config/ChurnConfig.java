package io.userasset.config;

/**
 * Churn risk = pAliveWeight × (1 − P(alive)) + (1 − pAliveWeight) × inactivity, where inactivity is
 * the days since the last value action against the user's own dormancy threshold, clipped to [0, 1]
 * (docs/models.md). Level thresholds are inclusive.
 *
 * @param pAliveWeight weight of the model's P(alive) in the blend
 * @param mediumAt     risk from which the level is medium
 * @param highAt       risk from which the level is high
 */
public record ChurnConfig(double pAliveWeight, double mediumAt, double highAt) {

    public ChurnConfig {
        if (!(pAliveWeight >= 0 && pAliveWeight <= 1)) throw new IllegalArgumentException("churn.pAliveWeight must be in [0, 1]");
        if (!(mediumAt >= 0 && mediumAt <= highAt && highAt <= 1)) {
            throw new IllegalArgumentException("churn thresholds need 0 ≤ mediumAt ≤ highAt ≤ 1");
        }
    }
}
