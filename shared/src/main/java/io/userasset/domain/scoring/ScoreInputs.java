package io.userasset.domain.scoring;

import io.userasset.domain.scoring.lifecycle.LifecycleInputs;
import io.userasset.domain.scoring.rfm.RfmValues;
import io.userasset.domain.scoring.value.ValueInputs;

/**
 * Everything scoring needs about one user, as plain numbers, as of the end of {@code asOfDay}. Days are epoch days
 * (days since 1970-01-01) of calendar days in the configured time zone; "days since" a day is
 * max(0, asOfDay − day) (0 = that same day; events up to the allowed clock skew in the future count as today).
 * Windows end on (and include) the as-of day.
 *
 * @param asOfDay             the day scored
 * @param firstSeenDay        registration day, or the user's first event day if earlier / not registered
 * @param lastActiveDay       last day the user was active (SPEC §2 activity events); an order makes the user active, so
 *                            the later of this and lastOrderDay is used
 * @param lastOrderDay        last order_paid day; null if the user never ordered — this alone decides "buyer"
 * @param ordersInWindow      order_paid events in rfm.windowDays
 * @param netRevenueInWindow  paid − refunded amount in rfm.windowDays (deployment currency; may be ≤ 0)
 * @param repeatPurchaseDays  BG/NBD x: distinct purchase days − 1 (lifetime; 0 for non-buyers)
 * @param tXDays              BG/NBD t_x in days: last purchase day − first purchase day (0 when x = 0)
 * @param activeDaysInWindow  active days in value.activityWindowDays
 * @param referralsInWindow   referral_converted credited to the user in value.engagementWindowDays
 * @param sharesInWindow      content_shared in value.engagementWindowDays
 * @param postsInWindow       content_posted in value.engagementWindowDays
 */
public record ScoreInputs(int asOfDay, int firstSeenDay, int lastActiveDay, Integer lastOrderDay,
                          int ordersInWindow, double netRevenueInWindow, int repeatPurchaseDays, int tXDays,
                          int activeDaysInWindow, int referralsInWindow, int sharesInWindow, int postsInWindow) {

    public boolean buyer() {
        return lastOrderDay != null;
    }

    public int daysSince(int day) {
        return Math.max(0, asOfDay - day);
    }

    public RfmValues rfmValues() {
        if (lastOrderDay == null) return RfmValues.NON_BUYER;
        return new RfmValues(daysSince(lastOrderDay), ordersInWindow, netRevenueInWindow);
    }

    public LifecycleInputs lifecycleInputs() {
        if (lastOrderDay == null) {
            return new LifecycleInputs(daysSince(lastActiveDay), null, ordersInWindow, repeatPurchaseDays, tXDays);
        }
        int sinceOrder = daysSince(lastOrderDay);
        return new LifecycleInputs(Math.min(daysSince(lastActiveDay), sinceOrder), sinceOrder, ordersInWindow,
                repeatPurchaseDays, tXDays);
    }

    public ValueInputs valueInputs() {
        return new ValueInputs(ordersInWindow, netRevenueInWindow, referralsInWindow, sharesInWindow, postsInWindow,
                activeDaysInWindow, daysSince(firstSeenDay), repeatPurchaseDays);
    }
}
