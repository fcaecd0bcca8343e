package io.userasset.domain.clv;

import io.userasset.config.ClvConfig;
import io.userasset.domain.clv.math.Bfgs;
import io.userasset.domain.clv.math.DifferentiableFunction;
import io.userasset.domain.clv.math.MinimizationResult;
import io.userasset.domain.clv.math.NumericalHessian;

/**
 * Maximum-likelihood fitting of the BG/NBD family and Gamma-Gamma on grouped statistics.
 *
 * <p>Method: BFGS ({@link Bfgs}) on the log-parameters (so every parameter stays positive) with the
 * analytic gradient of the grouped likelihood; up to three starting points, the next one tried only
 * if the previous run did not converge. Standard errors: inverse of the observed information, a
 * central-difference Hessian of the analytic gradient in ln θ, mapped back by the delta method
 * (SE(θ) = θ·SE(ln θ)).
 *
 * <p>Fallback (status "fallback", with the reason; parameters = {@code fallback} argument, i.e. the
 * previous fit or the documented defaults): fewer than {@code minCustomers} customers; no repeat
 * purchase at all (the likelihood then has no interior maximum); no start converged; an estimate at
 * the edge of the search box (|ln θ| &gt; 23: a parameter running off to 0 or ∞); for Gamma-Gamma also
 * q ≤ 1 (infinite mean spend, unusable for scoring).
 */
public final class ClvFitter {
    private static final double HESSIAN_STEP = 1e-5;
    private static final double EDGE = BgNbdLikelihood.THETA_BOUND - 2;

    private ClvFitter() {}

    /**
     * Fits both models for the daily refit. {@code previous} (nullable) supplies the fallback
     * parameters when it is of the configured model type; otherwise the documented defaults do.
     */
    public static ClvModel fit(FrequencyStats frequency, SpendStats spend, ClvConfig config, ClvModel previous) {
        return fit(frequency, spend, config, previous, FitOptions.DEFAULT);
    }

    public static ClvModel fit(FrequencyStats frequency, SpendStats spend, ClvConfig config, ClvModel previous,
                               FitOptions options) {
        PurchaseModelType type = PurchaseModelType.fromId(config.model());
        BgNbdParameters fallbackPurchase = previous != null && previous.bgnbd().model() == type
                ? previous.bgnbd().parameters().inTimeUnit(config.timeUnitDays())
                : BgNbdParameters.defaults(type, config.timeUnitDays());
        GammaGammaParameters fallbackSpend = previous != null ? previous.gammaGamma().parameters() : GammaGammaParameters.CDNOW_USD;
        BgNbdFit purchase = fitPurchaseModel(frequency, type, config.timeUnitDays(), config.minCustomersToFit(),
                fallbackPurchase, options);
        GammaGammaFit gg = fitGammaGamma(spend, config.minCustomersToFit(), fallbackSpend, options);
        return new ClvModel(purchase, gg);
    }

    /** Fits BG/NBD or MBG/NBD; see the class comment for the fallback rules. */
    public static BgNbdFit fitPurchaseModel(FrequencyStats stats, PurchaseModelType type, int timeUnitDays,
                                            int minCustomers, BgNbdParameters fallback, FitOptions options) {
        BgNbdParameters fb = fallback.model() == type ? fallback.inTimeUnit(timeUnitDays)
                : BgNbdParameters.defaults(type, timeUnitDays);
        long customers = stats.customers();
        if (customers == 0) {
            return BgNbdFit.fallback(fb, 0.0, "no customers", 0, null, 0, 0, 0);
        }
        BgNbdLikelihood lik = new BgNbdLikelihood(stats, type, timeUnitDays);
        long repeaters = lik.repeaters();
        int tuples = stats.distinctTuples();
        if (customers < minCustomers) {
            return BgNbdFit.fallback(fb, lik.logLikelihood(fb), "too few customers: " + customers + " < " + minCustomers,
                    0, null, customers, repeaters, tuples);
        }
        if (repeaters == 0) {
            return BgNbdFit.fallback(fb, lik.logLikelihood(fb), "no repeat purchases: the likelihood has no interior maximum",
                    0, null, customers, repeaters, tuples);
        }
        // starts: r, a, b fixed; alpha set so that the mean rate r/alpha matches the observed repeat rate
        double exposure = 0, purchases = 0;
        for (int i = 0; i < stats.distinctTuples(); i++) {
            exposure += stats.count(i) * (double) stats.tDays(i) / timeUnitDays;
            purchases += stats.count(i) * (double) stats.x(i);
        }
        double rate = Math.max(purchases, 1) / Math.max(exposure, 1e-9);
        double[][] starts = {
                {1.0, 1.0 / rate, 1.0, 1.0},
                {0.3, 0.3 / rate, 0.5, 3.0},
                {3.0, 3.0 / rate, 2.0, 0.5},
        };
        MultiStart search = minimizeFromStarts(lik, starts, options);
        MinimizationResult best = search.best();
        int totalIterations = search.iterations();
        double ll = -best.value() * lik.customers();
        if (!best.converged()) {
            return BgNbdFit.fallback(fb, lik.logLikelihood(fb), "not converged: " + best.reason(), totalIterations,
                    best.gradientNorm(), customers, repeaters, tuples);
        }
        double[] th = best.point();
        String[] names = {"r", "alpha", "a", "b"};
        for (int i = 0; i < 4; i++) {
            if (Math.abs(th[i]) > EDGE) {
                return BgNbdFit.fallback(fb, lik.logLikelihood(fb), "degenerate optimum: " + names[i] + " = "
                        + Math.exp(th[i]) + " at the edge of the search box", totalIterations, best.gradientNorm(),
                        customers, repeaters, tuples);
            }
        }
        double r = Math.exp(th[0]), alpha = Math.exp(th[1]), a = Math.exp(th[2]), b = Math.exp(th[3]);
        BgNbdFit.StandardErrors se = null;
        if (options.standardErrors()) {
            double[] s = standardErrors(lik, th, lik.customers());
            if (s != null) se = new BgNbdFit.StandardErrors(s[0], s[1], s[2], s[3]);
        }
        return new BgNbdFit(type, timeUnitDays, r, alpha, a, b, ll, true, FitStatus.CONVERGED, best.reason(),
                totalIterations, best.gradientNorm(), customers, repeaters, tuples, se);
    }

    /** Fits Gamma-Gamma; see the class comment for the fallback rules. */
    public static GammaGammaFit fitGammaGamma(SpendStats stats, int minCustomers, GammaGammaParameters fallback,
                                              FitOptions options) {
        long customers = stats.customers();
        int tuples = stats.distinctTuples();
        double width = stats.binRelativeWidth();
        long excluded = stats.excludedNonPositive();
        if (customers == 0) {
            return GammaGammaFit.fallback(fallback, 0.0, "no customers with a repeat purchase", 0, null, 0, 0, width, excluded);
        }
        GammaGammaLikelihood lik = new GammaGammaLikelihood(stats);
        if (customers < minCustomers) {
            return GammaGammaFit.fallback(fallback, lik.logLikelihood(fallback), "too few customers with a repeat purchase: "
                    + customers + " < " + minCustomers, 0, null, customers, tuples, width, excluded);
        }
        double sum = 0;
        for (int i = 0; i < tuples; i++) sum += stats.count(i) * stats.meanSpend(i);
        double mean = sum / customers;
        // p·γ/(q−1) = observed mean at every start
        double[][] starts = {
                {1.0, 2.0, mean},
                {5.0, 4.0, 3.0 * mean / 5.0},
                {0.5, 3.0, 4.0 * mean},
        };
        MultiStart search = minimizeFromStarts(lik, starts, options);
        MinimizationResult best = search.best();
        int totalIterations = search.iterations();
        if (!best.converged()) {
            return GammaGammaFit.fallback(fallback, lik.logLikelihood(fallback), "not converged: " + best.reason(),
                    totalIterations, best.gradientNorm(), customers, tuples, width, excluded);
        }
        double[] th = best.point();
        String[] names = {"p", "q", "gamma"};
        for (int i = 0; i < 3; i++) {
            if (Math.abs(th[i]) > EDGE) {
                return GammaGammaFit.fallback(fallback, lik.logLikelihood(fallback), "degenerate optimum: " + names[i]
                        + " = " + Math.exp(th[i]) + " at the edge of the search box", totalIterations,
                        best.gradientNorm(), customers, tuples, width, excluded);
            }
        }
        double p = Math.exp(th[0]), q = Math.exp(th[1]), g = Math.exp(th[2]);
        if (!(q > 1)) {
            return GammaGammaFit.fallback(fallback, lik.logLikelihood(fallback), "estimated q = " + q
                    + " <= 1: infinite mean spend, unusable for scoring", totalIterations, best.gradientNorm(),
                    customers, tuples, width, excluded);
        }
        GammaGammaFit.StandardErrors se = null;
        if (options.standardErrors()) {
            double[] s = standardErrors(lik, th, lik.customers());
            if (s != null) se = new GammaGammaFit.StandardErrors(s[0], s[1], s[2]);
        }
        return new GammaGammaFit(p, q, g, -best.value() * lik.customers(), true, FitStatus.CONVERGED, best.reason(),
                totalIterations, best.gradientNorm(), customers, tuples, width, excluded, se);
    }

    /**
     * SE of the natural parameters at the optimum θ (log-parameters) of the per-customer objective
     * f = −LL/N: Cov(ln θ) = (N·∇²f)⁻¹, SE(θ_j) = θ_j·sqrt(Cov_jj). Null if the Hessian is not
     * positive definite (flat or saddle direction).
     */
    static double[] standardErrors(DifferentiableFunction f, double[] theta, double n) {
        double[][] h = NumericalHessian.ofGradient(f, theta, HESSIAN_STEP);
        if (h == null) return null;
        double[][] inv = NumericalHessian.inverseSpd(h);
        if (inv == null) return null;
        double[] se = new double[theta.length];
        for (int j = 0; j < theta.length; j++) {
            double v = inv[j][j] / n;
            if (!(v > 0) || !Double.isFinite(v)) return null;
            se[j] = Math.exp(theta[j]) * Math.sqrt(v);
        }
        return se;
    }

    /** The best of BFGS runs from each start in turn (parameters searched on the log scale), and the iterations spent. */
    private record MultiStart(MinimizationResult best, int iterations) {}

    /** Stops at the first start that converges; otherwise keeps the lowest value, a converged run over any other. */
    private static MultiStart minimizeFromStarts(DifferentiableFunction lik, double[][] starts, FitOptions options) {
        Bfgs bfgs = new Bfgs(options.maxIterations(), options.gradientTolerance(), 3.0);
        MinimizationResult best = null;
        int iterations = 0;
        for (double[] start : starts) {
            double[] theta0 = new double[start.length];
            for (int i = 0; i < start.length; i++) theta0[i] = Math.log(start[i]);
            MinimizationResult res = bfgs.minimize(lik, theta0);
            iterations += res.iterations();
            if (best == null || (res.converged() && !best.converged())
                    || (res.converged() == best.converged() && res.value() < best.value())) {
                best = res;
            }
            if (res.converged()) break;
        }
        return new MultiStart(best, iterations);
    }
}
