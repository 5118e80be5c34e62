package io.github.cmlr.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.em.FitResult;
import io.github.cmlr.em.MixtureEm;
import io.github.cmlr.em.MixtureOptions;
import io.github.cmlr.em.StoppingRule;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The rescaling behind fits of data of any magnitude (issue 9, class 1 "scale"): exact by
 * construction (powers of two), and a fit on rescaled data equals the fit on moderate data mapped
 * to the hostile data's units.
 */
class ScalingTest {
    private static final double TOL = 1e-9;

    /** Two components, an intercept column, 60 nodes of 8 rows. */
    private static Dataset moderate(long seed) {
        int m = 60;
        int n = 8;
        int d = 3;
        double[][] beta = {{0.5, 2, -1}, {-0.5, -1.5, 1}};
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[m * n * d];
        double[] y = new double[m * n];
        int[] labels = new int[m];
        for (int j = 0; j < m; j++) {
            labels[j] = j % 2;
            for (int i = 0; i < n; i++) {
                int r = j * n + i;
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    x[r * d + k] = k == 0 ? 1 : rng.nextGaussian();
                    dot += x[r * d + k] * beta[labels[j]][k];
                }
                y[r] = dot + 0.3 * rng.nextGaussian();
            }
        }
        return new Dataset(d, Dataset.equalOffsets(m, n), x, y, null, labels);
    }

    private static MixtureParams start() {
        return new MixtureParams(3, new double[] {0.3, 1.5, -0.5, -0.3, -1, 0.5}, new double[] {1, 1}, new double[] {0.5, 0.5});
    }

    private static FitResult fit(Dataset data, MixtureParams start) {
        try (CpuBackend b = new CpuBackend(1); UnitOps units = b.nodeUnits(b.nodeStats(data))) {
            return MixtureEm.run(units, start, MixtureOptions.defaults(), new StoppingRule(200, 1e-12, 0, Double.NaN), null);
        }
    }

    private static void assertClose(MixtureParams expected, MixtureParams actual) {
        for (int k = 0; k < expected.components(); k++) {
            for (int i = 0; i < expected.dim(); i++) {
                double e = expected.beta(k, i);
                assertEquals(e, actual.beta(k, i), TOL * Math.abs(e), "beta " + k + "," + i);
            }
            assertEquals(expected.sigma2(k), actual.sigma2(k), TOL * expected.sigma2(k), "sigma2 " + k);
            assertEquals(expected.weight(k), actual.weight(k), TOL, "weight " + k);
        }
    }

    /**
     * Features x 2^600 (about 4e180, squares overflow) or x 2^-660 (about 2e-199, squares
     * underflow), response x 2^580 or 2^-640: the statistics of the hostile data are useless, a
     * fit on its rescaled version gives the moderate fit in the hostile units.
     */
    @Test
    void aFitOnRescaledHostileDataIsTheModerateFitInTheHostileUnits() {
        Dataset d = moderate(5);
        FitResult reference = fit(d, start());
        int[][] exponents = {{600, 580}, {-660, -640}, {600, -640}};
        for (int[] e : exponents) {
            Scaling hostileUnits = new Scaling(new double[] {1, Math.scalb(1.0, e[0]), Math.scalb(1.0, e[0])}, Math.scalb(1.0, e[1]));
            Dataset hostile = hostileUnits.apply(d);
            try (CpuBackend b = new CpuBackend(1)) {
                double[] g = b.nodeStats(hostile).gram();
                double[] q = b.nodeStats(hostile).yty();
                boolean broken = false;
                for (double v : g) broken |= !Double.isFinite(v) || v == 0;
                for (double v : q) broken |= !Double.isFinite(v) || v == 0;
                assertTrue(broken, "the hostile data's own statistics over- or underflow");
            }
            Scaling s = Scaling.of(hostile);
            Dataset rescaled = s.apply(hostile);
            assertTrue(Scaling.of(rescaled).isIdentity(), "rescaled data is moderate");
            // the start is given in the moderate units: in the hostile ones its variance is not a double
            Scaling total = hostileUnits.then(s);
            FitResult scaledFit = fit(rescaled, total.toScaled(start()));
            assertClose(reference.params(), total.toOriginal(scaledFit.params()));
            double rows = d.rows();
            assertEquals(reference.logLik(), total.logLikToOriginal(scaledFit.logLik(), rows), TOL * Math.abs(reference.logLik()));
            // in the hostile units themselves: coefficients (representable) and the log-likelihood
            MixtureParams inHostile = s.toOriginal(scaledFit.params());
            MixtureParams expected = hostileUnits.toScaled(reference.params());
            for (int i = 0; i < 3; i++) {
                assertEquals(expected.beta(0, i), inHostile.beta(0, i), TOL * Math.abs(expected.beta(0, i)));
                assertEquals(inHostile.beta(0, i), s.coefficientToOriginal(i, scaledFit.params().beta(0, i)), 0.0);
            }
            double hostileLogLik = reference.logLik() - rows * e[1] * Math.log(2);
            assertEquals(hostileLogLik, s.logLikToOriginal(scaledFit.logLik(), rows), TOL * Math.abs(hostileLogLik));
        }
    }

    @Test
    void moderateDataIsLeftBitwiseUnchanged() {
        Dataset d = moderate(7);
        Scaling s = Scaling.of(d);
        assertTrue(s.isIdentity(), s.toString());
        assertTrue(s.apply(d).sameNumbers(d));
        assertEquals(1.0, Scaling.scaleFor(3.7e18));
        assertEquals(Math.scalb(1.0, -66), Scaling.scaleFor(Math.scalb(1.5, 66)));
    }

    /** Powers of two: there and back is the identity, bit for bit, for scales from 2^-500 to 2^500. */
    @Test
    void mappingThereAndBackIsExact() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int t = 0; t < 200; t++) {
            double[] c = {Math.scalb(1.0, rng.nextInt(-500, 500)), Math.scalb(1.0, rng.nextInt(-500, 500))};
            Scaling s = new Scaling(c, Math.scalb(1.0, rng.nextInt(-250, 250)));
            MixtureParams p = new MixtureParams(2, new double[] {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian(),
                rng.nextGaussian()}, new double[] {0.5 + rng.nextDouble(), 0.5 + rng.nextDouble()}, new double[] {0.25, 0.75});
            MixtureParams back = s.toOriginal(s.toScaled(p));
            assertEquals(0.0, p.maxAbsDiff(back), s.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> new Scaling(new double[] {3}, 1));
        assertThrows(IllegalArgumentException.class, () -> new Scaling(new double[] {1}, 0));
    }

    /** Statistics rescale exactly: the scaled statistics are the statistics of the scaled rows, bitwise. */
    @Test
    void scaledStatisticsAreTheStatisticsOfTheScaledRows() {
        Scaling big = new Scaling(new double[] {1, 0x1p300, 0x1p300}, 0x1p280);
        Dataset hostile = big.apply(moderate(3)); // squares about 2^600: finite
        try (CpuBackend b = new CpuBackend(2)) {
            NodeStats stats = b.nodeStats(hostile);
            Scaling s = Scaling.of(stats);
            assertFalse(s.isIdentity());
            NodeStats direct = b.nodeStats(s.apply(hostile));
            NodeStats mapped = s.apply(stats);
            assertArrayEquals(direct.gram(), mapped.gram());
            assertArrayEquals(direct.xty(), mapped.xty());
            assertArrayEquals(direct.yty(), mapped.yty());
        }
    }

    /** Streaming: each column's scale is fixed by its first non-zero value; earlier rows held 0 there. */
    @Test
    void theStreamingChooserScalesEveryRowConsistently() {
        Scaling.Chooser c = new Scaling.Chooser(3);
        double[][] rows = {{1, 0, 0}, {1, 0, 3e200}, {1, 5e-150, -1e200}, {1, 2e-150, 7e199}};
        double[] ys = {0, 0, 4e100, 1e99};
        double[][] scaled = new double[rows.length][];
        double[] scaledY = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            scaled[r] = rows[r].clone();
            scaledY[r] = c.scaleRow(scaled[r], ys[r]);
        }
        assertTrue(c.responseSeen());
        Scaling s = c.scaling();
        assertEquals(1.0, s.featureScales()[0]);
        for (int r = 0; r < rows.length; r++) {
            for (int i = 0; i < 3; i++) assertEquals(rows[r][i] * s.featureScales()[i], scaled[r][i], 0.0);
            assertEquals(ys[r] * s.responseScale(), scaledY[r], 0.0);
            for (double v : scaled[r]) assertTrue(Math.abs(v) < 1e3, "scaled to a moderate size: " + v);
        }
        Scaling.Chooser zeros = new Scaling.Chooser(1);
        zeros.scaleRow(new double[] {1}, 0);
        assertFalse(zeros.responseSeen(), "an identically zero response is reported, not scaled");
    }
}
