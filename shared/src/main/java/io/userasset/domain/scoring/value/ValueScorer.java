package io.userasset.domain.scoring.value;

import io.userasset.config.ValueConfig;

/**
 * Value dimensions as 0–100 percentile scores (SPEC §4). For each raw value v: score = 0 if v ≤ 0 (did nothing in
 * this dimension), else the mid-rank percentile of v among the users with a positive raw value
 * ({@link QuantileTable#percentile}). Two-part dimensions (consumption = F, M; loyalty = tenure, repurchase) average
 * their two percentiles.
 */
public final class ValueScorer {
    private ValueScorer() {}

    public static ValueScores score(ValueInputs in, ValueModel model, ValueConfig c) {
        double consumption = (pct(model.frequency(), in.frequency()) + pct(model.monetary(), in.monetary())) / 2;
        double social = pct(model.social(), in.socialRaw(c.referralWeight()));
        double content = pct(model.content(), in.posts());
        double activity = pct(model.activity(), in.activeDays());
        double loyalty = (pct(model.tenure(), in.tenureDays()) + pct(model.repurchase(), in.repeatPurchaseDays())) / 2;
        return new ValueScores(consumption, social, content, activity, loyalty,
                composite(consumption, social, content, activity, loyalty, c));
    }

    /** 0 for v ≤ 0, else the table's percentile of v. */
    public static double pct(QuantileTable table, double v) {
        return v > 0 ? table.percentile(v) : 0;
    }

    /** Σ w_d × d / Σ w_d. */
    public static double composite(double consumption, double social, double content, double activity, double loyalty,
                                   ValueConfig c) {
        double sum = c.consumptionWeight() * consumption + c.socialWeight() * social + c.contentWeight() * content
                + c.activityWeight() * activity + c.loyaltyWeight() * loyalty;
        return sum / c.weightSum();
    }
}
