package io.userasset.domain.clv.math;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BfgsTest {
    private final Bfgs bfgs = new Bfgs(500, 1e-10, 10.0);

    @Test
    void minimizesTheRosenbrockFunction() {
        DifferentiableFunction rosen = (x, g) -> {
            double a = 1 - x[0], b = x[1] - x[0] * x[0];
            g[0] = -2 * a - 400 * x[0] * b;
            g[1] = 200 * b;
            return a * a + 100 * b * b;
        };
        MinimizationResult r = bfgs.minimize(rosen, new double[] {-1.2, 1.0});
        assertThat(r.converged()).as(r.reason()).isTrue();
        assertThat(r.point()[0]).isCloseTo(1.0, within(1e-8));
        assertThat(r.point()[1]).isCloseTo(1.0, within(1e-8));
        assertThat(r.iterations()).isLessThan(100);
    }

    @Test
    void solvesAnIllConditionedQuadraticInFourDimensions() {
        double[] scale = {1, 100, 1e4, 1e-2};
        double[] target = {3, -2, 0.5, 10};
        DifferentiableFunction q = (x, g) -> {
            double v = 0;
            for (int i = 0; i < 4; i++) {
                double d = x[i] - target[i];
                v += 0.5 * scale[i] * d * d + 0.1 * d * (i > 0 ? x[i - 1] - target[i - 1] : 0);
            }
            for (int i = 0; i < 4; i++) {
                double d = x[i] - target[i];
                g[i] = scale[i] * d + (i > 0 ? 0.1 * (x[i - 1] - target[i - 1]) : 0)
                        + (i < 3 ? 0.1 * (x[i + 1] - target[i + 1]) : 0);
            }
            return v;
        };
        MinimizationResult r = bfgs.minimize(q, new double[4]);
        assertThat(r.converged()).as(r.reason()).isTrue();
        for (int i = 0; i < 4; i++) assertThat(r.point()[i]).isCloseTo(target[i], within(1e-6));
    }

    @Test
    void backsOffFromAnInfeasibleRegion() {
        // minimum at x = 2 next to a wall at x = 2.5 beyond which the objective is +∞; the first
        // trial steps from −50 land far beyond the wall
        DifferentiableFunction walled = (x, g) -> {
            if (x[0] > 2.5) return Double.POSITIVE_INFINITY;
            g[0] = 2 * (x[0] - 2);
            return (x[0] - 2) * (x[0] - 2);
        };
        MinimizationResult r = new Bfgs(200, 1e-10, 100.0).minimize(walled, new double[] {-50});
        assertThat(r.converged()).as(r.reason()).isTrue();
        assertThat(r.point()[0]).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void reportsANonFiniteStartingPoint() {
        MinimizationResult r = bfgs.minimize((x, g) -> Double.NaN, new double[] {0});
        assertThat(r.converged()).isFalse();
        assertThat(r.reason()).contains("not finite at the starting point");
    }

    @Test
    void reportsTheIterationLimit() {
        DifferentiableFunction rosen = (x, g) -> {
            double a = 1 - x[0], b = x[1] - x[0] * x[0];
            g[0] = -2 * a - 400 * x[0] * b;
            g[1] = 200 * b;
            return a * a + 100 * b * b;
        };
        MinimizationResult r = new Bfgs(3, 1e-10, 10.0).minimize(rosen, new double[] {-1.2, 1.0});
        assertThat(r.converged()).isFalse();
        assertThat(r.reason()).contains("iteration limit 3");
    }

    @Test
    void numericalHessianOfAQuadraticIsExact() {
        DifferentiableFunction q = (x, g) -> {
            g[0] = 4 * x[0] + x[1];
            g[1] = x[0] + 2 * x[1];
            return 2 * x[0] * x[0] + x[0] * x[1] + x[1] * x[1];
        };
        double[][] h = NumericalHessian.ofGradient(q, new double[] {0.3, -0.7}, 1e-5);
        assertThat(h[0][0]).isCloseTo(4, within(1e-8));
        assertThat(h[0][1]).isCloseTo(1, within(1e-8));
        assertThat(h[1][1]).isCloseTo(2, within(1e-8));
        double[][] inv = NumericalHessian.inverseSpd(h);
        assertThat(inv[0][0]).isCloseTo(2.0 / 7, within(1e-8));
        assertThat(NumericalHessian.inverseSpd(new double[][] {{1, 2}, {2, 1}})).isNull();
    }
}
