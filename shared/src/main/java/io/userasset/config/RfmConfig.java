package io.userasset.config;

/**
 * @param windowDays  rolling window for F and M (SPEC §4)
 * @param sketchK     KLL sketch size for cut points; normalized rank error ≈ 1.65/K (K=200 → ±0.83 %, 99 % conf.)
 */
public record RfmConfig(int windowDays, int sketchK) {}
