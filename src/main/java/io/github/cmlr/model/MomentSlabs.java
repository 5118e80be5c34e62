package io.github.cmlr.model;

/**
 * Places the moments of nodes that keep their rows (X_j then y_j, n_j (d + 1) numbers each) one
 * after another in a few large arrays, for {@link NodeStats}: sized from the total announced up
 * front, so small data gets one array of its own size, and a node never spans two arrays.
 * Placement depends on the order and sizes of the nodes alone.
 */
public final class MomentSlabs {
    /**
     * The largest array made, unless one node needs more (doubles): 8 MB, above G1's humongous
     * threshold for regions up to 16 MB (allocated outside the young generation) and small enough
     * to fit the heap's free regions; arrays of hundreds of MB made G1 grow the heap by as much
     * in sweeps of many datasets.
     */
    static final int MAX_SLAB = 1 << 20;

    private long remaining;
    private double[] slab;
    private int fill;

    /** @param total the numbers of all the nodes to be placed */
    public MomentSlabs(long total) {
        this.remaining = total;
    }

    /** The numbers one node of n rows and d features keeps. */
    public static long size(double n, int d) {
        return (long) n * (d + 1);
    }

    /** Places the next node's {@code len} numbers; returns where they start in {@link #array()}. */
    public int place(int len) {
        if (slab == null || fill + len > slab.length) {
            slab = new double[(int) Math.max(len, Math.min(MAX_SLAB, remaining))];
            fill = 0;
        }
        int start = fill;
        fill += len;
        remaining -= len;
        return start;
    }

    /** The array of the node placed last. */
    public double[] array() {
        return slab;
    }
}
