package io.userasset.domain.scoring.churn;

/**
 * @param risk       pAliveWeight × (1 − P(alive)) + (1 − pAliveWeight) × inactivity, in [0, 1]
 *                   (inactivity alone when P(alive) is unknown)
 * @param inactivity min(1, gap days / dormancy threshold days), in [0, 1]
 * @param level      low / medium / high
 */
public record ChurnRisk(double risk, double inactivity, RiskLevel level) {}
