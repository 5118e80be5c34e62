package io.github.cmlr.sweep;

import io.github.cmlr.backend.Backend;
import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.em.Initializers;
import io.github.cmlr.em.StoppingRule;
import io.github.cmlr.em.SymmetricEm;
import io.github.cmlr.model.SyntheticSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The contraction factor of population EM against n, approximated with a very large m: for a
 * start theta at distance r from theta*, the ratio ||M(theta) - theta*|| / ||theta - theta*||
 * of one clustered EM step M. With finite m the step also carries the statistical error
 * O(sqrt(d/(mn))), which puts a floor under that ratio; the ratio measured around the sample
 * fixed point theta_hat (where M(theta_hat) = theta_hat) removes that floor, so both are given.
 */
public final class Contraction {

    /** One (n, radius) cell: medians over the starting directions. */
    public record Row(int n, double radius, double ratioToThetaStar, double ratioToFixedPoint, double fixedPointError) {}

    private Contraction() {}

    public static List<Row> measure(ContractionSpec spec, Backend backend) {
        List<Row> rows = new ArrayList<>();
        double sigma = 1.0;
        for (int n : spec.ns()) {
            SyntheticSpec data = SyntheticSpec.withSnr(spec.m(), n, spec.d(), sigma, spec.snr(),
                    Seeds.derive(spec.seed(), "contraction n=" + n));
            try (DatasetContext ctx = new DatasetContext(backend, data)) {
                UnitOps units = ctx.nodeUnits();
                double[] star = ctx.thetaStar();
                double[] hat = SymmetricEm.run(units, star, sigma * sigma, new StoppingRule(1000, 1e-13, 0, Double.NaN), star).theta();
                for (double r : spec.radii()) rows.add(cell(spec, units, star, hat, n, r, sigma));
            }
        }
        return rows;
    }

    private static Row cell(ContractionSpec spec, UnitOps units, double[] star, double[] hat, int n, double r, double sigma) {
        double[] toStar = new double[spec.directions()];
        double[] toHat = new double[spec.directions()];
        for (int k = 0; k < spec.directions(); k++) {
            double[] theta = Initializers.ball(star, r, Seeds.derive(spec.seed(), "start n=" + n + " r=" + r + " k=" + k));
            double[] next = SymmetricEm.step(units, theta, sigma * sigma);
            toStar[k] = distance(next, star) / distance(theta, star);
            toHat[k] = distance(next, hat) / distance(theta, hat);
        }
        return new Row(n, r, Stats.median(toStar), Stats.median(toHat), distance(hat, star));
    }

    static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.sqrt(s);
    }
}
