package io.userasset.domain.clv.simulation;

import java.util.random.RandomGenerator;

/** Gamma, Beta and exponential variates for the simulator (fast, deterministic for a given generator). */
public final class RandomVariates {
    private RandomVariates() {}

    /**
     * Gamma(shape, rate 1) by Marsaglia &amp; Tsang (2000), "A simple method for generating gamma
     * variables"; shape &lt; 1 via G(shape) = G(shape + 1)·U^(1/shape).
     */
    public static double gamma(RandomGenerator rng, double shape) {
        if (!(shape > 0)) throw new IllegalArgumentException("shape must be > 0");
        if (shape < 1) {
            double u = rng.nextDouble();
            while (u == 0.0) u = rng.nextDouble();
            return gamma(rng, shape + 1) * Math.pow(u, 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x, v;
            do {
                x = rng.nextGaussian();
                v = 1.0 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = rng.nextDouble();
            double x2 = x * x;
            if (u < 1.0 - 0.0331 * x2 * x2) return d * v;
            if (u > 0 && Math.log(u) < 0.5 * x2 + d * (1.0 - v + Math.log(v))) return d * v;
        }
    }

    /** Beta(a, b) as G_a / (G_a + G_b). */
    public static double beta(RandomGenerator rng, double a, double b) {
        double x = gamma(rng, a);
        double y = gamma(rng, b);
        double s = x + y;
        return s > 0 ? x / s : (rng.nextDouble() < a / (a + b) ? 1.0 : 0.0);
    }

    /** Exponential with rate 1. */
    public static double exponential(RandomGenerator rng) {
        return -Math.log1p(-rng.nextDouble());
    }
}
