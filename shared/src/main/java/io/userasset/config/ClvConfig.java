package io.userasset.config;

/**
 * @param model                 "mbgnbd" (default: users without repeat purchases can be dead) or "bgnbd"
 * @param timeUnitDays          the time unit the models are fitted in (7 = weeks)
 * @param horizonDays           predicted CLV covers this many days ahead
 * @param annualDiscountRate    yearly discount rate for CLV
 * @param minCustomersToFit     below this many customers with purchases, keep the previous or default parameters
 * @param spendBinRelativeWidth relative width of the log-scale bins of mean spend in the Gamma-Gamma
 *                              statistics (0.005 = 0.5 %: each mean is moved by at most ≈ 0.25 %)
 */
public record ClvConfig(String model, int timeUnitDays, int horizonDays, double annualDiscountRate,
                        int minCustomersToFit, double spendBinRelativeWidth) {

    /** Default spend-bin width, 0.5 %. */
    public static final double DEFAULT_SPEND_BIN_RELATIVE_WIDTH = 0.005;

    /** The original five settings, with the default spend-bin width. */
    public ClvConfig(String model, int timeUnitDays, int horizonDays, double annualDiscountRate, int minCustomersToFit) {
        this(model, timeUnitDays, horizonDays, annualDiscountRate, minCustomersToFit, DEFAULT_SPEND_BIN_RELATIVE_WIDTH);
    }
}
