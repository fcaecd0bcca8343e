package io.userasset.domain.clv;

/**
 * Gamma-Gamma spend model (Fader, Hardie &amp; Lee 2005, "RFM and CLV"; Fader &amp; Hardie 2013 note):
 * the value of each purchase occasion of a customer is z ~ Gamma(shape p, rate ν), with ν ~ Gamma(shape
 * q, rate gamma) across customers. The customer's mean value is p/ν; the population mean is
 * {@code p·gamma/(q − 1)} (finite only for q &gt; 1). gamma is in currency units.
 */
public record GammaGammaParameters(double p, double q, double gamma) {
    /**
     * Defaults before the first fit: Fader &amp; Hardie's CDNOW sample estimates (946 repeaters, USD),
     * reproduced by this code (docs/models.md). gamma is a currency scale: a deployment in another
     * currency relies on the first fit.
     */
    public static final GammaGammaParameters CDNOW_USD = new GammaGammaParameters(6.25, 3.74, 15.44);

    public GammaGammaParameters {
        for (double v : new double[] {p, q, gamma}) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("Gamma-Gamma parameters must be positive and finite: p=" + p + " q="
                        + q + " gamma=" + gamma);
            }
        }
    }
}
