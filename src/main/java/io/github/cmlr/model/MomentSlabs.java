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

    /** Features per row, for {@link #placeNode}. */
    private final int dim;
    private long remaining;
    private double[] slab;
    private int fill;

    /** @param total the numbers of all the nodes to be placed */
    public MomentSlabs(long total) {
        this(total, 0);
    }

    private MomentSlabs(long total, int dim) {
        this.remaining = total;
        this.dim = dim;
    }

    /** Arrays for the nodes of {@code counts[0, nodes)} (n_j rows of d features) that keep their rows. */
    public static MomentSlabs forNodes(double[] counts, int nodes, int d) {
        long total = 0;
        for (int j = 0; j < nodes; j++) if (NodeStats.keepsRows(counts[j], d)) total += size(counts[j], d);
        return new MomentSlabs(total, d);
    }

    /**
     * Places the next node, of n rows, when it keeps them ({@link NodeStats#keepsRows}, made by
     * {@link #forNodes}): where it starts in {@link #array()}; -1, and nothing placed, for a node
     * that keeps G_j.
     */
    public int placeNode(double n) {
        return NodeStats.keepsRows(n, dim) ? place((int) size(n, dim)) : -1;
    }

    /** The numbers one node of n rows and d features keeps: X_j then y_j. */
    private static long size(double n, int d) {
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
