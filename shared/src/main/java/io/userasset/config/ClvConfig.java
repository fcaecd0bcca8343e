package io.userasset.config;

/**
 * @param model              "mbgnbd" (default: users without repeat purchases can be dead) or "bgnbd"
 * @param timeUnitDays       the time unit the models are fitted in (7 = weeks)
 * @param horizonDays        predicted CLV covers this many days ahead
 * @param annualDiscountRate yearly discount rate for CLV
 * @param minCustomersToFit  below this many customers with purchases, keep the previous or default parameters
 */
public record ClvConfig(String model, int timeUnitDays, int horizonDays, double annualDiscountRate,
                        int minCustomersToFit) {}
