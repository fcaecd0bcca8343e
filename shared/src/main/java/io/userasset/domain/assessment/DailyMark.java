package io.userasset.domain.assessment;

import io.userasset.domain.scoring.churn.RiskLevel;
import io.userasset.domain.scoring.lifecycle.LifecycleStage;
import io.userasset.domain.scoring.rfm.Segment11;
import io.userasset.domain.scoring.rfm.Segment8;
import io.userasset.domain.scoring.value.GrowthTier;

/**
 * What a daily run recorded of a user: the positions day-over-day migration, value migration and
 * asset churn are measured against.
 *
 * @param day        the daily run's as-of day
 * @param composite  composite value score that day
 * @param clvMilli   predicted CLV that day, thousandths (0 for non-buyers)
 */
public record DailyMark(int day, LifecycleStage stage, Segment8 segment8, Segment11 segment11, GrowthTier tier,
                        boolean closeToNextTier, RiskLevel riskLevel, double composite, long clvMilli) {

    public static DailyMark of(ProfileScores s) {
        return new DailyMark(s.asOfDay(), s.stage(), s.segment8(), s.segment11(), s.tier(), s.closeToNextTier(),
                s.riskLevel(), s.composite(), Math.round(s.clvOrZero() * 1000));
    }
}
