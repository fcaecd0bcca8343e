package io.userasset.domain.scoring.value;

/**
 * Population percentile tables of the value dimensions' raw values. Each table is built from the users whose raw
 * value is strictly positive (a raw value ≤ 0 always scores 0), see {@link ValueScorer}.
 *
 * @param users      users the tables were computed from (0 = defaults)
 * @param frequency  orders in the RFM window (consumption)
 * @param monetary   net revenue in the RFM window (consumption)
 * @param social     referralWeight × referrals + shares in the engagement window
 * @param content    content posts in the engagement window
 * @param activity   active days in the activity window
 * @param tenure     days since the user was first seen (loyalty)
 * @param repurchase repeat purchase days x, lifetime (loyalty)
 */
public record ValueModel(long users, QuantileTable frequency, QuantileTable monetary, QuantileTable social,
                         QuantileTable content, QuantileTable activity, QuantileTable tenure,
                         QuantileTable repurchase) {

    public ValueModel {
        if (users < 0) throw new IllegalArgumentException("users < 0");
        if (frequency == null || monetary == null || social == null || content == null || activity == null
                || tenure == null || repurchase == null) {
            throw new IllegalArgumentException("every value table is required");
        }
    }
}
