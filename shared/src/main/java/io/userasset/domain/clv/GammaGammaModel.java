package io.userasset.domain.clv;

import io.userasset.domain.clv.math.NumericalFailureException;
import org.hipparchus.special.Gamma;

/**
 * Per-customer quantities of the Gamma-Gamma spend model. {@code mean} is the customer's average value
 * per repeat purchase day, {@code x} the number of repeat purchase days it averages.
 * <pre>
 *   f(m̄ | x) = Γ(px+q) / (Γ(px) Γ(q)) · γ^q m̄^(px−1) x^(px) / (γ + x m̄)^(px+q)
 *   E[M | x, m̄] = p (γ + x m̄) / (px + q − 1)
 *              = (q−1)/(px+q−1) · pγ/(q−1) + px/(px+q−1) · m̄     (weighted toward the population mean)
 * </pre>
 */
public final class GammaGammaModel {
    private final GammaGammaParameters params;

    public GammaGammaModel(GammaGammaParameters params) {
        this.params = params;
    }

    public GammaGammaParameters parameters() {
        return params;
    }

    /** Log density of the observed mean. */
    public double logLikelihood(int x, double mean) {
        checkObservation(x, mean);
        double p = params.p(), q = params.q(), g = params.gamma();
        double px = p * x;
        double v = Gamma.logGamma(px + q) - Gamma.logGamma(px) - Gamma.logGamma(q) + q * Math.log(g)
                + (px - 1) * Math.log(mean) + px * Math.log(x) - (px + q) * Math.log(g + x * mean);
        if (!Double.isFinite(v)) throw new NumericalFailureException("Gamma-Gamma log-likelihood not finite for x=" + x + " mean=" + mean);
        return v;
    }

    /** Population mean value per purchase occasion, p·γ/(q−1). */
    public double populationMean() {
        if (!(params.q() > 1)) {
            throw new NumericalFailureException("population mean spend is infinite for q <= 1 (q=" + params.q() + ")");
        }
        return params.p() * params.gamma() / (params.q() - 1);
    }

    /**
     * Expected value per purchase occasion of a customer with x repeat purchase days of mean {@code mean}
     * (≥ 0); the population mean for x = 0 ({@code mean} ignored).
     */
    public double conditionalExpectedAverageValue(int x, double mean) {
        if (x == 0) return populationMean();
        if (x < 1) throw new IllegalArgumentException("x must be >= 0, got " + x);
        // mean = 0 (free orders) is allowed here: the credibility-weighted formula stays meaningful.
        if (!(mean >= 0) || !Double.isFinite(mean)) throw new IllegalArgumentException("mean spend must be >= 0, got " + mean);
        double denom = params.p() * x + params.q() - 1;
        if (!(denom > 0)) throw new NumericalFailureException("px + q − 1 <= 0: conditional mean undefined");
        return params.p() * (params.gamma() + x * mean) / denom;
    }

    private static void checkObservation(int x, double mean) {
        if (x < 1) throw new IllegalArgumentException("x must be >= 1, got " + x);
        if (!(mean > 0) || !Double.isFinite(mean)) throw new IllegalArgumentException("mean spend must be positive, got " + mean);
    }
}
