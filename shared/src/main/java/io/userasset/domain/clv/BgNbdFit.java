package io.userasset.domain.clv;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A fitted (or fallback) BG/NBD-family model: parameters with their time unit plus the fit's
 * diagnostics. Serialized as the {@code bgnbd} block of {@link ClvModel}.
 *
 * @param model          "bgnbd" or "mbgnbd"
 * @param timeUnitDays   time unit of r/alpha (7 = weeks)
 * @param logLikelihood  total log-likelihood of the parameters on the fitted data (0 for no data)
 * @param converged      true iff status is "converged"
 * @param reason         how the optimizer stopped, or why the fallback was used
 * @param iterations     BFGS iterations (0 for a fallback that did not run)
 * @param gradientNorm   max |∂(−LL/N)/∂ ln θ| at the end, or null if no optimization ran
 * @param standardErrors from the observed information (numerical Hessian), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BgNbdFit(PurchaseModelType model, int timeUnitDays, double r, double alpha, double a, double b,
                       double logLikelihood, boolean converged, FitStatus status, String reason, int iterations,
                       Double gradientNorm, long customers, long repeaters, int distinctTuples,
                       StandardErrors standardErrors) {

    /** Asymptotic standard errors (square roots of the diagonal of the inverse observed information). */
    public record StandardErrors(double r, double alpha, double a, double b) {}

    public BgNbdFit {
        if (model == null || status == null) throw new IllegalArgumentException("model and status are required");
        if (converged != (status == FitStatus.CONVERGED)) throw new IllegalArgumentException("converged must match status");
    }

    @JsonIgnore
    public BgNbdParameters parameters() {
        return new BgNbdParameters(model, timeUnitDays, r, alpha, a, b);
    }

    /** A fallback fit: the given parameters, kept for the given reason. */
    public static BgNbdFit fallback(BgNbdParameters p, double logLikelihood, String reason, int iterations,
                                    Double gradientNorm, long customers, long repeaters, int distinctTuples) {
        return new BgNbdFit(p.model(), p.timeUnitDays(), p.r(), p.alpha(), p.a(), p.b(), logLikelihood, false,
                FitStatus.FALLBACK, reason, iterations, gradientNorm, customers, repeaters, distinctTuples, null);
    }
}
