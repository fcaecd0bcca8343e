package io.userasset.config;

/**
 * Weights of the composite value score (normalized to sum 1 when applied).
 *
 * @param activityWindowDays the activity dimension counts active days in this window
 */
public record ValueConfig(double consumptionWeight, double socialWeight, double contentWeight,
                          double activityWeight, double loyaltyWeight, int activityWindowDays) {}
