package org.apache.datasketches.kll;

/**
 * Test-only hook: KLL compaction flips coins with a static, unseeded {@code java.util.Random}
 * ({@code KllSketch.random}, package-private). Seeding it makes the sketch tests reproducible, so an error-bound test
 * that holds "with 99 % confidence" cannot flake. Production code never seeds it.
 */
public final class KllTestSeed {
    private KllTestSeed() {}

    public static void seed(long seed) {
        KllSketch.random.setSeed(seed);
    }
}
