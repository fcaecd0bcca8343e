package io.userasset.domain.actions;

import io.userasset.config.ActionsConfig;
import io.userasset.config.EngineConfig;
import io.userasset.domain.assessment.ProfileScores;
import io.userasset.domain.scoring.churn.RiskLevel;
import io.userasset.domain.scoring.lifecycle.LifecycleStage;
import io.userasset.domain.scoring.rfm.Segment11;
import io.userasset.domain.scoring.rfm.Segment8;
import io.userasset.domain.scoring.value.GrowthTier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every trigger and guard of SPEC §6 at its boundary (defaults: recall from CLV 50 or value 60; recall cooldown 14 d, cap 2 per 30 d; suppression after 180 d churned). */
class ActionRulesTest {
    static final ActionsConfig CONFIG = EngineConfig.defaults().actions();
    static final int DAY = 20_000;

    static ProfileScores scores(LifecycleStage stage, RiskLevel risk, GrowthTier tier, boolean close, double clv, double composite) {
        return new ProfileScores(DAY, 5, 3, 120_000, 3, 3, 3, Segment8.IMPORTANT_VALUE, Segment11.LOYAL, stage, DAY - 3, null,
                50, 10, 10, 50, 50, composite, tier, tier == GrowthTier.KOC ? null : GrowthTier.values()[tier.ordinal() + 1],
                close ? 3 : 20, close, 0.5, risk, 0.8, 2.0, 40.0, clv);
    }

    static Position before(LifecycleStage stage, RiskLevel risk, GrowthTier tier, boolean close, double clv, double composite) {
        return Position.of(scores(stage, risk, tier, close, clv, composite));
    }

    @Nested
    class Triggers {
        final ActionPolicy policy = new ActionPolicy(CONFIG);

        @Test
        void aValuableBuyerBecomingDormantIsRecalled() {
            var after = scores(LifecycleStage.DORMANCY, RiskLevel.MEDIUM, GrowthTier.CORE, false, 50.0, 30);
            var found = policy.decide("u", before(LifecycleStage.MATURITY, RiskLevel.MEDIUM, GrowthTier.CORE, false, 50.0, 30), after);
            assertThat(found).extracting(ActionCandidate::reasonCode).containsExactly("became-dormant");
            assertThat(found.get(0).actionId()).isEqualTo("recall:u:" + io.userasset.domain.time.Days.date(DAY) + ":became-dormant");
        }

        @Test
        void valueJustBelowBothThresholdsIsNotRecalled() {
            var after = scores(LifecycleStage.DORMANCY, RiskLevel.MEDIUM, GrowthTier.CORE, false, 49.99, 59.99);
            assertThat(policy.decide("u", before(LifecycleStage.GROWTH, RiskLevel.MEDIUM, GrowthTier.CORE, false, 49.99, 59.99), after)).isEmpty();
            var byScore = scores(LifecycleStage.DORMANCY, RiskLevel.MEDIUM, GrowthTier.CORE, false, 10, 60);
            assertThat(policy.decide("u", before(LifecycleStage.GROWTH, RiskLevel.MEDIUM, GrowthTier.CORE, false, 10, 60), byScore))
                    .extracting(ActionCandidate::reasonCode).containsExactly("became-dormant");
        }

        @Test
        void staysDormantOrWasChurnedRaisesNothingNew() {
            var after = scores(LifecycleStage.DORMANCY, RiskLevel.MEDIUM, GrowthTier.CORE, false, 100, 70);
            assertThat(policy.decide("u", before(LifecycleStage.DORMANCY, RiskLevel.MEDIUM, GrowthTier.CORE, false, 100, 70), after)).isEmpty();
            assertThat(policy.decide("u", before(LifecycleStage.CHURNED, RiskLevel.MEDIUM, GrowthTier.CORE, false, 100, 70), after)).isEmpty();
        }

        @Test
        void riskRisingToHighIsRecalledRiskStayingHighIsNot() {
            var after = scores(LifecycleStage.MATURITY, RiskLevel.HIGH, GrowthTier.CORE, false, 80, 70);
            assertThat(policy.decide("u", before(LifecycleStage.MATURITY, RiskLevel.MEDIUM, GrowthTier.CORE, false, 80, 70), after))
                    .extracting(ActionCandidate::reasonCode).containsExactly("risk-high");
            assertThat(policy.decide("u", before(LifecycleStage.MATURITY, RiskLevel.HIGH, GrowthTier.CORE, false, 80, 70), after)).isEmpty();
        }

        @Test
        void reachingAHigherTierOrComingCloseIsAnUpgrade() {
            var reached = scores(LifecycleStage.GROWTH, RiskLevel.LOW, GrowthTier.POTENTIAL, false, 5, 41);
            assertThat(policy.decide("u", before(LifecycleStage.GROWTH, RiskLevel.LOW, GrowthTier.NEW, true, 5, 39), reached))
                    .extracting(ActionCandidate::type, ActionCandidate::reasonCode).containsExactly(
                            org.assertj.core.groups.Tuple.tuple(ActionType.UPGRADE, "reached-tier"));
            var close = scores(LifecycleStage.GROWTH, RiskLevel.LOW, GrowthTier.POTENTIAL, true, 5, 66);
            assertThat(policy.decide("u", before(LifecycleStage.GROWTH, RiskLevel.LOW, GrowthTier.POTENTIAL, false, 5, 60), close))
                    .extracting(ActionCandidate::reasonCode).containsExactly("near-next-tier");
            assertThat(policy.decide("u", before(LifecycleStage.GROWTH, RiskLevel.LOW, GrowthTier.POTENTIAL, true, 5, 65), close)).isEmpty();
        }
    }

    @Nested
    class Guards {
        final ActionGuards guards = new ActionGuards(CONFIG);
        final ActionCandidate recall = new ActionCandidate("u", ActionType.RECALL, "became-dormant", "r", DAY,
                scores(LifecycleStage.DORMANCY, RiskLevel.HIGH, GrowthTier.CORE, false, 100, 70));

        PastAction recallAgo(int days) {
            return new PastAction("recall:u:" + days, ActionType.RECALL, DAY - days, false);
        }

        @Test
        void cooldownBlocksUntilItsLastDay() {
            assertThat(guards.blockedBy(recall, List.of(recallAgo(13)), false)).isEqualTo("cooldown");
            assertThat(guards.blockedBy(recall, List.of(recallAgo(14)), false)).isNull();
            // another type's action does not cool this one down
            assertThat(guards.blockedBy(recall, List.of(new PastAction("up", ActionType.UPGRADE, DAY - 1, false)), false)).isNull();
        }

        @Test
        void frequencyCapCountsThirtyDaysHoldoutIncluded() {
            PastAction heldOut = new PastAction("recall:u:h", ActionType.RECALL, DAY - 20, true);
            assertThat(guards.blockedBy(recall, List.of(recallAgo(15), heldOut), false)).isEqualTo("frequency-cap");
            assertThat(guards.blockedBy(recall, List.of(recallAgo(15), recallAgo(30)), false)).isNull();
            assertThat(guards.blockedBy(recall, List.of(recallAgo(15), recallAgo(29)), false)).isEqualTo("frequency-cap");
        }

        @Test
        void optedOutAndLongChurnedUsersAreSuppressed() {
            assertThat(guards.blockedBy(recall, List.of(), true)).isEqualTo("opted-out");
            ProfileScores churned = new ProfileScores(DAY, 200, 0, 0, 1, 1, 1, Segment8.GENERAL_RETAIN, Segment11.LOST,
                    LifecycleStage.CHURNED, DAY - 181, LifecycleStage.DORMANCY, 0, 0, 0, 0, 0, 10, GrowthTier.NEW,
                    GrowthTier.POTENTIAL, 30, false, 0.9, RiskLevel.HIGH, 0.01, 0.0, 30.0, 0.0);
            ActionCandidate old = new ActionCandidate("u", ActionType.RECALL, "risk-high", "r", DAY, churned);
            assertThat(guards.blockedBy(old, List.of(), false)).isEqualTo("churned-long-ago");
            ActionCandidate recent = new ActionCandidate("u", ActionType.RECALL, "risk-high", "r", DAY,
                    new ProfileScores(DAY, 200, 0, 0, 1, 1, 1, Segment8.GENERAL_RETAIN, Segment11.LOST,
                            LifecycleStage.CHURNED, DAY - 180, LifecycleStage.DORMANCY, 0, 0, 0, 0, 0, 10, GrowthTier.NEW,
                            GrowthTier.POTENTIAL, 30, false, 0.9, RiskLevel.HIGH, 0.01, 0.0, 30.0, 0.0));
            assertThat(guards.blockedBy(recent, List.of(), false)).isNull();
        }
    }

    @Nested
    class HoldoutGroup {
        @Test
        void theShareIsWithinHalfAPointOver100000UsersAndEachUserStaysOnOneSide() {
            Holdout holdout = new Holdout(CONFIG.holdoutSalt(), CONFIG.holdoutPercent());
            int held = 0;
            for (int i = 0; i < 100_000; i++) if (holdout.isHeldOut("user-" + i)) held++;
            assertThat(held / 1000.0).isBetween(CONFIG.holdoutPercent() - 0.5, CONFIG.holdoutPercent() + 0.5);
            Holdout again = new Holdout(CONFIG.holdoutSalt(), CONFIG.holdoutPercent());
            for (int i = 0; i < 1000; i++) assertThat(again.isHeldOut("user-" + i)).isEqualTo(holdout.isHeldOut("user-" + i));
            Holdout otherSalt = new Holdout("another-salt", CONFIG.holdoutPercent());
            int differ = 0;
            for (int i = 0; i < 10_000; i++) if (otherSalt.isHeldOut("user-" + i) != holdout.isHeldOut("user-" + i)) differ++;
            assertThat(differ).isGreaterThan(1000);
        }
    }
}
