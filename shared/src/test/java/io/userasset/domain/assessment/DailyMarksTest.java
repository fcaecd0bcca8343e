package io.userasset.domain.assessment;

import io.userasset.domain.scoring.churn.RiskLevel;
import io.userasset.domain.scoring.lifecycle.LifecycleStage;
import io.userasset.domain.scoring.rfm.Segment11;
import io.userasset.domain.scoring.rfm.Segment8;
import io.userasset.domain.scoring.value.GrowthTier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DailyMarksTest {
    private static ProfileScores scores(int day, LifecycleStage stage) {
        return new ProfileScores(day, 3, 2, 90_000, 4, 3, 2, Segment8.IMPORTANT_VALUE, Segment11.LOYAL, stage, day - 10,
                null, 40, 10, 5, 30, 20, 45, GrowthTier.POTENTIAL, GrowthTier.CORE, 25, false,
                0.3, RiskLevel.MEDIUM, 0.7, 1.5, 30.0, 120.0);
    }

    private final DailyMark day100 = DailyMark.of(scores(100, LifecycleStage.INTRODUCTION));
    private final DailyMarks marked100 = DailyMarks.NONE.record(day100);

    @Test
    void scoresOfAnEarlierDayAfterTheLatestMarkAreThatDaysMark() {
        ProfileScores ingested103 = scores(103, LifecycleStage.GROWTH);
        DailyMarks seen = marked100.asSeenOn(105, ingested103);
        assertThat(seen.latest()).isEqualTo(DailyMark.of(ingested103));
        assertThat(seen.baselineFor(105)).isEqualTo(DailyMark.of(ingested103));
        // a run of a day between them still compares with the mark before it
        assertThat(seen.baselineFor(103)).isEqualTo(day100);
        assertThat(DailyMarks.NONE.asSeenOn(101, scores(100, LifecycleStage.GROWTH)).baselineFor(101).stage())
                .isEqualTo(LifecycleStage.GROWTH);
    }

    @Test
    void scoresOfTheRunsOwnDayOrLaterOrNotAfterTheLatestMarkAddNothing() {
        assertThat(marked100.asSeenOn(103, scores(103, LifecycleStage.GROWTH))).isSameAs(marked100);
        assertThat(marked100.asSeenOn(103, scores(104, LifecycleStage.GROWTH))).isSameAs(marked100);
        assertThat(marked100.asSeenOn(103, scores(100, LifecycleStage.GROWTH))).isSameAs(marked100);
        assertThat(marked100.asSeenOn(103, null)).isSameAs(marked100);
    }

    @Test
    void ingestReplacingTheScoresKeepsThemAsTheMarkOfTheirDay() {
        ProfileScores ingested103 = scores(103, LifecycleStage.GROWTH);
        ProfileScores ingested104 = scores(104, LifecycleStage.MATURITY);
        DailyMarks stored = marked100.asSeenOn(104, ingested103);   // what ingest stores on day 104
        assertThat(stored.asSeenOn(103, ingested104).baselineFor(103)).isEqualTo(day100);
        assertThat(stored.asSeenOn(104, ingested104).baselineFor(104)).isEqualTo(DailyMark.of(ingested103));
        assertThat(stored.asSeenOn(105, ingested104).baselineFor(105)).isEqualTo(DailyMark.of(ingested104));
    }
}
