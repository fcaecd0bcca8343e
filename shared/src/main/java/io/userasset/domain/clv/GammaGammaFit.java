package io.userasset.domain.clv;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A fitted (or fallback) Gamma-Gamma model with its diagnostics; the {@code gammaGamma} block of
 * {@link ClvModel}. Fields as in {@link BgNbdFit}; {@code binRelativeWidth} is the spend-bin width of
 * the statistics it was fitted on, {@code excludedNonPositive} the repeaters left out for a mean
 * spend ≤ 0.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GammaGammaFit(double p, double q, double gamma, double logLikelihood, boolean converged, FitStatus status,
                            String reason, int iterations, Double gradientNorm, long customers, int distinctTuples,
                            double binRelativeWidth, long excludedNonPositive, StandardErrors standardErrors) {

    public record StandardErrors(double p, double q, double gamma) {}

    public GammaGammaFit {
        if (status == null) throw new IllegalArgumentException("status is required");
        if (converged != (status == FitStatus.CONVERGED)) throw new IllegalArgumentException("converged must match status");
    }

    @JsonIgnore
    public GammaGammaParameters parameters() {
        return new GammaGammaParameters(p, q, gamma);
    }

    public static GammaGammaFit fallback(GammaGammaParameters p, double logLikelihood, String reason, int iterations,
                                         Double gradientNorm, long customers, int distinctTuples,
                                         double binRelativeWidth, long excluded) {
        return new GammaGammaFit(p.p(), p.q(), p.gamma(), logLikelihood, false, FitStatus.FALLBACK, reason, iterations,
                gradientNorm, customers, distinctTuples, binRelativeWidth, excluded, null);
    }
}
