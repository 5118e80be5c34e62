package io.github.cmlr.sweep;

import java.util.Arrays;

/** Small statistics used by summaries and the report. */
public final class Stats {
    private Stats() {}

    /** The p-quantile (0..1) by linear interpolation between order statistics; NaN for no values. */
    public static double quantile(double[] values, double p) {
        if (values.length == 0) return Double.NaN;
        double[] s = values.clone();
        Arrays.sort(s);
        double pos = p * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    public static double median(double[] values) {
        return quantile(values, 0.5);
    }

    /** Least-squares line y = a + b x; returns {a, b}, NaN when fewer than two distinct x. */
    public static double[] fitLine(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        if (n < 2 || sxx == 0) return new double[] {Double.NaN, Double.NaN};
        double b = sxy / sxx;
        return new double[] {my - b * mx, b};
    }

    /** The slope of log y against log x (a power law's exponent). */
    public static double logLogSlope(double[] x, double[] y) {
        double[] lx = new double[x.length];
        double[] ly = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            lx[i] = Math.log(x[i]);
            ly[i] = Math.log(y[i]);
        }
        return fitLine(lx, ly)[1];
    }
}
