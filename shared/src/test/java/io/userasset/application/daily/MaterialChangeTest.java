package io.userasset.application.daily;

import io.userasset.domain.assessment.DailyMark;
import io.userasset.domain.assessment.DailyMarks;
import io.userasset.domain.assessment.ProfileScores;
import io.userasset.domain.scoring.churn.RiskLevel;
import io.userasset.domain.scoring.lifecycle.LifecycleStage;
import io.userasset.domain.scoring.rfm.Segment11;
import io.userasset.domain.scoring.rfm.Segment8;
import io.userasset.domain.scoring.value.GrowthTier;
import io.userasset.config.EngineConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaterialChangeTest {
    private final MaterialChange materialChange = new MaterialChange(1.0, 0.10);
    static ProfileScores scores(int day, int recency, LifecycleStage stage, double composite, double clv) {
        return new ProfileScores(day, recency, 3, 90_000, 4, 3, 2, Segment8.IMPORTANT_VALUE, Segment11.LOYAL, stage, day - 10,
                null, 40, 10, 5, 30, 20, composite, GrowthTier.POTENTIAL, GrowthTier.CORE, 70 - composite, false,
                0.3, RiskLevel.MEDIUM, 0.7, 1.5, 30.0, clv);
    }

    @Test
    void dailyDriftIsNotWorthAWriteACategoryOrAPointOrTenPercentOfClvIs() {
        ProfileScores stored = scores(100, 5, LifecycleStage.MATURITY, 50.0, 100.0);
        assertThat(materialChange.between(stored, scores(101, 6, LifecycleStage.MATURITY, 50.99, 109.9))).isFalse();
        assertThat(materialChange.between(stored, scores(101, 6, LifecycleStage.MATURITY, 51.0, 100))).isTrue();
        assertThat(materialChange.between(stored, scores(101, 6, LifecycleStage.MATURITY, 50, 110.0))).isTrue();
        assertThat(materialChange.between(stored, scores(101, 6, LifecycleStage.DORMANCY, 50, 100))).isTrue();
        assertThat(materialChange.between(null, stored)).isTrue();
    }

    @Test
    void theThresholdsAreTheConfiguredOnes() {
        ProfileScores stored = scores(100, 5, LifecycleStage.MATURITY, 50.0, 100.0);
        MaterialChange coarse = new MaterialChange(EngineConfig.defaults().daily().materialCompositePoints(), 0.25);
        assertThat(coarse.between(stored, scores(101, 6, LifecycleStage.MATURITY, 54.9, 124.9))).isFalse();
        assertThat(coarse.between(stored, scores(101, 6, LifecycleStage.MATURITY, 55.0, 100))).isTrue();
        assertThat(coarse.between(stored, scores(101, 6, LifecycleStage.MATURITY, 50, 125.0))).isTrue();
        DailyMarks marks = coarse.marksAfter(DailyMarks.NONE, DailyMark.of(stored));
        assertThat(coarse.marksAfter(marks, DailyMark.of(scores(101, 6, LifecycleStage.MATURITY, 54.9, 110)))).isSameAs(marks);
    }

    @Test
    void marksChangeOnlyWhenThePositionDoesAndARerunKeepsItsBaseline() {
        DailyMark day100 = DailyMark.of(scores(100, 5, LifecycleStage.MATURITY, 50, 100));
        DailyMarks marks = materialChange.marksAfter(DailyMarks.NONE, day100);
        assertThat(marks.latest()).isEqualTo(day100);
        // day 101, same position: marks untouched, and the baseline for 101 is the day-100 position
        DailyMark day101 = DailyMark.of(scores(101, 6, LifecycleStage.MATURITY, 50.4, 101));
        assertThat(materialChange.marksAfter(marks, day101)).isSameAs(marks);
        // day 102, dormant: a new mark, compared with day 100; re-running 102 compares with 100 again
        DailyMark day102 = DailyMark.of(scores(102, 7, LifecycleStage.DORMANCY, 45, 80));
        DailyMarks after102 = materialChange.marksAfter(marks, day102);
        assertThat(after102.latest()).isEqualTo(day102);
        assertThat(after102.baselineFor(102)).isEqualTo(day100);
        assertThat(materialChange.marksAfter(after102, day102)).isEqualTo(after102);
    }
}
