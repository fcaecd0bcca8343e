package io.userasset.domain.assessment;

import io.userasset.domain.scoring.churn.RiskLevel;
import io.userasset.domain.scoring.lifecycle.LifecycleStage;
import io.userasset.domain.scoring.rfm.Segment11;
import io.userasset.domain.scoring.rfm.Segment8;
import io.userasset.domain.scoring.value.GrowthTier;

/**
 * The scores of one user as of a day, as stored on the profile and in snapshot rows (SPEC §4):
 * what the streaming path recomputes on every change and the daily job for the passage of time.
 *
 * @param asOfDay            the day scored (epoch day, configured zone)
 * @param recencyDays        R: days since the last order; null without orders
 * @param frequency          F: orders in the RFM window
 * @param monetaryMilli      M: net revenue in the window, thousandths
 * @param r                  R score 1–5 (null for non-buyers); likewise f, m
 * @param stage              lifecycle stage
 * @param stageSinceDay      first day of the current stage
 * @param previousStage      the stage before the last transition; null if there was none
 * @param composite          composite value score 0–100; the five dimensions beside it
 * @param distanceToNextTier points still missing to the next growth tier (0 at KOC)
 * @param closeToNextTier    within growth.nearDistance of the next tier
 * @param pAlive             P(alive) from the purchase model; null for non-buyers
 * @param expectedPurchases  expected purchase days over the CLV horizon; null for non-buyers
 * @param expectedOrderValue expected order value (Gamma-Gamma); null for non-buyers
 * @param predictedClv       discounted predicted CLV over the horizon; null for non-buyers
 */
public record ProfileScores(int asOfDay,
                            Integer recencyDays, int frequency, long monetaryMilli,
                            Integer r, Integer f, Integer m, Segment8 segment8, Segment11 segment11,
                            LifecycleStage stage, int stageSinceDay, LifecycleStage previousStage,
                            double consumption, double social, double content, double activity, double loyalty,
                            double composite,
                            GrowthTier tier, GrowthTier nextTier, double distanceToNextTier, boolean closeToNextTier,
                            double churnRisk, RiskLevel riskLevel,
                            Double pAlive, Double expectedPurchases, Double expectedOrderValue, Double predictedClv) {

    public boolean isBuyer() {
        return recencyDays != null;
    }

    /** Predicted CLV, 0 for non-buyers: for ranking and sums. */
    public double clvOrZero() {
        return predictedClv == null ? 0 : predictedClv;
    }
}
