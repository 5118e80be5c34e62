package io.github.cmlr.linalg;

/**
 * Eigen-decomposition of a small dense symmetric matrix by the cyclic Jacobi method: accurate
 * and simple, fine for n up to a few hundred. Eigenvalues are sorted in decreasing order.
 *
 * @param values  n eigenvalues, largest first
 * @param vectors n x n row-major; column i ({@code vectors[r * n + i]}) is the unit eigenvector
 *                of {@code values[i]}. Each vector's sign is fixed so that its largest-magnitude
 *                entry is positive (eigenvectors are only defined up to sign).
 */
public record SymmetricEigen(int n, double[] values, double[] vectors) {
    private static final int MAX_SWEEPS = 100;

    /** Decomposes {@code a} (read only, n x n row-major, assumed symmetric). */
    public static SymmetricEigen decompose(double[] a, int n) {
        double[] w = a.clone();
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) v[i * n + i] = 1;
        for (int sweep = 0; sweep < MAX_SWEEPS && offDiagonal(w, n) > 1e-30 * frobenius(w, n); sweep++) {
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) rotate(w, v, n, p, q);
            }
        }
        return sorted(w, v, n);
    }

    /** Eigenvector of the largest eigenvalue (a new array). */
    public double[] topVector() {
        double[] t = new double[n];
        for (int r = 0; r < n; r++) t[r] = vectors[r * n];
        return t;
    }

    /** One Jacobi rotation zeroing w[p][q]; updates w and the accumulated rotations v. */
    private static void rotate(double[] w, double[] v, int n, int p, int q) {
        double apq = w[p * n + q];
        if (apq == 0) return;
        double theta = (w[q * n + q] - w[p * n + p]) / (2 * apq);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) t = 1;
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < n; k++) { // columns p, q
            double wkp = w[k * n + p];
            double wkq = w[k * n + q];
            w[k * n + p] = c * wkp - s * wkq;
            w[k * n + q] = s * wkp + c * wkq;
        }
        for (int k = 0; k < n; k++) { // rows p, q
            double wpk = w[p * n + k];
            double wqk = w[q * n + k];
            w[p * n + k] = c * wpk - s * wqk;
            w[q * n + k] = s * wpk + c * wqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k * n + p];
            double vkq = v[k * n + q];
            v[k * n + p] = c * vkp - s * vkq;
            v[k * n + q] = s * vkp + c * vkq;
        }
    }

    private static double offDiagonal(double[] w, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) if (i != j) s += w[i * n + j] * w[i * n + j];
        }
        return s;
    }

    private static double frobenius(double[] w, int n) {
        double s = 0;
        for (int i = 0; i < n * n; i++) s += w[i] * w[i];
        return s;
    }

    private static SymmetricEigen sorted(double[] w, double[] v, int n) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (x, y) -> Double.compare(w[y * n + y], w[x * n + x]));
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int i = 0; i < n; i++) {
            int src = order[i];
            values[i] = w[src * n + src];
            int argMax = 0;
            for (int r = 1; r < n; r++) if (Math.abs(v[r * n + src]) > Math.abs(v[argMax * n + src])) argMax = r;
            double sign = v[argMax * n + src] < 0 ? -1 : 1;
            for (int r = 0; r < n; r++) vectors[r * n + i] = sign * v[r * n + src];
        }
        return new SymmetricEigen(n, values, vectors);
    }
}
