package io.userasset.domain.clv.math;

/**
 * @param point       the best point found
 * @param value       objective at that point
 * @param gradient    gradient at that point
 * @param iterations  quasi-Newton iterations performed
 * @param evaluations objective evaluations (value + gradient)
 * @param converged   gradient test met
 * @param reason      how the run ended (always set)
 */
public record MinimizationResult(double[] point, double value, double[] gradient, int iterations,
                                 int evaluations, boolean converged, String reason) {
    /** Largest absolute gradient component. */
    public double gradientNorm() {
        double m = 0;
        for (double g : gradient) m = Math.max(m, Math.abs(g));
        return m;
    }
}
