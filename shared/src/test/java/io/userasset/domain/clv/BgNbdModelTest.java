package io.userasset.domain.clv;

import io.userasset.domain.clv.math.NumericalFailureException;
import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Closed-form checks of the BG/NBD family against values computed independently in the test:
 * the likelihood written directly from the papers with Hipparchus Beta/Gamma (no prefix tables,
 * no log-sum-exp), P(alive) as the ratio of the "alive" part to the whole likelihood, and expected
 * purchases by numerical integration over the posterior of the dropout probability p — never the
 * production 2F1 path.
 */
class BgNbdModelTest {
    static final BgNbdParameters FHL = BgNbdParameters.CDNOW_BGNBD_WEEKS;

    /** Direct likelihood: BG/NBD (FHL 2005 eq. 6) or MBG/NBD (Batislam et al. 2007). */
    static double[] likelihoodTerms(BgNbdParameters p, int x, double tx, double t) {
        int m = x + (p.model() == PurchaseModelType.MBGNBD ? 1 : 0);
        double common = Gamma.logGamma(p.r() + x) - Gamma.logGamma(p.r()) + p.r() * Math.log(p.alpha());
        double alive = Math.exp(Beta.logBeta(p.a(), p.b() + m) - Beta.logBeta(p.a(), p.b()) + common
                - (p.r() + x) * Math.log(p.alpha() + t));
        double dead = m == 0 ? 0 : Math.exp(Beta.logBeta(p.a() + 1, p.b() + m - 1) - Beta.logBeta(p.a(), p.b()) + common
                - (p.r() + x) * Math.log(p.alpha() + (x == 0 ? 0 : tx)));
        return new double[] {alive, dead};
    }

    /** E[Y(h)|x,tx,T] = P(alive)·E[(1/p)(1 − ((α+T)/(α+T+p·h))^(r+x))], p ~ Beta(a, b+m) (posterior given alive). */
    static double expectedByIntegration(BgNbdParameters p, double h, int x, double tx, double t) {
        int m = x + (p.model() == PurchaseModelType.MBGNBD ? 1 : 0);
        double[] terms = likelihoodTerms(p, x, tx, t);
        double pAlive = terms[0] / (terms[0] + terms[1]);
        double a = p.a(), bb = p.b() + m, big = p.alpha() + t, capA = p.r() + x;
        double logB = Beta.logBeta(a, bb);
        double integral = Quadrature.tanhSinh((u, v) -> {
            double density = Math.exp((a - 1) * Math.log(u) + (bb - 1) * Math.log(v) - logB);
            double g = -Math.expm1(-capA * Math.log1p(u * h / big)) / u;
            return density * g;
        });
        return pAlive * integral;
    }

    @ParameterizedTest
    @CsvSource({
            "bgnbd, 0, 0, 38.86", "bgnbd, 2, 30.43, 38.86", "bgnbd, 1, 1.5, 2.0", "bgnbd, 15, 20, 39",
            "mbgnbd, 0, 0, 38.86", "mbgnbd, 2, 30.43, 38.86", "mbgnbd, 7, 10, 35", "mbgnbd, 1, 0.1, 0.1"})
    void likelihoodAndPAliveMatchTheDirectFormulas(String model, int x, double tx, double t) {
        BgNbdParameters p = BgNbdParameters.defaults(PurchaseModelType.fromId(model), 7);
        BgNbdModel bg = new BgNbdModel(p);
        double[] terms = likelihoodTerms(p, x, tx, t);
        assertThat(bg.logLikelihood(x, tx, t)).isCloseTo(Math.log(terms[0] + terms[1]), within(1e-11));
        assertThat(bg.pAlive(x, tx, t)).isCloseTo(terms[0] / (terms[0] + terms[1]), within(1e-13));
    }

    @ParameterizedTest
    @CsvSource({
            "bgnbd, 0, 0, 38.86, 39", "bgnbd, 2, 30.43, 38.86, 39", "bgnbd, 1, 1.5, 2.0, 12.86",
            "bgnbd, 15, 20, 39, 52", "bgnbd, 3, 5, 5, 100", "mbgnbd, 0, 0, 38.86, 39", "mbgnbd, 2, 30.43, 38.86, 39",
            "mbgnbd, 7, 10, 35, 12.86", "mbgnbd, 0, 0, 0, 12.86", "mbgnbd, 1, 0.1, 0.1, 5"})
    void conditionalExpectationMatchesNumericalIntegration(String model, int x, double tx, double t, double h) {
        BgNbdParameters p = BgNbdParameters.defaults(PurchaseModelType.fromId(model), 7);
        double expected = expectedByIntegration(p, h, x, tx, t);
        assertThat(new BgNbdModel(p).conditionalExpectedPurchases(h, x, tx, t)).isCloseTo(expected, within(1e-10 * Math.max(1, expected)));
    }

    @Test
    void conditionalExpectationIsAccurateAtAEqualsOne() {
        // a = 1 makes the textbook form C/(a−1)·[…] 0/0; the production form has no such point
        for (PurchaseModelType type : PurchaseModelType.values()) {
            BgNbdParameters p = new BgNbdParameters(type, 7, 0.8, 3.0, 1.0, 2.0);
            double expected = expectedByIntegration(p, 13, 3, 10, 20);
            assertThat(new BgNbdModel(p).conditionalExpectedPurchases(13, 3, 10, 20)).isCloseTo(expected, within(1e-10));
            BgNbdParameters near = new BgNbdParameters(type, 7, 0.8, 3.0, 1.0 + 1e-9, 2.0);
            assertThat(new BgNbdModel(near).conditionalExpectedPurchases(13, 3, 10, 20)).isCloseTo(expected, within(1e-8));
        }
        // BG/NBD with a + b = 1: C = a + b − 1 = 0 at x = 0 (a pole of the plain 2F1 series)
        BgNbdParameters p = new BgNbdParameters(PurchaseModelType.BGNBD, 7, 0.8, 3.0, 0.4, 0.6);
        assertThat(new BgNbdModel(p).conditionalExpectedPurchases(13, 0, 0, 20))
                .isCloseTo(expectedByIntegration(p, 13, 0, 0, 20), within(1e-10));
    }

    @Test
    void unconditionalExpectationMatchesIntegrationOverTheDropoutProbability() {
        // E[X(t)] = E_p[w(p)·(1/p)(1 − (α/(α+p t))^r)], p ~ Beta(a, b); w = 1 (BG) or 1−p (MBG: may drop at 0)
        for (PurchaseModelType type : PurchaseModelType.values()) {
            BgNbdParameters p = BgNbdParameters.defaults(type, 7);
            for (double t : new double[] {1, 39, 78, 520}) {
                double logB = Beta.logBeta(p.a(), p.b());
                double expected = Quadrature.tanhSinh((u, v) -> {
                    double density = Math.exp((p.a() - 1) * Math.log(u) + (p.b() - 1) * Math.log(v) - logB);
                    double w = type == PurchaseModelType.MBGNBD ? v : 1.0;
                    return density * w * -Math.expm1(-p.r() * Math.log1p(u * t / p.alpha())) / u;
                });
                assertThat(new BgNbdModel(p).expectedPurchases(t)).isCloseTo(expected, within(1e-10 * Math.max(1, expected)));
            }
        }
    }

    @Test
    void reproducesThePublishedCdnowIndividualPrediction() {
        // Fader, Hardie & Lee, "Implementing the BG/NBD model for customer base analysis in Excel"
        // (2005 note, CDNOW parameters r=.243 α=4.414 a=.793 b=2.426): a customer with x=2, t_x=30.43,
        // T=38.86 weeks is expected to make 1.226 repeat purchases in the next 39 weeks.
        BgNbdModel bg = new BgNbdModel(FHL);
        assertThat(bg.conditionalExpectedPurchases(39, 2, 30.43, 38.86)).isCloseTo(1.226, within(0.0005));
    }

    @Test
    void pAliveIsOneWithoutRepeatsOnlyForBgNbd() {
        assertThat(new BgNbdModel(FHL).pAlive(0, 0, 38.86)).isEqualTo(1.0);
        double mbg = new BgNbdModel(BgNbdParameters.CDNOW_MBGNBD_WEEKS).pAlive(0, 0, 38.86);
        assertThat(mbg).isLessThan(1.0).isGreaterThan(0.0);
        // MBG/NBD: a one-time buyer's P(alive) falls with T
        assertThat(new BgNbdModel(BgNbdParameters.CDNOW_MBGNBD_WEEKS).pAlive(0, 0, 80)).isLessThan(mbg);
    }

    @Test
    void dayBasedQueriesDoNotDependOnTheTimeUnit() {
        BgNbdModel weeks = new BgNbdModel(FHL);
        BgNbdModel days = new BgNbdModel(FHL.inTimeUnit(1));
        assertThat(days.parameters().alpha()).isCloseTo(4.414 * 7, within(1e-12));
        assertThat(days.pAliveDays(3, 100, 250)).isCloseTo(weeks.pAliveDays(3, 100, 250), within(1e-14));
        assertThat(days.conditionalExpectedPurchasesDays(90, 3, 100, 250))
                .isCloseTo(weeks.conditionalExpectedPurchasesDays(90, 3, 100, 250), within(1e-13));
        assertThat(days.logLikelihood(3, 100, 250)).isCloseTo(weeks.logLikelihood(3, 100.0 / 7, 250.0 / 7) - 3 * Math.log(7), within(1e-10));
    }

    @Test
    void extremeInputsGiveFiniteResultsOrAReportedFailure() {
        for (PurchaseModelType type : PurchaseModelType.values()) {
            BgNbdModel bg = new BgNbdModel(BgNbdParameters.defaults(type, 7));
            // huge T, x = 0 / large x with an old last purchase
            assertThat(bg.pAlive(0, 0, 1e7)).isBetween(0.0, 1.0);
            assertThat(bg.pAlive(500, 10, 1e6)).isEqualTo(0.0);
            assertThat(bg.conditionalExpectedPurchases(13, 500, 10, 1e6)).isEqualTo(0.0);
            assertThat(bg.conditionalExpectedPurchases(13, 0, 0, 1e7)).isFinite().isGreaterThanOrEqualTo(0.0);
            assertThat(bg.conditionalExpectedPurchases(1e6, 3, 20, 30)).isFinite().isPositive();
            assertThat(bg.logLikelihood(0, 0, 1e9)).isFinite();
            assertThat(bg.logLikelihood(2000, 5000, 5000)).isFinite();
            // a just-acquired customer (T = 0)
            assertThat(bg.conditionalExpectedPurchases(12.86, 0, 0, 0)).isFinite().isPositive();
        }
        // tiny alpha: fine while z = t/(α+T+t) stays below 1 …
        BgNbdModel tiny = new BgNbdModel(new BgNbdParameters(PurchaseModelType.MBGNBD, 7, 0.5, 1e-9, 0.8, 2.0));
        assertThat(tiny.pAlive(2, 1, 3)).isBetween(0.0, 1.0);
        assertThat(tiny.conditionalExpectedPurchases(12.86, 2, 1, 3)).isFinite().isPositive();
        // … but at T = 0 the series argument is 1 − 1e-10: reported, not returned as garbage
        assertThatThrownBy(() -> tiny.conditionalExpectedPurchases(12.86, 0, 0, 0))
                .isInstanceOf(NumericalFailureException.class).hasMessageContaining("did not converge");
    }

    @Test
    void rejectsInvalidInputs() {
        BgNbdModel bg = new BgNbdModel(FHL);
        assertThatThrownBy(() -> bg.pAlive(-1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bg.pAlive(1, 5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bg.pAlive(1, Double.NaN, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bg.conditionalExpectedPurchases(-1, 1, 1, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BgNbdParameters(PurchaseModelType.BGNBD, 7, 0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BgNbdParameters(PurchaseModelType.BGNBD, 7, 1, Double.NaN, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
