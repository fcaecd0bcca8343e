package io.userasset.local.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.userasset.config.EngineConfig;
import io.userasset.domain.assessment.ModelSet;
import io.userasset.domain.assessment.ProfileAssessor;
import io.userasset.domain.clv.ClvScorer;
import io.userasset.domain.clv.CustomerSummary;
import io.userasset.domain.time.Days;
import io.userasset.ports.StoredProfile;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How well the engine's scores as of the last observed day predicted the held-back period:
 * <ul>
 *   <li>churn risk against "did not come back within the holdout" — ROC curve and its area (AUC:
 *       the chance that a user who did not come back was given a higher risk than one who did);</li>
 *   <li>the purchase model (BG/NBD family fitted by the last daily job) against the purchase days
 *       customers actually had in the holdout: mean absolute error per customer, total predicted over
 *       total actual, and means by calibration frequency (the classic conditional-expectation check);
 *       revenue alike, with the Gamma-Gamma expected order value.</li>
 * </ul>
 */
public final class Evaluation {

    /** A user's held-back period: came back at all? purchase days and net revenue in the horizon. */
    public record Outcome(boolean returned, int purchaseDays, double revenue) {
        public static final Outcome NOTHING = new Outcome(false, 0, 0);
    }

    /**
     * @param horizonDays   the length of the held-back period compared
     * @param returnedMeans what "came back" means with this data ("any activity", "a purchase")
     * @param outcomes      by userId; users absent did nothing in the horizon
     */
    public record GroundTruth(int horizonDays, String returnedMeans, Map<String, Outcome> outcomes) {
        public Outcome of(String userId) {
            return outcomes.getOrDefault(userId, Outcome.NOTHING);
        }
    }

    public record Bucket(String label, int customers, double predictedMean, double actualMean) {}

    public record Result(int horizonDays, String returnedMeans, int users, int notReturned, Double auc,
                         List<double[]> roc, int customers, double predictedPurchases, double actualPurchases,
                         Double mae, Double totalRatio, double predictedRevenue, double actualRevenue,
                         List<Bucket> byFrequency) {

        public ObjectNode toJson() {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("horizonDays", horizonDays);
            ObjectNode churn = n.putObject("churnRisk");
            churn.put("label", "did not return (" + returnedMeans + ") within " + horizonDays + " days");
            churn.put("users", users);
            churn.put("notReturned", notReturned);
            churn.put("rocAuc", auc == null ? null : CostRound.r4(auc));
            ObjectNode clv = n.putObject("purchases");
            clv.put("customers", customers);
            clv.put("predicted", CostRound.r4(predictedPurchases));
            clv.put("actual", CostRound.r4(actualPurchases));
            clv.put("meanAbsoluteError", mae == null ? null : CostRound.r4(mae));
            clv.put("totalPredictedOverActual", totalRatio == null ? null : CostRound.r4(totalRatio));
            clv.put("predictedRevenue", CostRound.r4(predictedRevenue));
            clv.put("actualRevenue", CostRound.r4(actualRevenue));
            var buckets = clv.putArray("byCalibrationRepeatDays");
            for (Bucket b : byFrequency) {
                buckets.addObject().put("repeatDays", b.label()).put("customers", b.customers())
                        .put("predictedMean", CostRound.r4(b.predictedMean())).put("actualMean", CostRound.r4(b.actualMean()));
            }
            return n;
        }
    }

    private Evaluation() {}

    public static Result evaluate(List<JsonNode> lastSnapshot, List<StoredProfile> profiles, ModelSet models,
                                  EngineConfig config, LocalDate asOf, GroundTruth truth) {
        // Churn risk vs not returning.
        List<double[]> scored = new ArrayList<>(); // risk, label (1 = did not return)
        for (JsonNode row : lastSnapshot) {
            if (!row.hasNonNull("churnRisk")) continue;
            boolean gone = !truth.of(row.get("userId").asText()).returned();
            scored.add(new double[]{row.get("churnRisk").asDouble(), gone ? 1 : 0});
        }
        int positives = (int) scored.stream().filter(s -> s[1] == 1).count();
        Double auc = positives == 0 || positives == scored.size() ? null : auc(scored);
        List<double[]> roc = auc == null ? List.of() : roc(scored, positives);

        // Purchases and revenue of the holdout vs the purchase model.
        int day = Days.day(asOf);
        ProfileAssessor assessor = new ProfileAssessor(config, models);
        ClvScorer scorer = new ClvScorer(models.clv(), config.clv());
        int customers = 0;
        double predicted = 0, actual = 0, absError = 0, predictedRevenue = 0, actualRevenue = 0;
        int[] n = new int[8];
        double[] p = new double[8], a = new double[8];
        for (StoredProfile profile : profiles) {
            CustomerSummary c = assessor.customer(profile.facts(), day);
            if (c == null) continue;
            Outcome o = truth.of(profile.key().id());
            double expected = scorer.expectedPurchases(c, truth.horizonDays());
            customers++;
            predicted += expected;
            actual += o.purchaseDays();
            absError += Math.abs(expected - o.purchaseDays());
            predictedRevenue += expected * scorer.expectedOrderValue(c);
            actualRevenue += o.revenue();
            int k = Math.min(7, c.x());
            n[k]++;
            p[k] += expected;
            a[k] += o.purchaseDays();
        }
        List<Bucket> buckets = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            if (n[k] == 0) continue;
            buckets.add(new Bucket(k == 7 ? "7+" : Integer.toString(k), n[k], p[k] / n[k], a[k] / n[k]));
        }
        return new Result(truth.horizonDays(), truth.returnedMeans(), scored.size(), positives, auc, roc, customers,
                predicted, actual, customers == 0 ? null : absError / customers, actual == 0 ? null : predicted / actual,
                predictedRevenue, actualRevenue, buckets);
    }

    /** Mann–Whitney U / (n₊ n₋), ties counted half. */
    static double auc(List<double[]> scored) {
        List<double[]> sorted = new ArrayList<>(scored);
        sorted.sort(Comparator.comparingDouble(s -> s[0]));
        double rankSumPositives = 0;
        long positives = 0;
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size() && sorted.get(j)[0] == sorted.get(i)[0]) j++;
            double meanRank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                if (sorted.get(k)[1] == 1) {
                    rankSumPositives += meanRank;
                    positives++;
                }
            }
            i = j;
        }
        long negatives = sorted.size() - positives;
        return (rankSumPositives - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
    }

    /** (false positive rate, true positive rate) at every distinct threshold, from (0,0) to (1,1). */
    static List<double[]> roc(List<double[]> scored, int positives) {
        List<double[]> sorted = new ArrayList<>(scored);
        sorted.sort((x, y) -> Double.compare(y[0], x[0]));
        int negatives = sorted.size() - positives;
        List<double[]> points = new ArrayList<>();
        points.add(new double[]{0, 0});
        int tp = 0, fp = 0, i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size() && sorted.get(j)[0] == sorted.get(i)[0]) {
                if (sorted.get(j)[1] == 1) tp++;
                else fp++;
                j++;
            }
            points.add(new double[]{(double) fp / negatives, (double) tp / positives});
            i = j;
        }
        return points;
    }

    /** Rounding for the JSON documents. */
    static final class CostRound {
        static double r4(double x) {
            return Math.round(x * 1e4) / 1e4;
        }
    }
}
