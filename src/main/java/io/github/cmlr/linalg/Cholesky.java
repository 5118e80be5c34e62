package io.github.cmlr.linalg;

/**
 * Cholesky factorisation A = L L^T of a small dense symmetric positive-definite matrix
 * (row-major, n x n) and the solves that use it.
 *
 * <p>A matrix is reported as not positive definite when a pivot is not larger than
 * {@link #RELATIVE_PIVOT_TOL} times the largest diagonal entry: this catches rank-deficient
 * matrices (e.g. linearly dependent feature columns) that rounding would otherwise turn into
 * huge, meaningless solutions. Whether to fall back to a ridge is the caller's decision
 * ({@link #factorWithRidge}).
 */
public final class Cholesky {
    /** Pivots at or below this fraction of the largest diagonal entry count as zero. */
    public static final double RELATIVE_PIVOT_TOL = 1e-12;

    private final int n;
    /** Lower triangle, row-major n x n; the upper triangle is zero. */
    private final double[] lower;

    private Cholesky(int n, double[] lower) {
        this.n = n;
        this.lower = lower;
    }

    /**
     * Factors {@code a} (read only, n x n row-major, only the lower triangle is read).
     *
     * @return the factor, or null when {@code a} is not (numerically) positive definite
     */
    public static Cholesky factor(double[] a, int n) {
        double maxDiag = 0;
        for (int i = 0; i < n; i++) {
            double v = a[i * n + i];
            if (!(v > 0) || !Double.isFinite(v)) return null;
            maxDiag = Math.max(maxDiag, v);
        }
        double tol = RELATIVE_PIVOT_TOL * maxDiag;
        double[] l = new double[n * n];
        for (int j = 0; j < n; j++) {
            double pivot = a[j * n + j] - dotPrefix(l, j, j, n, j);
            if (!(pivot > tol)) return null;
            double ljj = Math.sqrt(pivot);
            l[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                l[i * n + j] = (a[i * n + j] - dotPrefix(l, i, j, n, j)) / ljj;
            }
        }
        return new Cholesky(n, l);
    }

    /**
     * Factors {@code a + ridge * mean(diag a) * I}: a tiny ridge for callers that prefer a biased
     * solution to none. {@code a} is read only.
     *
     * @return the factor, or null when even the ridged matrix is not positive definite
     */
    public static Cholesky factorWithRidge(double[] a, int n, double ridge) {
        double meanDiag = 0;
        for (int i = 0; i < n; i++) meanDiag += a[i * n + i];
        meanDiag = meanDiag / n;
        double add = ridge * (meanDiag > 0 ? meanDiag : 1.0);
        double[] b = a.clone();
        for (int i = 0; i < n; i++) b[i * n + i] += add;
        return factor(b, n);
    }

    /** Solves A x = b; returns a new x ({@code b} is read only). */
    public double[] solve(double[] b) {
        double[] x = b.clone();
        solveInPlace(x);
        return x;
    }

    /** Solves A x = b in place: {@code bx} holds b on entry and x on return. */
    public void solveInPlace(double[] bx) {
        for (int i = 0; i < n; i++) { // L z = b
            bx[i] = (bx[i] - dotPrefix(lower, i, bx, n, i)) / lower[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) { // L^T x = z
            double s = bx[i];
            for (int k = i + 1; k < n; k++) s -= lower[k * n + i] * bx[k];
            bx[i] = s / lower[i * n + i];
        }
    }

    /** log det A = 2 sum log L_ii. */
    public double logDet() {
        double s = 0;
        for (int i = 0; i < n; i++) s += Math.log(lower[i * n + i]);
        return 2 * s;
    }

    public int size() { return n; }

    /** Convenience: the solution of A x = b, or null when A is not positive definite. */
    public static double[] trySolve(double[] a, int n, double[] b) {
        Cholesky c = factor(a, n);
        return c == null ? null : c.solve(b);
    }

    /** sum_{k<len} l[r1,k] * l[r2,k]. */
    private static double dotPrefix(double[] l, int r1, int r2, int n, int len) {
        double s = 0;
        for (int k = 0; k < len; k++) s += l[r1 * n + k] * l[r2 * n + k];
        return s;
    }

    /** sum_{k<len} l[r,k] * v[k]. */
    private static double dotPrefix(double[] l, int r, double[] v, int n, int len) {
        double s = 0;
        for (int k = 0; k < len; k++) s += l[r * n + k] * v[k];
        return s;
    }
}
