package io.userasset.domain.clv;

/**
 * Optimizer settings of {@link ClvFitter}.
 *
 * @param maxIterations     BFGS iteration cap per start
 * @param gradientTolerance convergence when max |∂(−LL/N)/∂ ln θ| ≤ this. The mean log-likelihood's
 *                          curvature in ln θ is ≥ ~1e-3 on the data seen, so the remaining parameter
 *                          error ≤ ~1e-9/1e-3 = 1e-6 in ln θ, far below any standard error.
 * @param standardErrors    compute standard errors (numerical Hessian: 2 extra gradient evaluations per parameter)
 */
public record FitOptions(int maxIterations, double gradientTolerance, boolean standardErrors) {
    public static final FitOptions DEFAULT = new FitOptions(200, 1e-9, true);

    public FitOptions {
        if (maxIterations < 1 || !(gradientTolerance > 0)) throw new IllegalArgumentException("invalid fit options");
    }
}
