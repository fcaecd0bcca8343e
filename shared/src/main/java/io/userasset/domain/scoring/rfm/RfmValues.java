package io.userasset.domain.scoring.rfm;

/**
 * Raw R, F, M of one user as of a day.
 *
 * @param recencyDays days from the last order day to the as-of day (0 = ordered that day); {@code null} if the
 *                    user never ordered — then RFM does not apply (segment "none")
 * @param frequency   orders in the rolling window ({@code rfm.windowDays}) ending the as-of day; ≥ 0
 * @param monetary    net revenue (orders − refunds) in the same window; may be ≤ 0 after refunds
 */
public record RfmValues(Integer recencyDays, int frequency, double monetary) {

    public static final RfmValues NON_BUYER = new RfmValues(null, 0, 0);

    public RfmValues {
        if (recencyDays != null && recencyDays < 0) throw new IllegalArgumentException("recencyDays < 0: " + recencyDays);
        if (frequency < 0) throw new IllegalArgumentException("frequency < 0: " + frequency);
        if (!Double.isFinite(monetary)) throw new IllegalArgumentException("monetary must be finite: " + monetary);
    }

    /** A customer: ordered at least once (ever). Only customers get RFM scores and feed the R/F/M sketches. */
    public boolean isCustomer() {
        return recencyDays != null;
    }
}
