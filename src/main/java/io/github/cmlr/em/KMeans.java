package io.github.cmlr.em;

import java.util.SplittableRandom;

/** k-means++ seeding plus a few Lloyd steps, on points that may be null (skipped). */
final class KMeans {
    private KMeans() {}

    /** @param points read only; null entries are ignored */
    static double[][] cluster(double[][] points, int k, int lloyd, SplittableRandom rng) {
        double[][] centres = seed(points, k, rng);
        for (int it = 0; it < lloyd; it++) centres = update(points, centres);
        return centres;
    }

    /** k-means++: first centre uniform, then each next with probability proportional to D^2. */
    private static double[][] seed(double[][] points, int k, SplittableRandom rng) {
        int count = 0;
        for (double[] p : points) if (p != null) count++;
        double[][] centres = new double[k][];
        centres[0] = pick(points, rng.nextInt(count)).clone();
        double[] d2 = new double[points.length];
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int j = 0; j < points.length; j++) {
                if (points[j] == null) continue;
                d2[j] = Double.POSITIVE_INFINITY;
                for (int e = 0; e < c; e++) d2[j] = Math.min(d2[j], sq(points[j], centres[e]));
                total += d2[j];
            }
            centres[c] = drawProportional(points, d2, total, rng).clone();
        }
        return centres;
    }

    private static double[] drawProportional(double[][] points, double[] d2, double total, SplittableRandom rng) {
        if (!(total > 0)) return pick(points, rng.nextInt(countNonNull(points)));
        double r = rng.nextDouble() * total;
        double[] last = null;
        for (int j = 0; j < points.length; j++) {
            if (points[j] == null) continue;
            last = points[j];
            r -= d2[j];
            if (r < 0) return points[j];
        }
        return last;
    }

    private static double[][] update(double[][] points, double[][] centres) {
        int k = centres.length;
        int d = centres[0].length;
        double[][] sum = new double[k][d];
        int[] size = new int[k];
        for (double[] p : points) {
            if (p == null) continue;
            int c = nearest(p, centres);
            size[c]++;
            for (int i = 0; i < d; i++) sum[c][i] += p[i];
        }
        for (int c = 0; c < k; c++) {
            if (size[c] == 0) {
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
