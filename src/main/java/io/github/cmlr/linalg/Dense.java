package io.github.cmlr.linalg;

/** Small dense vector helpers. Arrays are read only unless named as outputs. */
public final class Dense {
    private Dense() {}

    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** sum_i a[aOff + i] * b[bOff + i] for i < len. */
    public static double dot(double[] a, int aOff, double[] b, int bOff, int len) {
        double s = 0;
        for (int i = 0; i < len; i++) s += a[aOff + i] * b[bOff + i];
        return s;
    }

    public static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** ||a - b||. */
    public static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double t = a[i] - b[i];
            s += t * t;
        }
        return Math.sqrt(s);
    }

    /** The quadratic form b^T M b with M = m[mOff .. mOff + d*d) row-major. */
    public static double quadForm(double[] m, int mOff, double[] b, int bOff, int d) {
        double s = 0;
        for (int r = 0; r < d; r++) {
            double row = 0;
            int base = mOff + r * d;
            for (int c = 0; c < d; c++) row += m[base + c] * b[bOff + c];
            s += b[bOff + r] * row;
        }
        return s;
    }

    /**
     * b^T M b for a symmetric M (row-major at mOff), from its upper triangle alone:
     * sum_r b_r (M_rr b_r + 2 sum_{c>r} M_rc b_c), half the multiply-adds of {@link #quadForm}, the
     * row sums split over two accumulators so that the additions do not wait on each other.
     */
    public static double quadFormSymmetric(double[] m, int mOff, double[] b, int bOff, int d) {
        double s = 0;
        for (int r = 0; r < d; r++) {
            int base = mOff + r * d;
            double br = b[bOff + r];
            double even = 0;
            double odd = 0;
            int c = r + 1;
            for (; c + 1 < d; c += 2) {
                even += m[base + c] * b[bOff + c];
                odd += m[base + c + 1] * b[bOff + c + 1];
            }
            if (c < d) even += m[base + c] * b[bOff + c];
            s += br * (m[base + r] * br + 2 * (even + odd));
        }
        return s;
    }

    /** Copies the upper triangle of a row-major d x d block onto its lower triangle (in place). */
    public static void mirrorUpper(double[] m, int off, int d) {
        for (int r = 1; r < d; r++) {
            for (int c = 0; c < r; c++) m[off + r * d + c] = m[off + c * d + r];
        }
    }
}
