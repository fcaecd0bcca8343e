package io.userasset.domain.scoring.churn;

import io.userasset.config.ChurnConfig;

/**
 * Churn risk (SPEC §4): a blend of the model's P(alive) with inactivity against the user's own rhythm.
 *
 * <p>inactivity = min(1, gap / threshold), where gap = days since the last order (for a non-buyer: days since last
 * active) and threshold = the user's dormancy threshold max(minDormancyDays, dormancyRhythmFactor × own interval).
 * The clipped ratio reaches 1 exactly when the lifecycle rule calls the buyer dormant, so stage and risk agree: at
 * the defaults a dormant buyer has risk ≥ 1 − pAliveWeight = 0.4 (medium) even if the model still thinks them alive.
 */
public final class ChurnRiskScorer {
    private ChurnRiskScorer() {}

    public static double inactivity(double gapDays, double dormancyThresholdDays) {
        if (!(gapDays > 0)) return 0;
        if (!(dormancyThresholdDays > 0)) return 1;
        return Math.min(1.0, gapDays / dormancyThresholdDays);
    }

    /**
     * @param pAlive P(alive) in [0, 1] from the CLV model, or NaN when unknown (then risk = inactivity)
     */
    public static ChurnRisk assess(double gapDays, double dormancyThresholdDays, double pAlive, ChurnConfig c) {
        if (!Double.isNaN(pAlive) && !(pAlive >= 0 && pAlive <= 1)) {
            throw new IllegalArgumentException("P(alive) must be in [0, 1] or NaN: " + pAlive);
        }
        double inact = inactivity(gapDays, dormancyThresholdDays);
        double risk = Double.isNaN(pAlive) ? inact : c.pAliveWeight() * (1 - pAlive) + (1 - c.pAliveWeight()) * inact;
        return new ChurnRisk(risk, inact, level(risk, c));
    }

    /** high if risk ≥ highAt, medium if ≥ mediumAt, else low. */
    public static RiskLevel level(double risk, ChurnConfig c) {
        if (risk >= c.highAt()) return RiskLevel.HIGH;
        if (risk >= c.mediumAt()) return RiskLevel.MEDIUM;
        return RiskLevel.LOW;
    }
}
