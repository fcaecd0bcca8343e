package io.userasset.domain.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.userasset.domain.scoring.churn.RiskLevel;
import io.userasset.domain.scoring.lifecycle.LifecycleStage;
import io.userasset.domain.scoring.rfm.RfmResult;
import io.userasset.domain.scoring.rfm.Segment11;
import io.userasset.domain.scoring.rfm.Segment8;
import io.userasset.domain.scoring.rfm.SegmentScheme;
import io.userasset.domain.scoring.value.GrowthTier;
import org.junit.jupiter.api.Test;

import static io.userasset.domain.scoring.TestPopulation.AS_OF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScorerTest {
    static final ScoringConfig CFG = ScoringConfig.defaults();
    static final ScoringModel DEFAULTS = ScoringModel.defaults(CFG);

    @Test
    void weeklyBuyerSilentForThirtyDaysOnTheDefaultModel() {
        // 21 purchase days a week apart, the last 30 days ago; browsed 3 days ago; 25 orders, 1,200 in the window
        ScoreInputs in = new ScoreInputs(AS_OF, AS_OF - 400, AS_OF - 3, AS_OF - 30, 25, 1200, 20, 140, 6, 0, 2, 0);
        Scores s = new Scorer(CFG).score(in, DEFAULTS, 0.8);

        // R 30 ≤ 30 → 5; F 25 > 5 → 5; M 1200 > 500 → 5 → champions; vs means 120 / 2.5 / 200 → important-value
        assertThat(s.rfm()).isEqualTo(new RfmResult(5, 5, 5, 5, Segment8.IMPORTANT_VALUE, Segment11.CHAMPIONS));
        assertThat(s.lifecycle().stage()).isEqualTo(LifecycleStage.DORMANCY);
        assertThat(s.lifecycle().dormancyThresholdDays()).isEqualTo(14);
        // inactivity = min(1, 30 / 14) = 1; risk = 0.6 × 0.2 + 0.4 × 1 = 0.52 → medium
        assertThat(s.churn().inactivity()).isEqualTo(1);
        assertThat(s.churn().risk()).isCloseTo(0.52, within(1e-12));
        assertThat(s.churn().level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(s.value().consumption()).isGreaterThan(90);
        assertThat(s.growth().tier()).isIn(GrowthTier.POTENTIAL, GrowthTier.CORE);
    }

    @Test
    void nonBuyerIgnoresPAliveAndHasNoRfm() {
        ScoreInputs in = TestPopulation.nonBuyer(30);
        Scores s = Scorer.score(in, DEFAULTS, CFG, 0.0);
        assertThat(s.rfm()).isEqualTo(RfmResult.NOT_APPLICABLE);
        assertThat(s.lifecycle().stage()).isEqualTo(LifecycleStage.INTRODUCTION);
        // gap = 30 days since last active, threshold max(14, 2 × 30) = 60 → inactivity 0.5 = risk (no P(alive))
        assertThat(s.churn().risk()).isEqualTo(0.5);
        assertThat(s.churn().level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(s.value().consumption()).isZero();
        assertThat(s.growth().tier()).isEqualTo(GrowthTier.NEW);
        assertThat(s.growth().nextTier()).isEqualTo(GrowthTier.POTENTIAL);
    }

    @Test
    void anOrderCountsAsActivity() {
        // inconsistent profile: last active 100 days ago but an order 5 days ago → active 5 days ago
        ScoreInputs in = new ScoreInputs(AS_OF, AS_OF - 400, AS_OF - 100, AS_OF - 5, 4, 100, 3, 60, 1, 0, 0, 0);
        assertThat(in.lifecycleInputs().daysSinceLastActive()).isEqualTo(5);
        assertThat(Scorer.score(in, DEFAULTS, CFG, 0.9).lifecycle().stage()).isEqualTo(LifecycleStage.MATURITY);
    }

    @Test
    void scoresSerializeWithStableLowercaseIds() throws Exception {
        ScoreInputs in = new ScoreInputs(AS_OF, AS_OF - 400, AS_OF - 3, AS_OF - 30, 25, 1200, 20, 140, 6, 0, 2, 0);
        JsonNode json = new ObjectMapper().valueToTree(Scorer.score(in, DEFAULTS, CFG, 0.8));
        assertThat(json.at("/rfm/segment8").asText()).isEqualTo("important-value");
        assertThat(json.at("/rfm/segment11").asText()).isEqualTo("champions");
        assertThat(json.at("/lifecycle/stage").asText()).isEqualTo("dormancy");
        assertThat(json.at("/churn/level").asText()).isEqualTo("medium");
        assertThat(json.at("/growth/tier").asText()).isIn("potential", "core");
        JsonNode none = new ObjectMapper().valueToTree(Scorer.score(TestPopulation.nonBuyer(1), DEFAULTS, CFG, Double.NaN));
        assertThat(none.at("/rfm/r").isNull()).isTrue();
        assertThat(none.at("/rfm/segment8").asText()).isEqualTo("none");
    }

    @Test
    void scoringModelJsonRoundTrip() {
        assertThat(ScoringModel.fromJson(DEFAULTS.toJson())).isEqualTo(DEFAULTS);
        ScoringConfig small = TestPopulation.smallPopulationConfig();
        PopulationSketches p = PopulationSketches.create(small);
        for (int i = 0; i < 40; i++) {
            p.add(new ScoreInputs(AS_OF, AS_OF - 10 * i, AS_OF - i, i % 5 == 0 ? null : AS_OF - 2 * i, i % 6, 17.5 * i,
                    i % 4, 3 * (i % 4), i % 31, i % 3, i % 7, i % 2), small);
        }
        ScoringModel m = p.toModel(small, AS_OF);
        String json = m.toJson();
        assertThat(json).contains("\"asOfDay\":" + AS_OF).contains("\"relativeError\":0.005").contains("\"recency\":{\"c1\"");
        assertThat(ScoringModel.fromJson(json)).isEqualTo(m);
        assertThat(json.length()).isLessThan(30_000);
    }

    @Test
    void reportedSchemesComeFromConfig() {
        assertThat(CFG.reportedSchemes()).containsExactly(SegmentScheme.RFM8, SegmentScheme.RFM11);
        ScoringConfig only11 = ScoringConfig.from(io.userasset.config.ConfigLoader.withOverrides("rfm: {segmentSchemes: [rfm11]}"));
        assertThat(only11.reportedSchemes()).containsExactly(SegmentScheme.RFM11);
    }
}
