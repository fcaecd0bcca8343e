package io.userasset.domain.clv;

import io.userasset.domain.clv.math.Hypergeometric2F1;
import io.userasset.domain.clv.math.NumericalFailureException;
import org.hipparchus.special.Gamma;

/**
 * Per-customer quantities of the BG/NBD family (BG/NBD or MBG/NBD, see {@link PurchaseModelType}).
 * All times (t_x, T, horizon t) are in the parameters' time unit ({@link BgNbdParameters#timeUnitDays()});
 * the {@code …Days} variants convert from days. Invalid inputs raise {@link IllegalArgumentException};
 * a quantity that cannot be computed reliably raises {@link NumericalFailureException}; no method
 * returns NaN.
 *
 * <p>With m = x + shift (shift 0 for BG/NBD, 1 for MBG/NBD):
 * <pre>
 *   L(x, t_x, T) = B(a, b+m)/B(a, b) · Γ(r+x) α^r / Γ(r) · [ (α+T)^−(r+x) + [m ≥ 1] a/(b+m−1) (α+t_x)^−(r+x) ]
 *   P(alive)     = 1 / (1 + [m ≥ 1] a/(b+m−1) ((α+T)/(α+t_x))^(r+x))
 *   E[Y(t) | ·]  = P(alive) · C/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) 2F1(r+x, B; C; t/(α+T+t))]
 *                  with (B, C) = (b+x, a+b+x−1) for BG/NBD and (b+x+1, a+b+x) for MBG/NBD
 *   E[X(t)]      = E[Y(t) | x = 0, t_x = 0, T = 0]
 * </pre>
 * The bracket is evaluated in a form without cancellation at a ≈ 1 or C ≈ 0 (see
 * {@link #aliveExpectedPurchases}).
 */
public final class BgNbdModel {
    private final BgNbdParameters params;
    private final int shift;
    private final double r, alpha, a, b;

    public BgNbdModel(BgNbdParameters params) {
        this.params = params;
        this.shift = params.model().shift();
        this.r = params.r();
        this.alpha = params.alpha();
        this.a = params.a();
        this.b = params.b();
    }

    public BgNbdParameters parameters() {
        return params;
    }

    /** Log-likelihood of one customer (log-space throughout). */
    public double logLikelihood(int x, double tx, double t) {
        check(x, tx, t);
        int m = x + shift;
        double a1 = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha);
        double a2 = Gamma.logGamma(b + m) - Gamma.logGamma(b) + Gamma.logGamma(a + b) - Gamma.logGamma(a + b + m);
        double e1 = -(r + x) * Math.log(alpha + t);
        double tail = e1;
        if (m >= 1) {
            double txEff = x == 0 ? 0.0 : tx;
            // log of the ratio of the second term to the first: k = ln(a/(b+m−1)) + (r+x) ln((α+T)/(α+tx))
            double k = Math.log(a) - Math.log(b + m - 1) + (r + x) * Math.log1p((t - txEff) / (alpha + txEff));
            tail = e1 + softplus(k);
        }
        return finite(a1 + a2 + tail, "log-likelihood", x, tx, t);
    }

    /** Probability that the customer is still alive at T. */
    public double pAlive(int x, double tx, double t) {
        check(x, tx, t);
        int m = x + shift;
        if (m == 0) return 1.0;
        double txEff = x == 0 ? 0.0 : tx;
        double k = Math.log(a) - Math.log(b + m - 1) + (r + x) * Math.log1p((t - txEff) / (alpha + txEff));
        // 1/(1+e^k), computed without overflow
        return k > 0 ? Math.exp(-k) / (1 + Math.exp(-k)) : 1 / (1 + Math.exp(k));
    }

    /** E[Y(horizon) | x, t_x, T]: expected repeat purchases in (T, T + horizon]. */
    public double conditionalExpectedPurchases(double horizon, int x, double tx, double t) {
        check(x, tx, t);
        if (!(horizon >= 0) || !Double.isFinite(horizon)) throw new IllegalArgumentException("horizon must be >= 0, got " + horizon);
        double pa = pAlive(x, tx, t);
        if (pa == 0.0 || horizon == 0.0) return 0.0;
        return finite(pa * aliveExpectedPurchases(horizon, x, t), "conditional expectation", x, tx, t);
    }

    /** E[X(t)]: expected repeat purchases in (0, t] of a customer acquired (first purchase) at 0. */
    public double expectedPurchases(double t) {
        return conditionalExpectedPurchases(t, 0, 0.0, 0.0);
    }

    public double pAliveDays(int x, double txDays, double tDays) {
        double u = params.timeUnitDays();
        return pAlive(x, txDays / u, tDays / u);
    }

    public double conditionalExpectedPurchasesDays(double horizonDays, int x, double txDays, double tDays) {
        double u = params.timeUnitDays();
        return conditionalExpectedPurchases(horizonDays / u, x, txDays / u, tDays / u);
    }

    /**
     * Expected purchases in (T, T+t] given alive at T: {@code G = C/(a−1)·[1 − (1−z)^A 2F1(A, B; C; z)]},
     * A = r+x, z = t/(α+T+t). By Euler's transformation {@code (1−z)^A 2F1(A,B;C;z) = (1−z)^d 2F1(d, C−A; C; z)}
     * with d = C − B = a − 1, so, with L = ln(1−z) and
     * {@code R = (C/d)(2F1(d, C−A; C; z) − 1)} ({@link Hypergeometric2F1#scaledRemainder}):
     * <pre>  G = −C·expm1(d·L)/d − e^{d·L}·R  </pre>
     * which stays accurate at a = 1 (d = 0) and C = 0, where the textbook form is 0/0, and whose
     * series terms decay like n^(a−A−2) z^n instead of growing like n^(r+x−a) z^n first.
     */
    double aliveExpectedPurchases(double t, int x, double bigT) {
        double capA = r + x;
        double capC = a + b + x - 1 + shift;
        double d = a - 1;
        double z = t / (alpha + bigT + t);
        double logOneMinusZ = -Math.log1p(t / (alpha + bigT));
        Hypergeometric2F1.Result series = Hypergeometric2F1.scaledRemainder(d, capC - capA, capC, z);
        if (!series.converged()) {
            throw new NumericalFailureException("E[Y(t)] not computable for x=" + x + " T=" + bigT + " t=" + t
                    + " with " + params + ": " + series.failure());
        }
        double dl = d * logOneMinusZ;
        double expm1OverD = d == 0.0 ? logOneMinusZ : Math.expm1(dl) / d;
        return -capC * expm1OverD - Math.exp(dl) * series.value();
    }

    static double softplus(double k) {
        return k > 0 ? k + Math.log1p(Math.exp(-k)) : Math.log1p(Math.exp(k));
    }

    private static void check(int x, double tx, double t) {
        if (x < 0) throw new IllegalArgumentException("x must be >= 0, got " + x);
        if (!(tx >= 0) || !(t >= tx) || !Double.isFinite(t)) {
            throw new IllegalArgumentException("need 0 <= t_x <= T finite, got t_x=" + tx + " T=" + t);
        }
    }

    private double finite(double v, String what, int x, double tx, double t) {
        if (!Double.isFinite(v)) {
            throw new NumericalFailureException(what + " not finite for x=" + x + " t_x=" + tx + " T=" + t + " with " + params);
        }
        return v;
    }
}
