package io.userasset.domain.clv.simulation;

import io.userasset.domain.clv.CustomerSummary;
import io.userasset.domain.clv.FrequencyStats;
import io.userasset.domain.clv.SpendStats;

/**
 * Per-customer results of a simulation, as parallel arrays (10^6 customers ≈ 24 MB): the calibration
 * summary in days (x, t_x, T, repeat spend) and the purchase days in the holdout period.
 */
public final class SimulatedCohort {
    private final SimulationSpec spec;
    private final int[] x, tx, t, holdout;
    private final double[] repeatSpend;

    SimulatedCohort(SimulationSpec spec, int[] x, int[] tx, int[] t, double[] repeatSpend, int[] holdout) {
        this.spec = spec;
        this.x = x;
        this.tx = tx;
        this.t = t;
        this.repeatSpend = repeatSpend;
        this.holdout = holdout;
    }

    public SimulationSpec spec() {
        return spec;
    }

    public int size() {
        return x.length;
    }

    public int x(int i) {
        return x[i];
    }

    public int txDays(int i) {
        return tx[i];
    }

    public int tDays(int i) {
        return t[i];
    }

    /** Total value of the repeat purchase days in calibration (0 without spend parameters). */
    public double repeatSpend(int i) {
        return repeatSpend[i];
    }

    /** Purchase days (or transactions, see {@link SimulationSpec.Recording}) in the holdout period. */
    public int holdoutPurchaseDays(int i) {
        return holdout[i];
    }

    /** The customer's summary; only for {@link SimulationSpec.Recording#PURCHASE_DAYS} (x ≤ t_x). */
    public CustomerSummary customer(int i) {
        if (spec.recording() != SimulationSpec.Recording.PURCHASE_DAYS) {
            throw new IllegalStateException("customer summaries count purchase days; this cohort recorded transactions");
        }
        return new CustomerSummary(x[i], tx[i], t[i], repeatSpend[i]);
    }

    public long totalHoldoutPurchaseDays() {
        long s = 0;
        for (int h : holdout) s += h;
        return s;
    }

    public FrequencyStats frequencyStats() {
        FrequencyStats.Builder b = FrequencyStats.builder();
        for (int i = 0; i < x.length; i++) b.add(x[i], tx[i], t[i]);
        return b.build();
    }

    /** Gamma-Gamma statistics of the customers with x ≥ 1 (mean = repeat spend / x). */
    public SpendStats spendStats(double binRelativeWidth) {
        SpendStats.Builder b = SpendStats.builder(binRelativeWidth);
        for (int i = 0; i < x.length; i++) if (x[i] > 0) b.add(x[i], repeatSpend[i] / x[i]);
        return b.build();
    }
}
