package io.userasset.domain.scoring.churn;

import io.userasset.config.ChurnConfig;
import io.userasset.domain.scoring.ScoringConfig;
import org.junit.jupiter.api.Test;

import static io.userasset.domain.scoring.churn.RiskLevel.HIGH;
import static io.userasset.domain.scoring.churn.RiskLevel.LOW;
import static io.userasset.domain.scoring.churn.RiskLevel.MEDIUM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Defaults: pAliveWeight 0.6, medium ≥ 0.4, high ≥ 0.7. */
class ChurnRiskScorerTest {
    static final ChurnConfig C = ScoringConfig.defaults().churn();

    @Test
    void levelBoundariesAreInclusive() {
        assertThat(ChurnRiskScorer.level(0.3999, C)).isEqualTo(LOW);
        assertThat(ChurnRiskScorer.level(0.4, C)).isEqualTo(MEDIUM);
        assertThat(ChurnRiskScorer.level(0.4001, C)).isEqualTo(MEDIUM);
        assertThat(ChurnRiskScorer.level(0.6999, C)).isEqualTo(MEDIUM);
        assertThat(ChurnRiskScorer.level(0.7, C)).isEqualTo(HIGH);
        assertThat(ChurnRiskScorer.level(0.7001, C)).isEqualTo(HIGH);
    }

    @Test
    void inactivityAloneWithoutPAliveOneDayAroundEachLevel() {
        // one-time buyer: threshold 60 d; risk = gap / 60
        assertThat(ChurnRiskScorer.assess(23, 60, Double.NaN, C).level()).isEqualTo(LOW);    // 0.383
        assertThat(ChurnRiskScorer.assess(24, 60, Double.NaN, C)).isEqualTo(new ChurnRisk(0.4, 0.4, MEDIUM));
        assertThat(ChurnRiskScorer.assess(25, 60, Double.NaN, C).level()).isEqualTo(MEDIUM);
        assertThat(ChurnRiskScorer.assess(41, 60, Double.NaN, C).level()).isEqualTo(MEDIUM); // 0.683
        assertThat(ChurnRiskScorer.assess(42, 60, Double.NaN, C)).isEqualTo(new ChurnRisk(0.7, 0.7, HIGH));
        assertThat(ChurnRiskScorer.assess(43, 60, Double.NaN, C).level()).isEqualTo(HIGH);
    }

    @Test
    void inactivityIsClippedAndReachesOneAtTheDormancyThreshold() {
        assertThat(ChurnRiskScorer.inactivity(0, 14)).isEqualTo(0);
        assertThat(ChurnRiskScorer.inactivity(7, 14)).isEqualTo(0.5);
        assertThat(ChurnRiskScorer.inactivity(14, 14)).isEqualTo(1);
        assertThat(ChurnRiskScorer.inactivity(400, 14)).isEqualTo(1);
    }

    @Test
    void blendWithPAlive() {
        // dormant (inactivity 1) but the model says alive: 0.6 × 0 + 0.4 × 1 = 0.4 → medium
        assertThat(ChurnRiskScorer.assess(30, 14, 1.0, C)).isEqualTo(new ChurnRisk(0.4, 1, MEDIUM));
        // dormant and P(alive) 0.5: 0.3 + 0.4 = 0.7 → high
        assertThat(ChurnRiskScorer.assess(30, 14, 0.5, C).level()).isEqualTo(HIGH);
        // ordered today, P(alive) 0.4: 0.6 × 0.6 = 0.36 → low
        ChurnRisk fresh = ChurnRiskScorer.assess(0, 14, 0.4, C);
        assertThat(fresh.risk()).isCloseTo(0.36, within(1e-12));
        assertThat(fresh.level()).isEqualTo(LOW);
        assertThat(ChurnRiskScorer.assess(7, 14, 0.5, C).risk()).isCloseTo(0.6 * 0.5 + 0.4 * 0.5, within(1e-12));
        assertThatThrownBy(() -> ChurnRiskScorer.assess(1, 14, -0.1, C)).isInstanceOf(IllegalArgumentException.class);
    }
}
