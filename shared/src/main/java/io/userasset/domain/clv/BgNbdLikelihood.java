package io.userasset.domain.clv;

import io.userasset.domain.clv.math.DifferentiableFunction;

/**
 * Grouped log-likelihood of the BG/NBD family with its analytic gradient, as a function of
 * θ = (ln r, ln α, ln a, ln b). {@link #valueAndGradient} returns the MEAN negative log-likelihood
 * per customer (so tolerances do not depend on the population size).
 *
 * <p>Cost per evaluation: O(x_max + distinct days + G), G = tuples that can be "dead" (x ≥ 1 for
 * BG/NBD; all for MBG/NBD), with one exp and one log per tuple. The customer count never enters:
 * <ul>
 *   <li>Γ(r+x)/Γ(r) = Π_{i&lt;x}(r+i), so Σ_customers ln Γ(r+x)/Γ(r) = Σ_i N(x&gt;i)·ln(r+i) with the
 *       survival counts N(x&gt;i) precomputed; likewise B(a,b+m)/B(a,b) = Π_{i&lt;m}(b+i)/(a+b+i) and
 *       the digamma sums of the gradient.</li>
 *   <li>ln(α + d/u) and 1/(α + d/u) are tabulated once per evaluation over the distinct day values.</li>
 *   <li>the first term −(r+x)·ln(α+T) is summed per distinct T (weights Σn, Σn·x).</li>
 * </ul>
 */
final class BgNbdLikelihood implements DifferentiableFunction {
    /** |θ| beyond this is treated as infeasible (parameters outside [e^-25, e^25]). */
    static final double THETA_BOUND = 25.0;

    private final int shift;
    private final double unit;
    private final double n;            // customers
    private final double[] survX;      // survX[i] = Σ n over tuples with x > i
    private final double[] survM;      // survM[i] = Σ n over tuples with m = x + shift > i
    private final double[] dayValue;   // distinct day values, in time units
    private final double[] wT, xwT;    // per distinct day index: Σ n and Σ n·x over tuples with that T
    private final int[] gX, gT, gTx;   // tuples with m ≥ 1
    private final double[] gW;
    private final int mMax;
    private final long repeaters;
    private final int distinct;
    // scratch
    private final double[] logDay, invDay, cM, invBm;

    BgNbdLikelihood(FrequencyStats stats, PurchaseModelType type, int timeUnitDays) {
        this.shift = type.shift();
        this.unit = timeUnitDays;
        this.distinct = stats.distinctTuples();
        int k = stats.distinctTuples();
        int xMax = 0;
        int dMax = 0;
        long rep = 0;
        double total = 0;
        for (int i = 0; i < k; i++) {
            xMax = Math.max(xMax, stats.x(i));
            dMax = Math.max(dMax, stats.tDays(i));
            total += stats.count(i);
            if (stats.x(i) > 0) rep += stats.count(i);
        }
        this.n = total;
        this.repeaters = rep;
        this.mMax = xMax + shift;
        // distinct day values among T and tx
        boolean[] present = new boolean[dMax + 1];
        for (int i = 0; i < k; i++) {
            present[stats.tDays(i)] = true;
            present[stats.txDays(i)] = true;
        }
        int[] dayIndex = new int[dMax + 1];
        int nd = 0;
        for (int d = 0; d <= dMax; d++) if (present[d]) dayIndex[d] = nd++;
        dayValue = new double[nd];
        for (int d = 0; d <= dMax; d++) if (present[d]) dayValue[dayIndex[d]] = d / unit;
        wT = new double[nd];
        xwT = new double[nd];
        double[] countX = new double[xMax + 1];
        int g = 0;
        for (int i = 0; i < k; i++) if (stats.x(i) + shift >= 1) g++;
        gX = new int[g];
        gT = new int[g];
        gTx = new int[g];
        gW = new double[g];
        g = 0;
        for (int i = 0; i < k; i++) {
            int x = stats.x(i);
            double c = stats.count(i);
            int ti = dayIndex[stats.tDays(i)];
            wT[ti] += c;
            xwT[ti] += c * x;
            countX[x] += c;
            if (x + shift >= 1) {
                gX[g] = x;
                gT[g] = ti;
                gTx[g] = dayIndex[stats.txDays(i)];
                gW[g] = c;
                g++;
            }
        }
        survX = new double[xMax];
        double above = total - countX[0];
        for (int i = 0; i < xMax; i++) {
            survX[i] = above;            // x > i
            above -= countX[i + 1];
        }
        survM = new double[mMax];
        for (int i = 0; i < mMax; i++) survM[i] = i - shift < 0 ? total : survX[i - shift];
        logDay = new double[nd];
        invDay = new double[nd];
        cM = new double[mMax + 1];
        invBm = new double[mMax + 1];
    }

    double customers() {
        return n;
    }

    long repeaters() {
        return repeaters;
    }

    int distinctTuples() {
        return distinct;
    }

    /** Total log-likelihood at the given parameters (their time unit must match this likelihood's). */
    double logLikelihood(BgNbdParameters p) {
        double[] theta = {Math.log(p.r()), Math.log(p.alpha()), Math.log(p.a()), Math.log(p.b())};
        return -valueAndGradient(theta, new double[4]) * n;
    }

    @Override
    public double valueAndGradient(double[] theta, double[] grad) {
        for (double t : theta) if (!(Math.abs(t) <= THETA_BOUND)) return Double.POSITIVE_INFINITY;
        final double r = Math.exp(theta[0]), alpha = Math.exp(theta[1]), a = Math.exp(theta[2]), b = Math.exp(theta[3]);
        final double lnAlpha = theta[1], lnA = theta[2];
        // gradients with respect to the natural parameters
        double ll = n * r * lnAlpha;
        double gr = n * lnAlpha, gAlpha = n * r / alpha, ga = 0, gb = 0;
        for (int i = 0; i < survX.length; i++) {
            double ri = r + i;
            ll += survX[i] * Math.log(ri);
            gr += survX[i] / ri;
        }
        for (int i = 0; i < mMax; i++) {
            double bi = b + i, abi = a + b + i;
            ll += survM[i] * (Math.log(bi) - Math.log(abi));
            double inv = survM[i] / abi;
            ga -= inv;
            gb += survM[i] / bi - inv;
        }
        for (int j = 0; j < dayValue.length; j++) {
            double v = alpha + dayValue[j];
            double lg = Math.log(v);
            logDay[j] = lg;
            invDay[j] = 1.0 / v;
            double coef = r * wT[j] + xwT[j];
            ll -= coef * lg;
            gr -= wT[j] * lg;
            gAlpha -= coef * invDay[j];
        }
        for (int m = 1; m <= mMax; m++) {
            double bm = b + m - 1;
            cM[m] = lnA - Math.log(bm);
            invBm[m] = 1.0 / bm;
        }
        // the "dead" term: ln(1 + e^k), k = ln(a/(b+m−1)) + (r+x)(ln(α+T) − ln(α+tx))
        double sp = 0, sPiD = 0, sPiDi = 0, sPi = 0, sPiB = 0;
        final int sh = shift;
        final int[] gX = this.gX, gT = this.gT, gTx = this.gTx;
        final double[] gW = this.gW, logDay = this.logDay, invDay = this.invDay, cM = this.cM, invBm = this.invBm;
        for (int g = 0; g < gW.length; g++) {
            int x = gX[g], ti = gT[g], txi = gTx[g];
            int m = x + sh;
            double capA = r + x;
            double dLog = logDay[ti] - logDay[txi];
            double k = cM[m] + capA * dLog;
            double e = Math.exp(-Math.abs(k));
            double onePlus = 1.0 + e;
            double w = gW[g];
            // absolute (not relative) accuracy is what the sum needs, so log(1+e) is fine for e in (0, 1]
            sp += w * (Math.max(k, 0.0) + Math.log(onePlus));
            double wPi = w * (k >= 0 ? 1.0 : e) / onePlus;
            sPi += wPi;
            sPiD += wPi * dLog;
            sPiDi += wPi * capA * (invDay[ti] - invDay[txi]);
            sPiB += wPi * invBm[m];
        }
        ll += sp;
        gr += sPiD;
        gAlpha += sPiDi;
        ga += sPi / a;
        gb -= sPiB;
        if (!Double.isFinite(ll)) return Double.POSITIVE_INFINITY;
        // f = −ll/n, in θ = ln(params): ∂f/∂θ = −param·∂ll/∂param / n
        grad[0] = -r * gr / n;
        grad[1] = -alpha * gAlpha / n;
        grad[2] = -a * ga / n;
        grad[3] = -b * gb / n;
        return -ll / n;
    }

    @Override
    public String toString() {
        return "BgNbdLikelihood[customers=" + n + ", tuples=" + distinct + ", deadTermTuples=" + gW.length
                + ", days=" + dayValue.length + ", xMax=" + survX.length + "]";
    }
}
