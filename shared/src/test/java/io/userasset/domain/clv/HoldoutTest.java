package io.userasset.domain.clv;

import io.userasset.domain.clv.simulation.CohortSimulator;
import io.userasset.domain.clv.simulation.SimulatedCohort;
import io.userasset.domain.clv.simulation.SimulationSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Out-of-sample check on simulated cohorts recorded as purchase days (as real data): fit on the
 * calibration period, then the sum over customers of E[Y(holdout) | x, t_x, T] must match the actual
 * number of holdout purchase days within 5 %. With 50,000 customers the sampling noise of the actual
 * total is ≈ 1–2 %, so 5 % leaves room for it and for the day-rounding bias, but not for a wrong
 * conditional expectation.
 */
class HoldoutTest {
    static Stream<Arguments> cohorts() {
        return Stream.of(
                Arguments.of(BgNbdParameters.CDNOW_BGNBD_WEEKS, 301L),
                Arguments.of(BgNbdParameters.CDNOW_MBGNBD_WEEKS, 302L),
                Arguments.of(new BgNbdParameters(PurchaseModelType.BGNBD, 7, 1.5, 3.0, 0.5, 6.0), 303L),
                Arguments.of(new BgNbdParameters(PurchaseModelType.MBGNBD, 7, 1.2, 5.0, 0.6, 4.0), 304L));
    }

    @ParameterizedTest
    @MethodSource("cohorts")
    void predictedHoldoutPurchasesMatchTheSimulatedTotal(BgNbdParameters truth, long seed) {
        SimulatedCohort cohort = CohortSimulator.simulate(new SimulationSpec(truth, GammaGammaParameters.CDNOW_USD, 50_000,
                84, 272, 273, seed, SimulationSpec.Recording.PURCHASE_DAYS));
        BgNbdFit fit = ClvFitter.fitPurchaseModel(cohort.frequencyStats(), truth.model(), 7, 50,
                BgNbdParameters.defaults(truth.model(), 7), FitOptions.DEFAULT);
        assertThat(fit.converged()).isTrue();
        ClvScorer scorer = new ClvScorer(fit.parameters(), GammaGammaParameters.CDNOW_USD, 273, 0.0);
        double predicted = 0;
        for (int i = 0; i < cohort.size(); i++) predicted += scorer.expectedPurchases(cohort.customer(i));
        long actual = cohort.totalHoldoutPurchaseDays();
        System.out.printf("holdout %s %s: predicted %.0f actual %d (%+.2f %%)%n", truth.model().id(), seed, predicted, actual,
                100 * (predicted / actual - 1));
        assertThat(predicted / actual).isBetween(0.95, 1.05);
    }
}
