package io.userasset.domain.clv;

/**
 * Parameters of the BG/NBD family, stored with their time unit.
 *
 * <ul>
 *   <li>{@code r}, {@code alpha}: purchase rate while alive λ ~ Gamma(shape r, rate alpha), in
 *       purchases per time unit; mean rate r/alpha. alpha is measured in time units.</li>
 *   <li>{@code a}, {@code b}: dropout probability after each purchase p ~ Beta(a, b); mean a/(a+b).</li>
 *   <li>{@code timeUnitDays}: the time unit in days (7 = weeks).</li>
 * </ul>
 */
public record BgNbdParameters(PurchaseModelType model, int timeUnitDays, double r, double alpha, double a, double b) {
    /**
     * Defaults used before the first fit, from the CDNOW sample (2,357 customers, weeks; see
     * docs/models.md). BG/NBD: Fader, Hardie &amp; Lee (2005) Table/Figure values, reproduced by this
     * code. MBG/NBD: this code's fit of the same data (no published CDNOW figures exist for it).
     */
    public static final BgNbdParameters CDNOW_BGNBD_WEEKS = new BgNbdParameters(PurchaseModelType.BGNBD, 7, 0.243, 4.414, 0.793, 2.426);
    public static final BgNbdParameters CDNOW_MBGNBD_WEEKS = new BgNbdParameters(PurchaseModelType.MBGNBD, 7, 0.525, 6.183, 0.891, 1.614);

    public BgNbdParameters {
        if (model == null) throw new IllegalArgumentException("model missing");
        if (timeUnitDays < 1) throw new IllegalArgumentException("timeUnitDays must be >= 1");
        for (double v : new double[] {r, alpha, a, b}) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("BG/NBD parameters must be positive and finite: r=" + r + " alpha="
                        + alpha + " a=" + a + " b=" + b);
            }
        }
    }

    /** Documented defaults for the model, expressed in the requested time unit. */
    public static BgNbdParameters defaults(PurchaseModelType model, int timeUnitDays) {
        return (model == PurchaseModelType.BGNBD ? CDNOW_BGNBD_WEEKS : CDNOW_MBGNBD_WEEKS).inTimeUnit(timeUnitDays);
    }

    /**
     * The same model in another time unit: λ per unit scales with the unit, so alpha (a time) scales as
     * {@code alpha · timeUnitDays / newUnitDays}; r, a, b are unit-free.
     */
    public BgNbdParameters inTimeUnit(int newUnitDays) {
        if (newUnitDays == timeUnitDays) return this;
        return new BgNbdParameters(model, newUnitDays, r, alpha * timeUnitDays / newUnitDays, a, b);
    }

    /** Mean purchase rate while alive, per day. */
    public double meanRatePerDay() {
        return r / alpha / timeUnitDays;
    }
}
