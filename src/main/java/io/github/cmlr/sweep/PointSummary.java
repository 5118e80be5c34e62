package io.github.cmlr.sweep;

import java.util.List;

/**
 * The runs of one grid point, summarised over repetitions.
 *
 * @param first        one of the runs (its coordinates are the point's)
 * @param runs         repetitions found
 * @param failures     runs that never reached the target
 * @param iters        quartiles (q1, median, q3) of iterations to target over the runs that reached it
 * @param itersCensored median of iterations to target counting a run that never reached it as max_iter + 1
 * @param errors       quartiles of the final error over the runs that did not fail (NaN when all failed)
 * @param wallMsMedian median wall time of a run
 */
public record PointSummary(ResultRecord first, int runs, int failures, double[] iters, double itersCensored,
                           double[] errors, double wallMsMedian) {

    public static PointSummary of(List<ResultRecord> rs) {
        int failures = 0;
        double[] reached = rs.stream().filter(ResultRecord::reachedTarget).mapToDouble(r -> r.iterationsToTarget()).toArray();
        double[] censored = new double[rs.size()];
        double[] errs = rs.stream().mapToDouble(ResultRecord::finalError).filter(Double::isFinite).toArray();
        double[] wall = new double[rs.size()];
        for (int i = 0; i < rs.size(); i++) {
            ResultRecord r = rs.get(i);
            if (!r.reachedTarget()) failures++;
            censored[i] = r.reachedTarget() ? r.iterationsToTarget() : r.maxIter() + 1;
            wall[i] = r.wallMs();
        }
        return new PointSummary(rs.get(0), rs.size(), failures, quartiles(reached), Stats.median(censored),
                quartiles(errs), Stats.median(wall));
    }

    private static double[] quartiles(double[] v) {
        return new double[] {Stats.quantile(v, 0.25), Stats.median(v), Stats.quantile(v, 0.75)};
    }

    public String algorithm() { return first.algorithm(); }
    public long samples() { return first.samples(); }
    public double itersMedian() { return iters[1]; }
    public double errorMedian() { return errors[1]; }

    /** The value of a named coordinate (m, n, d, mn, sigma, snr, init_radius), for plots. */
    public double coordinate(String name) {
        switch (name) {
            case "m": return first.m();
            case "n": return first.n();
            case "d": return first.d();
            case "mn": return first.samples();
            case "sigma": return first.sigma();
            case "snr": return first.snr();
            case "init_radius": return first.initRadius();
            default: throw new IllegalArgumentException(name);
        }
    }
}
