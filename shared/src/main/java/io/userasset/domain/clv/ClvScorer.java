package io.userasset.domain.clv;

import io.userasset.config.ClvConfig;
import io.userasset.domain.clv.math.NumericalFailureException;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * Scores users with a fitted {@link ClvModel}. Thread-safe and immutable; inputs are day-based
 * {@link CustomerSummary} values, converted to the model's own time unit.
 *
 * <p><b>CLV.</b> {@code CLV = E[M] · ∫₀^H e^{−δt} dE[Y(t)]}: the expected purchase stream of the next H
 * days ({@code horizonDays}), discounted continuously at δ = ln(1 + annualDiscountRate)/365 per day
 * (equivalent to the effective annual rate), times the Gamma-Gamma expected value per purchase
 * (independent of the purchase process in the model). By parts,
 * {@code ∫₀^H e^{−δt} dE[Y(t)] = e^{−δH}·E[Y(H)] + δ·∫₀^H e^{−δt}·E[Y(t)] dt}. E[Y(t)] is analytic
 * except for a branch point at t = −(α+T), which is close to the interval for new customers; after
 * the substitution t = (α+T)(e^u − 1) the integrand is smooth and 6-point Gauss–Legendre in u agrees
 * with a 40,000-step sum to ≈ 1e-12 relative at 90 days / 10 %, 1e-11 at 1 year / 10 % and 1e-6 at
 * 3 years / 50 % (unit tests check 1e-9 and 1e-5). Cost: 7 series evaluations per user. Discounting
 * everything at mid-horizon instead would be off by ≈ 0.1 % at 90 days / 10 % and 1 % at 1 year.
 */
public final class ClvScorer {
    private static final GaussIntegrator GL = new GaussIntegratorFactory().legendre(6, 0.0, 1.0);

    private final BgNbdModel purchase;
    private final GammaGammaModel spend;
    private final int horizonDays;
    private final double deltaPerDay;
    private final double unit;

    public ClvScorer(ClvModel model, ClvConfig config) {
        this(model.bgnbd().parameters(), model.gammaGamma().parameters(), config.horizonDays(), config.annualDiscountRate());
    }

    public ClvScorer(BgNbdParameters purchase, GammaGammaParameters spend, int horizonDays, double annualDiscountRate) {
        if (horizonDays < 0) throw new IllegalArgumentException("horizonDays must be >= 0");
        if (!(annualDiscountRate > -1) || !Double.isFinite(annualDiscountRate)) {
            throw new IllegalArgumentException("annualDiscountRate must be > -1");
        }
        this.purchase = new BgNbdModel(purchase);
        this.spend = new GammaGammaModel(spend);
        this.horizonDays = horizonDays;
        this.deltaPerDay = Math.log1p(annualDiscountRate) / 365.0;
        this.unit = purchase.timeUnitDays();
    }

    public BgNbdModel purchaseModel() {
        return purchase;
    }

    public GammaGammaModel spendModel() {
        return spend;
    }

    public double pAlive(CustomerSummary c) {
        return purchase.pAlive(c.x(), c.txDays() / unit, c.tDays() / unit);
    }

    /** Expected purchase days in the next {@code horizonDays}. */
    public double expectedPurchases(CustomerSummary c) {
        return expectedPurchases(c, horizonDays);
    }

    public double expectedPurchases(CustomerSummary c, double days) {
        return purchase.conditionalExpectedPurchases(days / unit, c.x(), c.txDays() / unit, c.tDays() / unit);
    }

    /** Gamma-Gamma expected value per purchase day (population mean for x = 0; negative means treated as 0). */
    public double expectedOrderValue(CustomerSummary c) {
        if (c.x() == 0) return spend.populationMean();
        return spend.conditionalExpectedAverageValue(c.x(), Math.max(0.0, c.meanRepeatSpend()));
    }

    /** ∫₀^H e^{−δt} dE[Y(t)]: the discounted expected number of purchase days in the horizon. */
    public double discountedExpectedPurchases(CustomerSummary c) {
        double pa = pAlive(c);
        if (pa == 0.0 || horizonDays == 0) return 0.0;
        double t = c.tDays() / unit;
        double h = horizonDays;
        double endValue = pa * purchase.aliveExpectedPurchases(h / unit, c.x(), t);
        double result = Math.exp(-deltaPerDay * h) * endValue;
        if (deltaPerDay != 0.0) {
            // ∫₀^H e^{−δs} E[Y(s)] ds with s = k(e^u − 1), k = α + T in days: E[Y(s)]'s branch point
            // s = −k moves to u = −∞, so the integrand is smooth on [0, ln(1 + H/k)] for any k/H.
            double k = (purchase.parameters().alpha() + t) * unit;
            double uMax = Math.log1p(h / k);
            double integral = 0;
            for (int i = 0; i < GL.getNumberOfPoints(); i++) {
                double u = GL.getPoint(i) * uMax;
                double s = k * Math.expm1(u);
                integral += GL.getWeight(i) * Math.exp(-deltaPerDay * s) * purchase.aliveExpectedPurchases(s / unit, c.x(), t)
                        * k * Math.exp(u);
            }
            result += deltaPerDay * uMax * pa * integral;
        }
        if (!Double.isFinite(result)) {
            throw new NumericalFailureException("discounted expected purchases not finite for " + c);
        }
        return result;
    }

    public double clv(CustomerSummary c) {
        return expectedOrderValue(c) * discountedExpectedPurchases(c);
    }

    /** All scores of one user. */
    public UserClv score(CustomerSummary c) {
        double pa = pAlive(c);
        double ey = expectedPurchases(c);
        double m = expectedOrderValue(c);
        return new UserClv(pa, ey, m, m * discountedExpectedPurchases(c), horizonDays);
    }
}
