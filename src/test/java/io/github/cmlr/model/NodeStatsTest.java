package io.github.cmlr.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The two forms of a node's second moments answer every accessor alike. */
class NodeStatsTest {
    private static final int D = 5;

    /** Nodes of 0 to 2d rows kept as rows where n < d, beside the same nodes given as G_j. */
    private static NodeStats[] bothForms(SplittableRandom rng) {
        int m = 2 * D + 1;
        double[] n = new double[m];
        double[][] moments = new double[m][];
        double[] gram = new double[m * D * D];
        for (int j = 0; j < m; j++) {
            n[j] = j;
            double[] x = new double[j * D];
            for (int i = 0; i < x.length; i++) x[i] = rng.nextGaussian();
            for (int i = 0; i < j; i++) {
                for (int r = 0; r < D; r++) {
                    for (int c = 0; c < D; c++) gram[j * D * D + r * D + c] += x[i * D + r] * x[i * D + c];
                }
            }
            moments[j] = NodeStats.keepsRows(j, D) ? java.util.Arrays.copyOf(x, j * (D + 1))
                    : java.util.Arrays.copyOfRange(gram, j * D * D, (j + 1) * D * D);
        }
        double[] s = new double[m * D];
        double[] q = new double[m];
        for (int i = 0; i < s.length; i++) s[i] = rng.nextGaussian();
        for (int j = 0; j < m; j++) q[j] = 1 + j;
        return new NodeStats[] {new NodeStats(D, n, moments, s, q, null), new NodeStats(D, n, gram, s, q, null)};
    }

    @Test
    void rowsAndGramAnswerAlike() {
        SplittableRandom rng = new SplittableRandom(4);
        NodeStats[] f = bothForms(rng);
        NodeStats mixed = f[0];
        NodeStats gram = f[1];
        double[] b = new double[D];
        for (int i = 0; i < D; i++) b[i] = rng.nextGaussian();
        double[] c = {2, 0.5, 4, 1, 0.25};
        NodeStats scaledMixed = mixed.rescaled(c, 3);
        NodeStats scaledGram = gram.rescaled(c, 3);
        for (int j = 0; j < mixed.nodes(); j++) {
            assertEquals(j < D, mixed.holdsRows(j), "node " + j);
            assertFalse(gram.holdsRows(j));
            double[] want = gram.gram(j);
            assertArrayEquals(want, mixed.gram(j), 1e-12, "G of node " + j);
            assertEquals(gram.quadForm(j, b, 0), mixed.quadForm(j, b, 0), 1e-12, "quadratic form of node " + j);
            for (int i = 0; i < D; i++) assertEquals(want[i * D + i], mixed.gramDiagonal(j, i), 1e-12);
            double[] acc = new double[D * D];
            mixed.addUpperTo(j, 0.5, acc, 0);
            for (int r = 0; r < D; r++) {
                for (int k = 0; k < D; k++) assertEquals(k >= r ? 0.5 * want[r * D + k] : 0, acc[r * D + k], 1e-12);
            }
            assertArrayEquals(scaledGram.gram(j), scaledMixed.gram(j), 1e-11, "rescaled G of node " + j);
        }
        assertArrayEquals(gram.totalGram(), mixed.totalGram(), 1e-11);
        assertArrayEquals(scaledGram.xty(), scaledMixed.xty());
        NodeStats picked = mixed.subset(new int[] {7, 2, 2});
        assertArrayEquals(mixed.gram(2), picked.gram(2));
        assertArrayEquals(mixed.gram(7), picked.gram(0));
        assertTrue(picked.holdsRows(1));
    }

    /**
     * The nodes that keep rows, placed in one shared array at offsets with NaN between them (a
     * read outside a node's numbers shows): every accessor answers bitwise as with an array per
     * node, and so do the subset and the rescaled copy; a start past the array's end is refused.
     */
    @Test
    void rowsInASharedArrayAnswerAsRowsInTheirOwn() {
        NodeStats own = bothForms(new SplittableRandom(6))[0];
        int m = own.nodes();
        double[][] mo = new double[m][];
        int[] at = new int[m];
        double[] shared = new double[4000];
        java.util.Arrays.fill(shared, Double.NaN);
        int fill = 3;
        for (int j = 0; j < m; j++) {
            if (!own.holdsRows(j)) {
                mo[j] = own.moments(j);
                at[j] = -1;
                continue;
            }
            double[] a = own.nodeMoments(j);
            System.arraycopy(a, 0, shared, fill, a.length);
            mo[j] = shared;
            at[j] = fill;
            fill += a.length + 7;
        }
        NodeStats packed = new NodeStats(D, own.counts(), mo, at, own.xty(), own.yty(), null);
        double[] b = {0.3, -1, 2, 0.5, 1.5};
        for (int j = 0; j < m; j++) {
            assertEquals(own.holdsRows(j), packed.holdsRows(j));
            assertArrayEquals(own.nodeMoments(j), packed.nodeMoments(j));
            assertArrayEquals(own.gram(j), packed.gram(j));
            assertEquals(own.quadForm(j, b, 0), packed.quadForm(j, b, 0));
            for (int i = 0; i < D; i++) assertEquals(own.gramDiagonal(j, i), packed.gramDiagonal(j, i));
            double[] x = new double[D * D];
            double[] y = new double[D * D];
            own.addUpperTo(j, 0.5, x, 0);
            packed.addUpperTo(j, 0.5, y, 0);
            assertArrayEquals(x, y);
        }
        assertEquals(own.momentCount(), packed.momentCount());
        assertArrayEquals(own.totalGram(), packed.totalGram());
        NodeStats a = own.subset(new int[] {3, 9, 3});
        NodeStats p = packed.subset(new int[] {3, 9, 3});
        for (int j = 0; j < 3; j++) assertArrayEquals(a.gram(j), p.gram(j));
        double[] c = {2, 0.5, 4, 1, 0.25};
        assertArrayEquals(own.rescaled(c, 3).gram(), packed.rescaled(c, 3).gram());
        int[] past = shiftedPast(at, shared.length);
        assertThrows(IllegalArgumentException.class,
                () -> new NodeStats(D, own.counts(), mo, past, own.xty(), own.yty(), null));
    }

    /** at with the last row node's start moved to the end of its array (its numbers then do not fit). */
    private static int[] shiftedPast(int[] at, int length) {
        int[] out = at.clone();
        for (int j = out.length - 1; j >= 0; j--) {
            if (out[j] > 0) {
                out[j] = length - 1;
                break;
            }
        }
        return out;
    }

    /** Group sums of G_j (rows across nodes for some, G_j for others): the per-node sums, the skipped group and lower triangles untouched. */
    @Test
    void groupGramsAreTheSumsOfTheirNodes() {
        NodeStats[] f = bothForms(new SplittableRandom(9));
        int k = 3;
        int dd = D * D;
        int[] labels = new int[f[0].nodes()];
        for (int j = 0; j < labels.length; j++) labels[j] = (j * 7) % k;
        double[] got = new double[k * dd];
        java.util.Arrays.fill(got, 5.0);
        f[0].addGroupGramsUpper(labels, k, 1, got);
        double[] want = new double[k * dd];
        java.util.Arrays.fill(want, 5.0);
        for (int j = 0; j < labels.length; j++) {
            if (labels[j] == 1) continue;
            double[] g = f[1].gram(j);
            for (int r = 0; r < D; r++) {
                for (int c = r; c < D; c++) want[labels[j] * dd + r * D + c] += g[r * D + c];
            }
        }
        assertArrayEquals(want, got, 1e-12);
    }

    /** Per node its rows and responses below d rows, G_j from d rows on. */
    @Test
    void eachNodeHoldsTheSmallerForm() {
        NodeStats mixed = bothForms(new SplittableRandom(1))[0];
        long want = 0;
        for (int j = 0; j < mixed.nodes(); j++) want += j < D ? (long) j * (D + 1) : (long) D * D;
        assertEquals(want, mixed.momentCount());
    }

    @Test
    void refusesMomentsOfTheWrongSize() {
        double[][] bad = {new double[3 * D]};
        assertThrows(IllegalArgumentException.class,
                () -> new NodeStats(D, new double[] {3}, bad, new double[D], new double[1], null));
    }
}
