package io.userasset.domain.clv;

import io.userasset.config.ClvConfig;

/**
 * The fitted CLV models as stored by the daily job and read by streaming scoring: the purchase model
 * (BG/NBD family) and the spend model (Gamma-Gamma). JSON:
 * <pre>
 * {"schemaVersion":1,
 *  "bgnbd":{"model":"mbgnbd","timeUnitDays":7,"r":…,"alpha":…,"a":…,"b":…,"logLikelihood":…,
 *           "converged":true,"status":"converged","reason":"…","iterations":…,"gradientNorm":…,
 *           "customers":…,"repeaters":…,"distinctTuples":…,"standardErrors":{"r":…,"alpha":…,"a":…,"b":…}},
 *  "gammaGamma":{"p":…,"q":…,"gamma":…,"logLikelihood":…,"converged":true,"status":"converged",…}}
 * </pre>
 * The key {@code bgnbd} names the BG/NBD family; its {@code model} field says which member.
 */
public record ClvModel(int schemaVersion, BgNbdFit bgnbd, GammaGammaFit gammaGamma) {
    public static final int SCHEMA_VERSION = 1;

    public ClvModel {
        if (bgnbd == null || gammaGamma == null) throw new IllegalArgumentException("both models are required");
    }

    public ClvModel(BgNbdFit bgnbd, GammaGammaFit gammaGamma) {
        this(SCHEMA_VERSION, bgnbd, gammaGamma);
    }

    /** The documented default parameters, used before the first fit (status "fallback"). */
    public static ClvModel defaults(ClvConfig config) {
        PurchaseModelType type = PurchaseModelType.fromId(config.model());
        BgNbdParameters p = BgNbdParameters.defaults(type, config.timeUnitDays());
        return new ClvModel(
                BgNbdFit.fallback(p, 0.0, "defaults: not fitted yet", 0, null, 0, 0, 0),
                GammaGammaFit.fallback(GammaGammaParameters.CDNOW_USD, 0.0, "defaults: not fitted yet", 0, null, 0, 0,
                        config.spendBinRelativeWidth(), 0));
    }
}
