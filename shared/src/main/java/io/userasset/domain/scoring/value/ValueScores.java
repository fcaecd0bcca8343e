package io.userasset.domain.scoring.value;

/**
 * The five value dimensions (0–100) and the composite (0–100, weighted mean of the five with normalized weights).
 *
 * @param consumption mean of the F and M percentiles
 * @param social      percentile of referralWeight × referrals + shares
 * @param content     percentile of content posts
 * @param activity    percentile of active days in the activity window
 * @param loyalty     mean of the tenure and repeat-purchase-days percentiles
 * @param composite   Σ w_d × dimension_d / Σ w_d
 */
public record ValueScores(double consumption, double social, double content, double activity, double loyalty,
                          double composite) {

    /** mean(social, content): the KOC criterion. */
    public double socialContent() {
        return (social + content) / 2;
    }
}
