package io.github.cmlr.em.inference;

/** Inverse of a symmetric positive definite matrix by Cholesky factorisation. */
final class SymmetricInverse {
    private SymmetricInverse() {}

    /**
     * @param a p x p row-major, read only
     * @return the inverse, or null when {@code a} is not numerically positive definite
     */
    static double[] invert(double[] a, int p) {
        double[] l = cholesky(a, p);
        if (l == null) return null;
        double[] inv = new double[p * p];
        double[] col = new double[p];
        for (int c = 0; c < p; c++) {
            java.util.Arrays.fill(col, 0.0);
            col[c] = 1.0;
            solveInPlace(l, p, col);
            for (int r = 0; r < p; r++) inv[r * p + c] = col[r];
        }
        return inv;
    }

    /** Lower factor L with A = L L^T, or null when a pivot is not positive (relative to the diagonal). */
    private static double[] cholesky(double[] a, int p) {
        double[] l = new double[p * p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * p + j];
                for (int k = 0; k < j; k++) s -= l[i * p + k] * l[j * p + k];
                if (i == j) {
                    if (!(s > 1e-13 * Math.abs(a[i * p + i]))) return null;
                    l[i * p + i] = Math.sqrt(s);
                } else {
                    l[i * p + j] = s / l[j * p + j];
                }
            }
        }
        return l;
    }

    /** Solves L L^T x = b; {@code b} is overwritten with x. */
    private static void solveInPlace(double[] l, int p, double[] b) {
        for (int i = 0; i < p; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= l[i * p + k] * b[k];
            b[i] = s / l[i * p + i];
        }
        for (int i = p - 1; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < p; k++) s -= l[k * p + i] * b[k];
            b[i] = s / l[i * p + i];
        }
    }
}
