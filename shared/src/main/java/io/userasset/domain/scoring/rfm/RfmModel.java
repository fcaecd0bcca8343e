package io.userasset.domain.scoring.rfm;

/**
 * The population part of RFM scoring: quintile cut points (scores 1–5) and means (8-segment scheme) of the
 * customer base (users with at least one order).
 *
 * @param customers       customers the cut points and means were computed from; 0 = configured defaults
 * @param recency         cut points of R (days since the last order)
 * @param frequency       cut points of F (orders in the window)
 * @param monetary        cut points of M (net revenue in the window)
 * @param meanRecencyDays mean R over customers
 * @param meanFrequency   mean F over customers
 * @param meanMonetary    mean M over customers
 */
public record RfmModel(long customers, CutPoints recency, CutPoints frequency, CutPoints monetary,
                       double meanRecencyDays, double meanFrequency, double meanMonetary) {

    public RfmModel {
        if (customers < 0) throw new IllegalArgumentException("customers < 0");
        if (recency == null || frequency == null || monetary == null) throw new IllegalArgumentException("cut points missing");
        if (!Double.isFinite(meanRecencyDays) || !Double.isFinite(meanFrequency) || !Double.isFinite(meanMonetary)) {
            throw new IllegalArgumentException("means must be finite");
        }
    }

    public boolean usesDefaults() {
        return customers == 0;
    }
}
