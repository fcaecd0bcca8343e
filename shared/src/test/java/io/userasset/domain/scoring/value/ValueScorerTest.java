package io.userasset.domain.scoring.value;

import io.userasset.config.ValueConfig;
import io.userasset.domain.scoring.PopulationSketches;
import io.userasset.domain.scoring.ScoreInputs;
import io.userasset.domain.scoring.ScoringConfig;
import io.userasset.domain.scoring.ScoringModel;
import org.junit.jupiter.api.Test;

import static io.userasset.domain.scoring.TestPopulation.AS_OF;
import static io.userasset.domain.scoring.TestPopulation.smallPopulationConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ValueScorerTest {
    static final ValueConfig V = ScoringConfig.defaults().value(); // weights .40 .15 .10 .20 .15, referralWeight 5

    static QuantileTable linear(double step) {
        double[] p = new double[101];
        for (int i = 0; i <= 100; i++) p[i] = i * step;
        return new QuantileTable(1000, p);
    }

    /** Tables where percentile(v) = v / step, so every dimension is computable by hand. */
    static ValueModel handModel() {
        return new ValueModel(1000, linear(0.1), linear(10), linear(0.2), linear(0.1), linear(0.3), linear(10), linear(0.1));
    }

    @Test
    void dimensionsAndCompositeOnAHandComputedCase() {
        // F 5 → 50, M 300 → 30 → consumption 40; social 5×1 + 3 = 8 → 40; content 2 → 20; activity 15 → 50;
        // tenure 730 → 73, repeat days 4 → 40 → loyalty 56.5
        // composite = .40×40 + .15×40 + .10×20 + .20×50 + .15×56.5 = 16 + 6 + 2 + 10 + 8.475 = 42.475
        ValueScores s = ValueScorer.score(new ValueInputs(5, 300, 1, 3, 2, 15, 730, 4), handModel(), V);
        assertThat(s.consumption()).isCloseTo(40, within(1e-9));
        assertThat(s.social()).isCloseTo(40, within(1e-9));
        assertThat(s.content()).isCloseTo(20, within(1e-9));
        assertThat(s.activity()).isCloseTo(50, within(1e-9));
        assertThat(s.loyalty()).isCloseTo(56.5, within(1e-9));
        assertThat(s.composite()).isCloseTo(42.475, within(1e-9));
        assertThat(s.socialContent()).isCloseTo(30, within(1e-9));
    }

    @Test
    void weightsAreNormalized() {
        ValueConfig doubled = new ValueConfig(0.8, 0.3, 0.2, 0.4, 0.3, 30, 365, 5, 50);
        ValueScores s = ValueScorer.score(new ValueInputs(5, 300, 1, 3, 2, 15, 730, 4), handModel(), doubled);
        assertThat(s.composite()).isCloseTo(42.475, within(1e-9));
    }

    @Test
    void nothingDoneScoresZero() {
        ValueScores s = ValueScorer.score(new ValueInputs(0, -20, 0, 0, 0, 0, 0, 0), handModel(), V);
        assertThat(s).isEqualTo(new ValueScores(0, 0, 0, 0, 0, 0));
    }

    @Test
    void percentilesFromASmallPopulationAreMidRanksAmongUsersWithAPositiveValue() {
        // active days of 6 users: 0, 0, 1, 2, 3, 4 → the table holds {1, 2, 3, 4} (zeros excluded):
        // points 0..25 = 1, 26..50 = 2, 51..75 = 3, 76..100 = 4 → percentiles 12.5, 38, 63, 88; zeros score 0.
        // posts: 1, 1, 1, 2 (+ two users with none) → points 0..75 = 1, 76..100 = 2 → percentile(1) = 37.5, (2) = 88
        ScoringConfig cfg = smallPopulationConfig();
        int[] active = {0, 0, 1, 2, 3, 4};
        int[] posts = {0, 0, 1, 1, 1, 2};
        PopulationSketches p = PopulationSketches.create(cfg);
        for (int i = 0; i < 6; i++) {
            p.add(new ScoreInputs(AS_OF, AS_OF, AS_OF, null, 0, 0, 0, 0, active[i], 0, 0, posts[i]), cfg);
        }
        ValueModel m = p.toModel(cfg, AS_OF).value();
        assertThat(m.users()).isEqualTo(6);
        assertThat(m.activity().n()).isEqualTo(4);
        double[] expected = {0, 0, 12.5, 38, 63, 88};
        for (int i = 0; i < 6; i++) {
            assertThat(ValueScorer.pct(m.activity(), active[i])).as("active %d", active[i]).isEqualTo(expected[i]);
        }
        assertThat(ValueScorer.pct(m.content(), 1)).isEqualTo(37.5);
        assertThat(ValueScorer.pct(m.content(), 2)).isEqualTo(88);
        // nobody ordered, shared or was seen before today: those tables stay the defaults (n = 0)
        ValueModel d = ScoringModel.defaults(cfg).value();
        assertThat(m.frequency()).isEqualTo(d.frequency());
        assertThat(m.social()).isEqualTo(d.social());
        assertThat(m.tenure()).isEqualTo(d.tenure());
    }
}
