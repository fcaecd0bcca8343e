package io.userasset.domain.clv;

/**
 * One user's CLV-model scores.
 *
 * @param pAlive             probability the user is still active (BG/NBD-family posterior)
 * @param expectedPurchases  expected purchase days in the next {@code horizonDays} (undiscounted)
 * @param expectedOrderValue expected value per purchase day (Gamma-Gamma conditional mean)
 * @param clv                discounted expected value of the purchases in the horizon
 * @param horizonDays        the horizon
 */
public record UserClv(double pAlive, double expectedPurchases, double expectedOrderValue, double clv, int horizonDays) {}
