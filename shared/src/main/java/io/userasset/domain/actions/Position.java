package io.userasset.domain.actions;

import io.userasset.domain.assessment.DailyMark;
import io.userasset.domain.assessment.ProfileScores;
import io.userasset.domain.scoring.churn.RiskLevel;
import io.userasset.domain.scoring.lifecycle.LifecycleStage;
import io.userasset.domain.scoring.value.GrowthTier;

/**
 * Where a user stood, as far as the action policy cares: the stored scores before a change (stream)
 * or the previous daily mark (daily run).
 */
public record Position(LifecycleStage stage, RiskLevel riskLevel, GrowthTier tier, boolean closeToNextTier,
                       double clv, double composite) {

    public static Position of(ProfileScores s) {
        return new Position(s.stage(), s.riskLevel(), s.tier(), s.closeToNextTier(), s.clvOrZero(), s.composite());
    }

    public static Position of(DailyMark m) {
        return new Position(m.stage(), m.riskLevel(), m.tier(), m.closeToNextTier(), m.clvMilli() / 1000.0, m.composite());
    }
}
