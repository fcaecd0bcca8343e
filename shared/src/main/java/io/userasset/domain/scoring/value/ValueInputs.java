package io.userasset.domain.scoring.value;

/**
 * Raw inputs of the value dimensions of one user as of a day.
 *
 * @param frequency          orders in the RFM window (rfm.windowDays)
 * @param monetary           net revenue in the RFM window
 * @param referrals          converted referrals credited to the user in value.engagementWindowDays
 * @param shares             content_shared events in value.engagementWindowDays
 * @param posts              content_posted events (UGC) in value.engagementWindowDays
 * @param activeDays         active days in value.activityWindowDays ending the as-of day
 * @param tenureDays         days from the first-seen day (registration or first event) to the as-of day
 * @param repeatPurchaseDays BG/NBD x: purchase days after the first (lifetime)
 */
public record ValueInputs(int frequency, double monetary, int referrals, int shares, int posts, int activeDays,
                          int tenureDays, int repeatPurchaseDays) {

    public ValueInputs {
        if (frequency < 0 || referrals < 0 || shares < 0 || posts < 0 || activeDays < 0 || tenureDays < 0
                || repeatPurchaseDays < 0) {
            throw new IllegalArgumentException("value inputs must be ≥ 0");
        }
        if (!Double.isFinite(monetary)) throw new IllegalArgumentException("monetary must be finite");
    }

    /** social raw value = referralWeight × referrals + shares. */
    public double socialRaw(double referralWeight) {
        return referralWeight * referrals + shares;
    }
}
