package io.userasset.domain.clv.math;

/** A smooth objective for minimization. */
@FunctionalInterface
public interface DifferentiableFunction {
    /**
     * Value at {@code x}; writes the gradient into {@code gradient} (same length as x). Returns a
     * non-finite value (e.g. +∞) for points outside the feasible region; the gradient is then ignored.
     */
    double valueAndGradient(double[] x, double[] gradient);
}
