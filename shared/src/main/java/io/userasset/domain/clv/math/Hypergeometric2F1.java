package io.userasset.domain.clv.math;

/**
 * Gauss hypergeometric function {@code 2F1(a, b; c; z)} for real parameters and {@code |z| < 1}, by its
 * power series, with an explicit convergence test and a cap on the number of terms. A series that
 * does not converge is reported ({@link Result#converged()} false, with the reason), never returned
 * as if it were a value.
 *
 * <p>Convergence test: once {@code n} is past every sign change of {@code (a+n)}, {@code (b+n)},
 * {@code (c+n)}, the term ratio {@code ρ_n = z(a+n)(b+n)/((c+n)(n+1))} is eventually monotone with limit
 * {@code z}, so the remaining terms are bounded by the geometric tail {@code |t_n|·ρ/(1−ρ)} with
 * {@code ρ = max(|ρ_n|, |z|)}. The sum stops when that bound is at most {@code tolerance·|sum|} (or below
 * the round-off of the largest term seen, when the sum itself has cancelled). The number of terms
 * grows like {@code log(tolerance)/log|z|}: for E[Y(t)] with CDNOW parameters ≈ 100 at z = 0.75, ≈ 2,600 at
 * z = 0.99. For z &lt; 0 and
 * large parameters the terms alternate and can cancel; the models here only use 0 ≤ z &lt; 1.
 */
public final class Hypergeometric2F1 {
    /** Relative tolerance of the tail bound. */
    public static final double DEFAULT_TOLERANCE = 1e-15;
    /** Maximum number of series terms before non-convergence is reported. */
    public static final int DEFAULT_MAX_TERMS = 1_000_000;

    private Hypergeometric2F1() {}

    /**
     * Outcome of a series summation.
     *
     * @param value     the sum (meaningful only when {@code converged})
     * @param terms     number of terms added
     * @param converged whether the tail bound met the tolerance within the term cap
     * @param failure   why not, or null
     */
    public record Result(double value, int terms, boolean converged, String failure) {
        /** The value, or a {@link NumericalFailureException} with the failure reason. */
        public double valueOrThrow() {
            if (!converged) throw new NumericalFailureException(failure);
            return value;
        }
    }

    public static Result value(double a, double b, double c, double z) {
        return value(a, b, c, z, DEFAULT_TOLERANCE, DEFAULT_MAX_TERMS);
    }

    /** {@code 2F1(a, b; c; z) = Σ_{n≥0} (a)_n (b)_n / ((c)_n n!) z^n}. */
    public static Result value(double a, double b, double c, double z, double tolerance, int maxTerms) {
        String bad = checkArguments(a, b, c, z, 0);
        if (bad != null) return new Result(Double.NaN, 0, false, bad);
        return sum(1.0, 0, a, b, c, z, tolerance, maxTerms);
    }

    public static Result scaledRemainder(double a, double b, double c, double z) {
        return scaledRemainder(a, b, c, z, DEFAULT_TOLERANCE, DEFAULT_MAX_TERMS);
    }

    /**
     * {@code (c/a)·(2F1(a, b; c; z) − 1) = Σ_{n≥1} (a+1)_{n−1} (b)_n / ((c+1)_{n−1} n!) z^n}: the part of
     * the series after its leading 1, with the factors {@code a} and {@code 1/c} taken out analytically,
     * so it is finite and accurate at and near {@code a = 0} and {@code c = 0} (where the plain form is
     * 0/0). Needs {@code c > −1} (or c + n ≠ 0 for all n ≥ 1).
     */
    public static Result scaledRemainder(double a, double b, double c, double z, double tolerance, int maxTerms) {
        String bad = checkArguments(a, b, c, z, 1);
        if (bad != null) return new Result(Double.NaN, 0, false, bad);
        return sum(b * z, 1, a, b, c, z, tolerance, maxTerms);
    }

    private static String checkArguments(double a, double b, double c, double z, int firstIndex) {
        if (!(Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(c) && Double.isFinite(z))) {
            return "2F1 arguments not finite: a=" + a + " b=" + b + " c=" + c + " z=" + z;
        }
        if (!(Math.abs(z) < 1.0)) {
            return "2F1 series needs |z| < 1, got z=" + z;
        }
        if (c <= -firstIndex && c == Math.rint(c)) {
            return "2F1 undefined: c=" + c + " is a non-positive integer (pole)";
        }
        return null;
    }

    private static Result sum(double first, int n0, double a, double b, double c, double z,
                              double tolerance, int maxTerms) {
        double term = first;
        double sum = first;
        double maxAbs = Math.abs(first);
        if (term == 0.0) return new Result(sum, 1, true, null);
        // Past this index every factor (a+n), (b+n), (c+n) has its final sign.
        double guard = Math.max(n0, Math.ceil(Math.max(Math.max(-a, -b), -c)) + 1);
        int n = n0;
        for (int k = 1; k <= maxTerms; k++) {
            double ratio = z * (a + n) * (b + n) / ((c + n) * (n + 1.0));
            term *= ratio;
            n++;
            sum += term;
            if (!Double.isFinite(sum)) {
                return new Result(Double.NaN, k, false, "2F1 series overflowed after " + k + " terms (a=" + a
                        + " b=" + b + " c=" + c + " z=" + z + ")");
            }
            if (term == 0.0) return new Result(sum, k + 1, true, null); // terminated (or underflowed)
            double abs = Math.abs(term);
            if (abs > maxAbs) maxAbs = abs;
            if (n > guard) {
                double nextRatio = Math.abs(z * (a + n) * (b + n) / ((c + n) * (n + 1.0)));
                double rho = Math.max(nextRatio, Math.abs(z));
                if (rho < 1.0) {
                    double tail = abs * rho / (1.0 - rho);
                    if (tail <= tolerance * Math.abs(sum) || tail <= 0x1p-60 * maxAbs) {
                        return new Result(sum, k + 1, true, null);
                    }
                }
            }
        }
        return new Result(Double.NaN, maxTerms + 1, false, "2F1 series did not converge within " + maxTerms
                + " terms (a=" + a + " b=" + b + " c=" + c + " z=" + z + ")");
    }
}
