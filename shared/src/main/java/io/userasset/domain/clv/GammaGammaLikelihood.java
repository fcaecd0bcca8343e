package io.userasset.domain.clv;

import io.userasset.domain.clv.math.DifferentiableFunction;
import org.hipparchus.special.Gamma;

/**
 * Grouped Gamma-Gamma log-likelihood with analytic gradient in θ = (ln p, ln q, ln γ); returns the
 * mean negative log-likelihood per customer. Per evaluation: ln Γ and ψ once per distinct x, one log
 * per distinct (x, bin) tuple; the terms (px−1)·ln m̄ + px·ln x are linear in p and summed once.
 */
final class GammaGammaLikelihood implements DifferentiableFunction {
    private final double n;
    private final int[] distinctX;
    private final double[] wX;     // Σ n per distinct x
    private final double[] gX, gM, gW;
    private final double s0;       // Σ n ln m
    private final double s1;       // Σ n x (ln m + ln x)
    private final int tuples;

    GammaGammaLikelihood(SpendStats stats) {
        int k = stats.distinctTuples();
        this.tuples = k;
        gX = new double[k];
        gM = new double[k];
        gW = new double[k];
        double total = 0, a0 = 0, a1 = 0;
        int nx = 0;
        int prevX = -1;
        for (int i = 0; i < k; i++) if (stats.x(i) != prevX) {
            nx++;
            prevX = stats.x(i);
        }
        distinctX = new int[nx];
        wX = new double[nx];
        prevX = -1;
        int j = -1;
        for (int i = 0; i < k; i++) { // sorted by x, then bin
            int x = stats.x(i);
            double c = stats.count(i);
            double m = stats.meanSpend(i);
            if (x != prevX) {
                distinctX[++j] = x;
                prevX = x;
            }
            wX[j] += c;
            gX[i] = x;
            gM[i] = m;
            gW[i] = c;
            total += c;
            a0 += c * Math.log(m);
            a1 += c * x * (Math.log(m) + Math.log(x));
        }
        this.n = total;
        this.s0 = a0;
        this.s1 = a1;
    }

    double customers() {
        return n;
    }

    int distinctTuples() {
        return tuples;
    }

    double logLikelihood(GammaGammaParameters p) {
        double[] theta = {Math.log(p.p()), Math.log(p.q()), Math.log(p.gamma())};
        return -valueAndGradient(theta, new double[3]) * n;
    }

    @Override
    public double valueAndGradient(double[] theta, double[] grad) {
        for (double t : theta) if (!(Math.abs(t) <= BgNbdLikelihood.THETA_BOUND)) return Double.POSITIVE_INFINITY;
        final double p = Math.exp(theta[0]), q = Math.exp(theta[1]), g = Math.exp(theta[2]);
        double lnG = theta[2];
        double ll = n * (q * lnG - Gamma.logGamma(q)) - s0 + p * s1;
        double dp = s1, dq = n * (lnG - Gamma.digamma(q)), dg = n * q / g;
        for (int i = 0; i < distinctX.length; i++) {
            double px = p * distinctX[i];
            double w = wX[i];
            ll += w * (Gamma.logGamma(px + q) - Gamma.logGamma(px));
            double psiPxq = Gamma.digamma(px + q);
            dp += w * distinctX[i] * (psiPxq - Gamma.digamma(px));
            dq += w * psiPxq;
        }
        for (int i = 0; i < gW.length; i++) {
            double x = gX[i];
            double den = g + x * gM[i];
            double lg = Math.log(den);
            double w = gW[i];
            double pxq = p * x + q;
            ll -= w * pxq * lg;
            dp -= w * x * lg;
            dq -= w * lg;
            dg -= w * pxq / den;
        }
        if (!Double.isFinite(ll)) return Double.POSITIVE_INFINITY;
        grad[0] = -p * dp / n;
        grad[1] = -q * dq / n;
        grad[2] = -g * dg / n;
        return -ll / n;
    }
}
