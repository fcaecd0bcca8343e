package io.userasset.domain.clv.simulation;

import io.userasset.domain.clv.BgNbdModel;
import io.userasset.domain.clv.BgNbdParameters;
import io.userasset.domain.clv.GammaGammaParameters;
import io.userasset.domain.clv.PurchaseModelType;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CohortSimulatorTest {

    @Test
    void sameSeedSameCohort() {
        SimulationSpec spec = SimulationSpec.cdnowLike(BgNbdParameters.CDNOW_BGNBD_WEEKS, GammaGammaParameters.CDNOW_USD, 2000, 7);
        SimulatedCohort a = CohortSimulator.simulate(spec), b = CohortSimulator.simulate(spec);
        assertThat(a.frequencyStats()).isEqualTo(b.frequencyStats());
        assertThat(a.spendStats(0.005)).isEqualTo(b.spendStats(0.005));
        assertThat(a.totalHoldoutPurchaseDays()).isEqualTo(b.totalHoldoutPurchaseDays());
        SimulatedCohort c = CohortSimulator.simulate(SimulationSpec.cdnowLike(BgNbdParameters.CDNOW_BGNBD_WEEKS, null, 2000, 8));
        assertThat(c.frequencyStats()).isNotEqualTo(a.frequencyStats());
    }

    @Test
    void recordsPurchaseDaysLikeTheEngine() {
        SimulatedCohort c = CohortSimulator.simulate(SimulationSpec.cdnowLike(BgNbdParameters.CDNOW_MBGNBD_WEEKS,
                GammaGammaParameters.CDNOW_USD, 20_000, 3));
        for (int i = 0; i < c.size(); i++) {
            assertThat(c.tDays(i)).isBetween(272 - 83, 272);
            assertThat(c.x(i)).isBetween(0, c.txDays(i));
            assertThat(c.txDays(i)).isBetween(0, c.tDays(i));
            assertThat(c.holdoutPurchaseDays(i)).isBetween(0, 273);
            if (c.x(i) == 0) assertThat(c.repeatSpend(i)).isZero();
            else assertThat(c.repeatSpend(i)).isPositive();
            c.customer(i); // valid summaries
        }
    }

    @Test
    void meanRepeatTransactionsMatchTheModelsUnconditionalExpectation() {
        // everyone acquired on day 0 and observed for 39 weeks (+ half a day on average: the first
        // purchase falls uniformly within day 0 and day 272 is fully observed)
        for (PurchaseModelType type : PurchaseModelType.values()) {
            BgNbdParameters p = BgNbdParameters.defaults(type, 7);
            int n = 200_000;
            SimulatedCohort c = CohortSimulator.simulate(new SimulationSpec(p, null, n, 1, 272, 0, 17,
                    SimulationSpec.Recording.TRANSACTIONS));
            double sum = 0, sumSq = 0;
            for (int i = 0; i < n; i++) {
                sum += c.x(i);
                sumSq += (double) c.x(i) * c.x(i);
            }
            double mean = sum / n, se = Math.sqrt((sumSq / n - mean * mean) / n);
            double expected = new BgNbdModel(p).expectedPurchases(272.5 / 7);
            assertThat(mean).as(type.id()).isCloseTo(expected, within(4 * se));
        }
    }

    @Test
    void mbgNbdLosesCustomersRightAfterTheFirstPurchase() {
        BgNbdParameters bg = new BgNbdParameters(PurchaseModelType.BGNBD, 7, 1.0, 5.0, 1.0, 2.0);
        BgNbdParameters mbg = new BgNbdParameters(PurchaseModelType.MBGNBD, 7, 1.0, 5.0, 1.0, 2.0);
        long bgZero = zeros(CohortSimulator.simulate(SimulationSpec.cdnowLike(bg, null, 20_000, 1)));
        long mbgZero = zeros(CohortSimulator.simulate(SimulationSpec.cdnowLike(mbg, null, 20_000, 1)));
        // P(drop at the first purchase) = E[p] = 1/3 extra zeros, roughly
        assertThat((double) mbgZero / 20_000).isGreaterThan((double) bgZero / 20_000 + 0.2);
    }

    private static long zeros(SimulatedCohort c) {
        long z = 0;
        for (int i = 0; i < c.size(); i++) if (c.x(i) == 0) z++;
        return z;
    }

    @Test
    void spendsFollowTheGammaGammaMean() {
        GammaGammaParameters gg = new GammaGammaParameters(4.0, 5.0, 30.0); // mean p·γ/(q−1) = 30
        BgNbdParameters buyers = new BgNbdParameters(PurchaseModelType.BGNBD, 7, 1.5, 3.0, 0.5, 6.0);
        SimulatedCohort c = CohortSimulator.simulate(new SimulationSpec(buyers, gg, 50_000, 84, 272, 0, 5,
                SimulationSpec.Recording.TRANSACTIONS));
        double spend = 0;
        long tx = 0;
        for (int i = 0; i < c.size(); i++) {
            spend += c.repeatSpend(i);
            tx += c.x(i);
        }
        assertThat(spend / tx).isCloseTo(30.0, within(0.6));
        assertThatThrownBy(() -> c.customer(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void gammaAndBetaVariatesHaveTheRightMoments() {
        SplittableRandom rng = new SplittableRandom(1);
        for (double shape : new double[] {0.243, 1.0, 6.25}) {
            int n = 400_000;
            double s = 0, s2 = 0;
            for (int i = 0; i < n; i++) {
                double g = RandomVariates.gamma(rng, shape);
                s += g;
                s2 += g * g;
            }
            double mean = s / n, var = s2 / n - mean * mean;
            assertThat(mean).isCloseTo(shape, within(5 * Math.sqrt(shape / n)));
            assertThat(var).isCloseTo(shape, within(0.03 * shape));
        }
        double s = 0;
        for (int i = 0; i < 200_000; i++) s += RandomVariates.beta(rng, 0.793, 2.426);
        assertThat(s / 200_000).isCloseTo(0.793 / (0.793 + 2.426), within(0.003));
    }
}
