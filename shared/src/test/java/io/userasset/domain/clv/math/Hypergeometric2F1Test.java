package io.userasset.domain.clv.math;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class Hypergeometric2F1Test {

    private static double f(double a, double b, double c, double z) {
        Hypergeometric2F1.Result r = Hypergeometric2F1.value(a, b, c, z);
        assertThat(r.converged()).as(r.failure()).isTrue();
        return r.value();
    }

    @Test
    void matchesElementaryClosedForms() {
        for (double z : new double[] {-0.9, -0.3, 1e-6, 0.2, 0.5, 0.9, 0.99}) {
            // 2F1(1,1;2;z) = −ln(1−z)/z
            assertThat(f(1, 1, 2, z)).isCloseTo(-Math.log1p(-z) / z, within(1e-13 * Math.abs(Math.log1p(-z) / z)));
            // 2F1(a,b;b;z) = (1−z)^−a
            assertThat(f(0.37, 2.5, 2.5, z)).isCloseTo(Math.pow(1 - z, -0.37), within(1e-13 * Math.pow(1 - z, -0.37)));
        }
        // 2F1(1/2,1/2;3/2;z²) = arcsin(z)/z
        for (double s : new double[] {0.1, 0.5, 0.9}) {
            assertThat(f(0.5, 0.5, 1.5, s * s)).isCloseTo(Math.asin(s) / s, within(1e-13));
        }
        // 2F1(1/2,1;3/2;−z²) = arctan(z)/z
        assertThat(f(0.5, 1, 1.5, -0.64)).isCloseTo(Math.atan(0.8) / 0.8, within(1e-13));
    }

    @Test
    void terminatingSeriesIsAPolynomial() {
        // 2F1(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1))
        double b = 1.7, c = 3.2, z = 0.8;
        double expected = 1 - 2 * b * z / c + b * (b + 1) * z * z / (c * (c + 1));
        Hypergeometric2F1.Result r = Hypergeometric2F1.value(-2, b, c, z);
        assertThat(r.converged()).isTrue();
        assertThat(r.terms()).isLessThanOrEqualTo(4);
        assertThat(r.value()).isCloseTo(expected, within(1e-15));
    }

    @Test
    void matchesHighPrecisionReferenceValues() {
        // mpmath.hyp2f1 at 30 significant digits (mpmath.mp.dps = 30), independent of this code:
        //   hyp2f1(2.243, 4.426, 3.219, 0.5)  = 8.9814218259104173407080850936
        //   hyp2f1(0.243, 2.426, 2.219, 0.75) = 1.47140999363891793140600194809
        //   hyp2f1(5.5, 1.2, 0.7, 0.95)       = 202392815.285558664464991428181 (strong growth near z = 1)
        assertThat(f(2.243, 4.426, 3.219, 0.5)).isCloseTo(8.9814218259104173, within(1e-13 * 8.98));
        assertThat(f(0.243, 2.426, 2.219, 0.75)).isCloseTo(1.4714099936389179, within(1e-13 * 1.47));
        assertThat(f(5.5, 1.2, 0.7, 0.95)).isCloseTo(202392815.28555866, within(1e-11 * 2.02e8));
    }

    @Test
    void scaledRemainderEqualsDefinitionAndIsContinuousAtZero() {
        double a = 0.37, b = -1.3, c = 2.8, z = 0.85;
        double direct = c / a * (f(a, b, c, z) - 1);
        assertThat(Hypergeometric2F1.scaledRemainder(a, b, c, z).valueOrThrow()).isCloseTo(direct, within(1e-12 * Math.abs(direct)));
        // a → 0: (c/a)(F − 1) → c·∂F/∂a at 0 = Σ_{n≥1} (b)_n/((c+1)_{n−1} n) z^n; continuity is what matters
        double at0 = Hypergeometric2F1.scaledRemainder(0.0, b, c, z).valueOrThrow();
        double near = Hypergeometric2F1.scaledRemainder(1e-9, b, c, z).valueOrThrow();
        assertThat(near).isCloseTo(at0, within(1e-7 * Math.abs(at0)));
        // c → 0 is no pole of the scaled remainder (c > −1)
        double c0 = Hypergeometric2F1.scaledRemainder(0.2, 1.1, 0.0, 0.5).valueOrThrow();
        double cNear = Hypergeometric2F1.scaledRemainder(0.2, 1.1, 1e-10, 0.5).valueOrThrow();
        assertThat(c0).isFinite().isCloseTo(cNear, within(1e-8));
    }

    @Test
    void reportsNonConvergenceInsteadOfAValue() {
        Hypergeometric2F1.Result r = Hypergeometric2F1.value(1.5, 2.5, 1.1, 0.999999, 1e-15, 1000);
        assertThat(r.converged()).isFalse();
        assertThat(r.value()).isNaN();
        assertThat(r.failure()).contains("did not converge within 1000 terms");
        assertThatThrownBy(r::valueOrThrow).isInstanceOf(NumericalFailureException.class).hasMessageContaining("did not converge");
    }

    @Test
    void rejectsArgumentsOutsideTheSeriesDomain() {
        assertThat(Hypergeometric2F1.value(1, 1, 2, 1.0).failure()).contains("|z| < 1");
        assertThat(Hypergeometric2F1.value(1, 1, 2, -1.5).failure()).contains("|z| < 1");
        assertThat(Hypergeometric2F1.value(1, 1, -2.0, 0.5).failure()).contains("pole");
        assertThat(Hypergeometric2F1.value(Double.NaN, 1, 2, 0.5).failure()).contains("not finite");
        assertThat(Hypergeometric2F1.scaledRemainder(1, 1, -1.0, 0.5).failure()).contains("pole");
    }

    @Test
    void convergesNearOneWithinTheTermBudget() {
        Hypergeometric2F1.Result r = Hypergeometric2F1.value(1, 1, 2, 0.9999);
        assertThat(r.converged()).isTrue();
        assertThat(r.value()).isCloseTo(-Math.log1p(-0.9999) / 0.9999, within(1e-11));
        assertThat(r.terms()).isBetween(100_000, Hypergeometric2F1.DEFAULT_MAX_TERMS);
    }

    @Property(tries = 200)
    void eulerTransformationHolds(@ForAll @DoubleRange(min = 0.05, max = 6) double a,
                                  @ForAll @DoubleRange(min = 0.05, max = 6) double b,
                                  @ForAll @DoubleRange(min = 0.05, max = 8) double c,
                                  @ForAll @DoubleRange(min = 0.0, max = 0.9) double z) {
        // 2F1(a,b;c;z) = (1−z)^(c−a−b) 2F1(c−a, c−b; c; z). z ≥ 0 as in all model uses: for z < 0 the
        // right-hand side's alternating series cancels (terms ~1e6 summing to ~1e-2) and loses digits.
        double lhs = f(a, b, c, z);
        double rhs = Math.pow(1 - z, c - a - b) * f(c - a, c - b, c, z);
        assertThat(lhs).isCloseTo(rhs, within(1e-10 * Math.max(1, Math.abs(lhs))));
        assertThat(f(b, a, c, z)).isCloseTo(lhs, within(1e-12 * Math.max(1, Math.abs(lhs))));
    }
}
