package io.userasset.domain.clv.math;

import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/** Hessian by central differences of an analytic gradient, and the covariance it implies. */
public final class NumericalHessian {
    private NumericalHessian() {}

    /**
     * Symmetrized central-difference Hessian {@code H_ij ≈ (g_i(x + h e_j) − g_i(x − h e_j)) / 2h}.
     * Truncation error O(h²), round-off O(ε/h): h = 1e-5 gives ≈ 1e-8 relative accuracy.
     *
     * @return the matrix, or null if the gradient is not finite around x
     */
    public static double[][] ofGradient(DifferentiableFunction f, double[] x, double h) {
        int n = x.length;
        double[][] hess = new double[n][n];
        double[] xp = x.clone();
        double[] gp = new double[n];
        double[] gm = new double[n];
        for (int j = 0; j < n; j++) {
            xp[j] = x[j] + h;
            double fp = f.valueAndGradient(xp, gp);
            xp[j] = x[j] - h;
            double fm = f.valueAndGradient(xp, gm);
            xp[j] = x[j];
            if (!Double.isFinite(fp) || !Double.isFinite(fm)) return null;
            for (int i = 0; i < n; i++) hess[i][j] = (gp[i] - gm[i]) / (2 * h);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double m = 0.5 * (hess[i][j] + hess[j][i]);
                hess[i][j] = m;
                hess[j][i] = m;
            }
            for (int j = 0; j < n; j++) if (!Double.isFinite(hess[i][j])) return null;
        }
        return hess;
    }

    /** Inverse of a symmetric positive-definite matrix, or null if it is not positive definite. */
    public static double[][] inverseSpd(double[][] m) {
        try {
            RealMatrix rm = MatrixUtils.createRealMatrix(m);
            return new CholeskyDecomposition(rm, 1e-12, 1e-300).getSolver().getInverse().getData();
        } catch (RuntimeException notPositiveDefinite) {
            return null;
        }
    }
}
