package io.userasset.domain.clv;

import io.userasset.domain.clv.math.NumericalFailureException;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Gamma-Gamma checks against the model's definition, integrated numerically over the customer's
 * rate ν: m̄ | ν ~ Gamma(px, rate νx), ν ~ Gamma(q, rate γ).
 */
class GammaGammaModelTest {
    static final GammaGammaParameters P = GammaGammaParameters.CDNOW_USD;

    static double gammaPdf(double y, double shape, double rate) {
        return Math.exp(shape * Math.log(rate) + (shape - 1) * Math.log(y) - rate * y - Gamma.logGamma(shape));
    }

    @ParameterizedTest
    @CsvSource({"1, 12.5", "2, 35.0", "5, 20.0", "14, 8.75", "1, 300"})
    void densityAndConditionalMeanMatchIntegrationOverNu(int x, double mean) {
        double prior = P.q() / P.gamma();
        double marginal = Quadrature.halfLine(nu -> gammaPdf(mean, P.p() * x, nu * x) * gammaPdf(nu, P.q(), P.gamma()), prior);
        GammaGammaModel gg = new GammaGammaModel(P);
        assertThat(gg.logLikelihood(x, mean)).isCloseTo(Math.log(marginal), within(1e-9));
        // E[p/ν | m̄] = ∫ (p/ν) f(m̄|ν) g(ν) dν / f(m̄)
        double num = Quadrature.halfLine(nu -> P.p() / nu * gammaPdf(mean, P.p() * x, nu * x) * gammaPdf(nu, P.q(), P.gamma()), prior);
        assertThat(gg.conditionalExpectedAverageValue(x, mean)).isCloseTo(num / marginal, within(1e-9 * num / marginal));
    }

    @Test
    void populationMeanAndShrinkage() {
        GammaGammaModel gg = new GammaGammaModel(P);
        double pop = P.p() * P.gamma() / (P.q() - 1);
        assertThat(gg.populationMean()).isCloseTo(pop, within(1e-12));
        assertThat(gg.conditionalExpectedAverageValue(0, Double.NaN)).isEqualTo(gg.populationMean());
        // more repeat purchases → closer to the customer's own mean
        double own = 100;
        double e1 = gg.conditionalExpectedAverageValue(1, own), e10 = gg.conditionalExpectedAverageValue(10, own);
        assertThat(e1).isBetween(pop, own);
        assertThat(e10).isBetween(e1, own);
        // free orders: mean 0 is allowed for scoring and shrinks toward 0 from the population mean
        assertThat(gg.conditionalExpectedAverageValue(3, 0.0)).isBetween(0.0, pop);
    }

    @Test
    void infiniteMeanIsReportedNotReturned() {
        GammaGammaModel heavy = new GammaGammaModel(new GammaGammaParameters(2, 0.8, 10));
        assertThatThrownBy(heavy::populationMean).isInstanceOf(NumericalFailureException.class).hasMessageContaining("q <= 1");
        assertThatThrownBy(() -> new GammaGammaModel(P).logLikelihood(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GammaGammaModel(P).logLikelihood(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
