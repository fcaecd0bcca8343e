package io.userasset.domain.scoring.lifecycle;

/**
 * What the lifecycle rules (and the inactivity part of churn risk) need about one user as of a day. All day
 * counts are whole calendar days from the event's day to the as-of day (0 = that day).
 *
 * @param daysSinceLastActive days since the last day the user was active (any activity event, SPEC §2)
 * @param daysSinceLastOrder  days since the last order (the value action); {@code null} if never ordered
 * @param ordersInWindow      orders in the RFM window ({@code rfm.windowDays}) ending the as-of day
 * @param repeatPurchaseDays  BG/NBD x: number of purchase days after the first one (lifetime)
 * @param tXDays              BG/NBD t_x in days: last purchase day − first purchase day (0 when x = 0)
 */
public record LifecycleInputs(int daysSinceLastActive, Integer daysSinceLastOrder, int ordersInWindow,
                              int repeatPurchaseDays, int tXDays) {

    public LifecycleInputs {
        if (daysSinceLastActive < 0) throw new IllegalArgumentException("daysSinceLastActive < 0");
        if (daysSinceLastOrder != null && daysSinceLastOrder < 0) throw new IllegalArgumentException("daysSinceLastOrder < 0");
        if (ordersInWindow < 0 || repeatPurchaseDays < 0 || tXDays < 0) throw new IllegalArgumentException("negative count");
        if (repeatPurchaseDays > 0 && tXDays < repeatPurchaseDays) {
            throw new IllegalArgumentException("t_x (" + tXDays + " d) cannot be shorter than x (" + repeatPurchaseDays
                    + ") distinct later purchase days");
        }
    }

    /** Ordered at least once (ever). */
    public boolean isBuyer() {
        return daysSinceLastOrder != null;
    }
}
