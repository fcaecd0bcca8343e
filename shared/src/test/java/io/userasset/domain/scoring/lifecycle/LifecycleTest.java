package io.userasset.domain.scoring.lifecycle;

import io.userasset.config.ConfigLoader;
import io.userasset.config.LifecycleConfig;
import io.userasset.domain.scoring.ScoringConfig;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.userasset.domain.scoring.lifecycle.LifecycleStage.CHURNED;
import static io.userasset.domain.scoring.lifecycle.LifecycleStage.DORMANCY;
import static io.userasset.domain.scoring.lifecycle.LifecycleStage.GROWTH;
import static io.userasset.domain.scoring.lifecycle.LifecycleStage.INTRODUCTION;
import static io.userasset.domain.scoring.lifecycle.LifecycleStage.MATURITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Defaults: habitualOrders 3, matureActiveDays 30, dormancyRhythmFactor 2, minDormancyDays 14,
 * defaultIntervalDays 30, churnInactiveDays 90, churnPAliveThreshold 0.05, rhythmAwareChurn true.
 */
class LifecycleTest {
    static final LifecycleConfig C = ScoringConfig.defaults().lifecycle();
    static final double UNKNOWN = Double.NaN;

    static LifecycleInputs in(int sinceActive, Integer sinceOrder, int orders, int x, int tx) {
        return new LifecycleInputs(sinceActive, sinceOrder, orders, x, tx);
    }

    static LifecycleStage stage(LifecycleInputs in) {
        return Lifecycle.stage(in, UNKNOWN, C);
    }

    @Nested
    class RequiredCases {
        @Test
        void stockUpBuyerEvery60DaysLastOrdered50DaysAgoIsNotDormant() {
            // 6 purchase days 60 d apart: x = 5, t_x = 300 → interval 60 → threshold max(14, 2 × 60) = 120
            LifecycleInputs quiet = in(50, 50, 6, 5, 300);
            LifecycleResult r = Lifecycle.assess(quiet, 0.9, C);
            assertThat(r.expectedIntervalDays()).isEqualTo(60);
            assertThat(r.dormancyThresholdDays()).isEqualTo(120);
            assertThat(r.stage()).isEqualTo(GROWTH); // not dormant; not mature only because not active in 30 d
            assertThat(stage(in(10, 50, 6, 5, 300))).isEqualTo(MATURITY); // browsed 10 days ago
        }

        @Test
        void weeklyBuyerSilentFor30DaysIsDormant() {
            // 21 purchase days a week apart: x = 20, t_x = 140 → interval 7 → threshold max(14, 14) = 14
            LifecycleResult r = Lifecycle.assess(in(30, 30, 20, 20, 140), 0.9, C);
            assertThat(r.expectedIntervalDays()).isEqualTo(7);
            assertThat(r.dormancyThresholdDays()).isEqualTo(14);
            assertThat(r.stage()).isEqualTo(DORMANCY);
        }
    }

    @Nested
    class Dormancy {
        @Test
        void weeklyBuyerAtTheThreshold() {
            assertThat(stage(in(0, 13, 20, 20, 140))).isEqualTo(MATURITY);
            assertThat(stage(in(0, 14, 20, 20, 140))).isEqualTo(MATURITY); // gap = threshold: not longer than expected
            assertThat(stage(in(0, 15, 20, 20, 140))).isEqualTo(DORMANCY); // active (sessions) but no order
        }

        @Test
        void stockUpBuyerAtTheThreshold() {
            assertThat(stage(in(10, 119, 6, 5, 300))).isEqualTo(MATURITY);
            assertThat(stage(in(10, 120, 6, 5, 300))).isEqualTo(MATURITY);
            assertThat(stage(in(10, 121, 6, 5, 300))).isEqualTo(DORMANCY);
        }

        @Test
        void oneTimeBuyersUseTheDefaultInterval() {
            // x = 0 → interval 30 → threshold max(14, 60) = 60
            assertThat(Lifecycle.expectedIntervalDays(0, 0, C)).isEqualTo(30);
            assertThat(stage(in(59, 59, 1, 0, 0))).isEqualTo(GROWTH);
            assertThat(stage(in(60, 60, 1, 0, 0))).isEqualTo(GROWTH);
            assertThat(stage(in(61, 61, 1, 0, 0))).isEqualTo(DORMANCY);
        }

        @Test
        void minDormancyDaysBindsForVeryFrequentBuyers() {
            // every 5 days: x = 10, t_x = 50 → 2 × 5 = 10 < 14 → threshold 14
            assertThat(Lifecycle.dormancyThresholdDays(Lifecycle.expectedIntervalDays(10, 50, C), C)).isEqualTo(14);
            assertThat(stage(in(0, 14, 12, 10, 50))).isEqualTo(MATURITY);
            assertThat(stage(in(0, 15, 12, 10, 50))).isEqualTo(DORMANCY);
        }
    }

    @Nested
    class Maturity {
        @Test
        void habitualOrdersBoundary() {
            assertThat(stage(in(0, 0, 2, 1, 5))).isEqualTo(GROWTH);
            assertThat(stage(in(0, 0, 3, 2, 10))).isEqualTo(MATURITY);
            assertThat(stage(in(0, 0, 4, 3, 15))).isEqualTo(MATURITY);
        }

        @Test
        void activeWithinMatureActiveDaysBoundary() {
            // interval 60 (threshold 120) so that only the activity rule moves
            assertThat(stage(in(29, 29, 6, 5, 300))).isEqualTo(MATURITY);
            assertThat(stage(in(30, 30, 6, 5, 300))).isEqualTo(GROWTH); // last active day outside the 30-day window
            assertThat(stage(in(31, 31, 6, 5, 300))).isEqualTo(GROWTH);
        }
    }

    @Nested
    class Churn {
        @Test
        void inactivityBoundaryForABuyer() {
            // weekly buyer: dormancy threshold 14 < 90, so churnInactiveDays decides
            assertThat(stage(in(89, 89, 0, 20, 140))).isEqualTo(DORMANCY);
            assertThat(stage(in(90, 90, 0, 20, 140))).isEqualTo(CHURNED);
            assertThat(stage(in(91, 91, 0, 20, 140))).isEqualTo(CHURNED);
        }

        @Test
        void rhythmAwareChurnLetsASlowBuyerPassThroughDormancy() {
            // interval 60 → threshold 120: 90–120 days of total silence is not yet churn
            assertThat(stage(in(90, 90, 6, 5, 300))).isEqualTo(GROWTH);
            assertThat(stage(in(120, 120, 6, 5, 300))).isEqualTo(GROWTH);
            assertThat(stage(in(121, 121, 6, 5, 300))).isEqualTo(CHURNED);
            // interval 100 → threshold 200: dormant from day 201 of no order, churned from day 201 of no activity
            assertThat(stage(in(150, 201, 3, 2, 200))).isEqualTo(DORMANCY);
            assertThat(stage(in(201, 201, 3, 2, 200))).isEqualTo(CHURNED);
        }

        @Test
        void specLiteralChurnWithRhythmAwareChurnOff() {
            LifecycleConfig literal = ScoringConfig.from(ConfigLoader.withOverrides("lifecycle: {rhythmAwareChurn: false}")).lifecycle();
            assertThat(Lifecycle.stage(in(89, 89, 6, 5, 300), UNKNOWN, literal)).isEqualTo(GROWTH);
            assertThat(Lifecycle.stage(in(90, 90, 6, 5, 300), UNKNOWN, literal)).isEqualTo(CHURNED);
        }

        @Test
        void pAliveBoundary() {
            LifecycleInputs healthy = in(0, 0, 5, 4, 20);
            assertThat(Lifecycle.stage(healthy, 0.0499, C)).isEqualTo(CHURNED);
            assertThat(Lifecycle.stage(healthy, 0.05, C)).isEqualTo(MATURITY);
            assertThat(Lifecycle.stage(healthy, 0.0501, C)).isEqualTo(MATURITY);
            assertThat(Lifecycle.stage(healthy, Double.NaN, C)).isEqualTo(MATURITY);
            assertThatThrownBy(() -> Lifecycle.stage(healthy, 1.5, C)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class NonBuyers {
        @Test
        void introductionUntilChurnInactiveDaysThenChurnedNeverDormant() {
            assertThat(stage(in(0, null, 0, 0, 0))).isEqualTo(INTRODUCTION);
            assertThat(stage(in(61, null, 0, 0, 0))).isEqualTo(INTRODUCTION); // no rhythm, no dormancy
            assertThat(stage(in(89, null, 0, 0, 0))).isEqualTo(INTRODUCTION);
            assertThat(stage(in(90, null, 0, 0, 0))).isEqualTo(CHURNED);
            assertThat(stage(in(91, null, 0, 0, 0))).isEqualTo(CHURNED);
        }

        @Test
        void pAliveDoesNotApplyToNonBuyers() {
            assertThat(Lifecycle.stage(in(0, null, 0, 0, 0), 0.0, C)).isEqualTo(INTRODUCTION);
        }

        @Test
        void firstOrderMovesToGrowth() {
            assertThat(stage(in(0, 0, 1, 0, 0))).isEqualTo(GROWTH);
        }
    }

    @Nested
    class Transitions {
        @Test
        void resurrectionFromDormancyOrChurnedBackToGrowthOrMaturity() {
            assertThat(Lifecycle.transition(DORMANCY, GROWTH)).isEqualTo(TransitionKind.RESURRECTION);
            assertThat(Lifecycle.transition(DORMANCY, MATURITY)).isEqualTo(TransitionKind.RESURRECTION);
            assertThat(Lifecycle.transition(CHURNED, GROWTH)).isEqualTo(TransitionKind.RESURRECTION);
            assertThat(Lifecycle.transition(CHURNED, MATURITY)).isEqualTo(TransitionKind.RESURRECTION);
        }

        @Test
        void everyOtherKind() {
            assertThat(Lifecycle.transition(null, INTRODUCTION)).isEqualTo(TransitionKind.ENTRY);
            assertThat(Lifecycle.transition(GROWTH, GROWTH)).isEqualTo(TransitionKind.NONE);
            assertThat(Lifecycle.transition(INTRODUCTION, GROWTH)).isEqualTo(TransitionKind.PROGRESS);
            assertThat(Lifecycle.transition(INTRODUCTION, MATURITY)).isEqualTo(TransitionKind.PROGRESS);
            assertThat(Lifecycle.transition(GROWTH, MATURITY)).isEqualTo(TransitionKind.PROGRESS);
            assertThat(Lifecycle.transition(MATURITY, GROWTH)).isEqualTo(TransitionKind.REGRESS);
            assertThat(Lifecycle.transition(GROWTH, DORMANCY)).isEqualTo(TransitionKind.LAPSE);
            assertThat(Lifecycle.transition(MATURITY, DORMANCY)).isEqualTo(TransitionKind.LAPSE);
            assertThat(Lifecycle.transition(INTRODUCTION, CHURNED)).isEqualTo(TransitionKind.CHURN);
            assertThat(Lifecycle.transition(DORMANCY, CHURNED)).isEqualTo(TransitionKind.CHURN);
            assertThat(Lifecycle.transition(MATURITY, CHURNED)).isEqualTo(TransitionKind.CHURN);
            assertThat(Lifecycle.transition(CHURNED, INTRODUCTION)).isEqualTo(TransitionKind.REACTIVATION);
            assertThat(Lifecycle.transition(CHURNED, DORMANCY)).isEqualTo(TransitionKind.REACTIVATION);
            assertThat(TransitionKind.RESURRECTION.id()).isEqualTo("resurrection");
        }

        @Test
        void aWeeklyBuyerLapsesAndComesBack() {
            LifecycleStage day0 = stage(in(0, 0, 8, 7, 49));      // maturity
            LifecycleStage day20 = stage(in(20, 20, 8, 7, 49));   // 20 > 14: dormancy
            LifecycleStage day21 = stage(in(0, 0, 9, 8, 70));     // ordered again: 9 orders, active today
            assertThat(day0).isEqualTo(MATURITY);
            assertThat(day20).isEqualTo(DORMANCY);
            assertThat(day21).isEqualTo(MATURITY);
            assertThat(Lifecycle.transition(day0, day20)).isEqualTo(TransitionKind.LAPSE);
            assertThat(Lifecycle.transition(day20, day21)).isEqualTo(TransitionKind.RESURRECTION);
        }
    }

    @Test
    void inputsAreValidated() {
        assertThatThrownBy(() -> in(-1, 0, 1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> in(0, 0, 1, 3, 2)).hasMessageContaining("t_x");
    }
}
