package io.userasset.domain.clv;

/**
 * Test oracle: tanh-sinh (double-exponential) quadrature on (0, 1), which copes with integrable
 * endpoint singularities such as p^(a−1) for a &lt; 1. Independent of the production code.
 */
final class Quadrature {
    /** Integrand given both u and 1−u (each computed without cancellation near its endpoint). */
    interface UnitIntegrand {
        double apply(double u, double oneMinusU);
    }

    private Quadrature() {}

    static double tanhSinh(UnitIntegrand f) {
        double previous = Double.NaN;
        for (int level = 3; level <= 12; level++) {
            double h = Math.pow(2, -level);
            double sum = 0;
            for (int k = -(int) (6.5 / h); k <= (int) (6.5 / h); k++) {
                double t = k * h;
                double s = 0.5 * Math.PI * Math.sinh(t);
                double u = 1.0 / (1.0 + Math.exp(-2 * s));
                double v = 1.0 / (1.0 + Math.exp(2 * s));
                if (u <= 0 || v <= 0) continue;
                double cosh = Math.cosh(s);
                double w = 0.5 * Math.PI * Math.cosh(t) / (2 * cosh * cosh);
                if (w == 0) continue;
                double fx = f.apply(u, v);
                if (Double.isFinite(fx)) sum += w * fx;
            }
            double value = sum * h;
            if (level > 4 && Math.abs(value - previous) <= 1e-13 * Math.abs(value)) return value;
            previous = value;
        }
        return previous;
    }

    /** ∫₀^∞ g(y) dy via y = c·u/(1−u). */
    static double halfLine(java.util.function.DoubleUnaryOperator g, double c) {
        return tanhSinh((u, v) -> {
            double y = c * u / v;
            return g.applyAsDouble(y) * c / (v * v);
        });
    }
}
