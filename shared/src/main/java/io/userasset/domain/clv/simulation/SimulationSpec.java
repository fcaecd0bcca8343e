package io.userasset.domain.clv.simulation;

import io.userasset.domain.clv.BgNbdParameters;
import io.userasset.domain.clv.GammaGammaParameters;

/**
 * A simulated cohort. Day 0 is the start of acquisition; each customer makes a first purchase at a
 * uniformly random moment of day {@code 0 … acquisitionDays−1}; calibration runs through the end of
 * day {@code calibrationEndDay} (so T = calibrationEndDay − first day), the holdout is the next
 * {@code holdoutDays} days.
 *
 * @param purchase          BG/NBD or MBG/NBD parameters (their time unit converts days)
 * @param spend             Gamma-Gamma parameters of the value of each purchase, or null for no spend
 * @param customers         cohort size
 * @param acquisitionDays   length of the acquisition window (≥ 1, ≤ calibrationEndDay + 1)
 * @param calibrationEndDay last day of the calibration period
 * @param holdoutDays       length of the holdout period (≥ 0)
 * @param seed              random seed (same seed, same cohort)
 * @param recording         how purchases are recorded (see {@link Recording})
 */
public record SimulationSpec(BgNbdParameters purchase, GammaGammaParameters spend, int customers, int acquisitionDays,
                             int calibrationEndDay, int holdoutDays, long seed, Recording recording) {

    /** How simulated purchases become observations. */
    public enum Recording {
        /**
         * As the engine records real customers: several purchases on one day are one purchase
         * occasion (x counts distinct days, amounts added). The continuous-time model then does not
         * hold exactly on the day grid: same-day purchases are lost, which biases the fitted rate
         * parameters when the purchase-weighted daily rate (r+1)/(α·days per unit) is not small
         * (measured in docs/models.md).
         */
        PURCHASE_DAYS,
        /**
         * Every model transaction is an occasion (x counts transactions, times floored to days, so x may
         * exceed t_x; each amount is one Gamma-Gamma observation): data that follow the model up to day
         * rounding, for testing the estimators. {@link SimulatedCohort#customer} is not available.
         */
        TRANSACTIONS
    }

    public SimulationSpec {
        if (purchase == null || recording == null) throw new IllegalArgumentException("purchase parameters and recording required");
        if (customers < 0 || acquisitionDays < 1 || calibrationEndDay < acquisitionDays - 1 || holdoutDays < 0) {
            throw new IllegalArgumentException("invalid simulation periods");
        }
    }

    /** CDNOW-like design, purchase days recorded: 12-week acquisition, 39-week calibration (day 272), 39-week holdout. */
    public static SimulationSpec cdnowLike(BgNbdParameters purchase, GammaGammaParameters spend, int customers, long seed) {
        return new SimulationSpec(purchase, spend, customers, 84, 272, 273, seed, Recording.PURCHASE_DAYS);
    }
}
