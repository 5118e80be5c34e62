package io.github.cmlr.em;

import java.util.SplittableRandom;

/**
 * Weighted k-means++ seeding plus a few weighted Lloyd steps, on points that may be null
 * (skipped). A point's weight scales both its chance of seeding a centre (D^2 times weight) and
 * its pull on the centre's mean, so imprecise points (small nodes) count for less.
 */
final class KMeans {
    private KMeans() {}

    /**
     * @param points  read only; null entries are ignored
     * @param weights one positive weight per point (read only)
     */
    static double[][] cluster(double[][] points, double[] weights, int k, int lloyd, SplittableRandom rng) {
        double[][] centres = seed(points, weights, k, rng);
        for (int it = 0; it < lloyd; it++) centres = update(points, weights, centres);
        return centres;
    }

    /** k-means++: first centre drawn with probability proportional to weight, then to weight x D^2. */
    private static double[][] seed(double[][] points, double[] weights, int k, SplittableRandom rng) {
        double[][] centres = new double[k][];
        double[] score = new double[points.length];
        for (int j = 0; j < points.length; j++) score[j] = points[j] == null ? 0 : weights[j];
        centres[0] = drawProportional(points, score, rng).clone();
        for (int c = 1; c < k; c++) {
            for (int j = 0; j < points.length; j++) {
                if (points[j] == null) continue;
                double d2 = Double.POSITIVE_INFINITY;
                for (int e = 0; e < c; e++) d2 = Math.min(d2, sq(points[j], centres[e]));
                score[j] = weights[j] * d2;
            }
            centres[c] = drawProportional(points, score, rng).clone();
        }
        return centres;
    }

    /** A point drawn with probability proportional to its score (uniformly when every score is 0). */
    private static double[] drawProportional(double[][] points, double[] score, SplittableRandom rng) {
        double total = 0;
        for (int j = 0; j < points.length; j++) if (points[j] != null) total += score[j];
        if (!(total > 0)) return pick(points, rng.nextInt(countNonNull(points)));
        double r = rng.nextDouble() * total;
        double[] last = null;
        for (int j = 0; j < points.length; j++) {
            if (points[j] == null) continue;
            last = points[j];
            r -= score[j];
            if (r < 0) return points[j];
        }
        return last;
    }

    private static double[][] update(double[][] points, double[] weights, double[][] centres) {
        int k = centres.length;
        int d = centres[0].length;
        double[][] sum = new double[k][d];
        double[] size = new double[k];
        for (int j = 0; j < points.length; j++) {
            double[] p = points[j];
            if (p == null) continue;
            int c = nearest(p, centres);
            size[c] += weights[j];
            for (int i = 0; i < d; i++) sum[c][i] += weights[j] * p[i];
        }
        for (int c = 0; c < k; c++) {
            if (!(size[c] > 0)) {
                sum[c] = centres[c].clone(); // an empty cluster keeps its centre
                continue;
            }
            for (int i = 0; i < d; i++) sum[c][i] /= size[c];
        }
        return sum;
    }

    static int nearest(double[] p, double[][] centres) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centres.length; c++) {
            double dist = sq(p, centres[c]);
            if (dist < bestD) {
                bestD = dist;
                best = c;
            }
        }
        return best;
    }

    private static double[] pick(double[][] points, int index) {
        for (double[] p : points) {
            if (p == null) continue;
            if (index-- == 0) return p;
        }
        throw new IllegalStateException("no point");
    }

    private static int countNonNull(double[][] points) {
        int c = 0;
        for (double[] p : points) if (p != null) c++;
        return c;
    }

    private static double sq(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double t = a[i] - b[i];
            s += t * t;
        }
        return s;
    }
}
