package io.userasset.domain.clv;

import java.util.Arrays;

/**
 * One customer's calibration summary in whole days, the input of the BG/NBD family and Gamma-Gamma:
 * purchases are counted in purchase DAYS (several orders on one day are one purchase occasion, their
 * amounts added), measured from the day of the first purchase.
 *
 * @param x           repeat purchase days: distinct purchase days after the first one, up to as-of
 * @param txDays      days from the first purchase day to the last purchase day (0 if x = 0)
 * @param tDays       days from the first purchase day to the as-of day
 * @param repeatSpend total amount of the x repeat purchase days (the first day's amount excluded,
 *                    the Gamma-Gamma convention); 0 if x = 0
 */
public record CustomerSummary(int x, int txDays, int tDays, double repeatSpend) {
    public CustomerSummary {
        if (x < 0 || txDays < 0 || tDays < txDays) {
            throw new IllegalArgumentException("need x >= 0 and 0 <= tx <= T, got x=" + x + " tx=" + txDays + " T=" + tDays);
        }
        if (x > txDays) {
            throw new IllegalArgumentException("x repeat purchase days cannot exceed tx=" + txDays + " days, got x=" + x);
        }
        if (!Double.isFinite(repeatSpend)) throw new IllegalArgumentException("repeatSpend not finite");
    }

    /** Mean amount per repeat purchase day; only defined for x ≥ 1. */
    public double meanRepeatSpend() {
        if (x == 0) throw new IllegalStateException("no repeat purchase: mean repeat spend undefined");
        return repeatSpend / x;
    }

    /**
     * Summary as of {@code asOfEpochDay} from a purchase log (any order; same-day purchases merged,
     * purchases after the as-of day ignored).
     *
     * @param epochDays purchase days (e.g. {@code LocalDate.toEpochDay()} in the deployment's zone)
     * @param amounts   purchase amounts, same length
     * @throws IllegalArgumentException if no purchase falls on or before the as-of day
     */
    public static CustomerSummary fromPurchases(long[] epochDays, double[] amounts, long asOfEpochDay) {
        if (epochDays.length != amounts.length) throw new IllegalArgumentException("days and amounts differ in length");
        int n = epochDays.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (i, j) -> Long.compare(epochDays[i], epochDays[j]));
        long first = Long.MIN_VALUE, last = Long.MIN_VALUE;
        int x = 0;
        double spend = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            long d = epochDays[i];
            if (d > asOfEpochDay) break;
            if (first == Long.MIN_VALUE) {
                first = d;
                last = d;
                continue;
            }
            if (d != last) {
                x++;
                last = d;
            }
            if (d != first) spend += amounts[i];
        }
        if (first == Long.MIN_VALUE) throw new IllegalArgumentException("no purchase on or before the as-of day");
        return new CustomerSummary(x, Math.toIntExact(last - first), Math.toIntExact(asOfEpochDay - first), spend);
    }
}
