package io.userasset.config;

/**
 * Value dimensions and the composite value score (SPEC §4). The composite is the weighted sum of the five
 * 0–100 dimension scores with the weights normalized to sum 1.
 *
 * @param activityWindowDays   the activity dimension counts active days in this window
 * @param engagementWindowDays referrals, shares and content posts are counted in this rolling window
 * @param referralWeight       in the social raw value a converted referral counts as this many shares
 * @param minPopulation        below this many users with a positive raw value, a dimension keeps its default table
 */
public record ValueConfig(double consumptionWeight, double socialWeight, double contentWeight,
                          double activityWeight, double loyaltyWeight, int activityWindowDays,
                          int engagementWindowDays, double referralWeight, int minPopulation) {

    public ValueConfig {
        double[] w = {consumptionWeight, socialWeight, contentWeight, activityWeight, loyaltyWeight};
        double sum = 0;
        for (double x : w) {
            if (!(x >= 0) || Double.isInfinite(x)) throw new IllegalArgumentException("value weights must be finite and ≥ 0");
            sum += x;
        }
        if (!(sum > 0)) throw new IllegalArgumentException("value weights must not all be 0");
        if (activityWindowDays < 1) throw new IllegalArgumentException("value.activityWindowDays must be ≥ 1");
        if (engagementWindowDays < 1) throw new IllegalArgumentException("value.engagementWindowDays must be ≥ 1");
        if (!(referralWeight >= 0) || Double.isInfinite(referralWeight)) {
            throw new IllegalArgumentException("value.referralWeight must be finite and ≥ 0");
        }
        if (minPopulation < 1) throw new IllegalArgumentException("value.minPopulation must be ≥ 1");
    }

    /** Sum of the five weights (> 0); divide a weight by it to normalize. */
    public double weightSum() {
        return consumptionWeight + socialWeight + contentWeight + activityWeight + loyaltyWeight;
    }
}
