package io.github.cmlr.data;

import java.util.Arrays;

/**
 * The kept rows of the nodes that still keep them (fewer than d rows), in a few large arrays
 * instead of one small array per node. Arrays this large are allocated outside the young
 * generation, so a garbage collection during a read does not copy the rows again and again (with
 * one array per node, each young collection copied every row read so far). Each node has one
 * block of rows; a block that must grow moves to a new place, and a node that stops keeping rows
 * releases its block. When more than half of the slabs is released space, the live blocks are
 * copied into fresh slabs, so memory stays within about twice the live rows.
 */
final class RowArena {
    /** Doubles per slab (8 MB): above G1's humongous threshold for regions up to 16 MB. */
    static final int SLAB = 1 << 20;

    private final int d;
    private double[][] slabs = new double[4][];
    private int slabCount;
    private int fill;
    private long handedOut;
    private long live;
    /** Per node: its slab, its offset there and its capacity in rows (0: no block). */
    private int[] slabOf = new int[64];
    private int[] offsetOf = new int[64];
    private int[] capacity = new int[64];

    RowArena(int dim) {
        this.d = dim;
    }

    /** Doubles in the slabs held now (tests check that released space is given back). */
    long allocated() {
        long n = 0;
        for (int s = 0; s < slabCount; s++) n += slabs[s].length;
        return n;
    }

    /** Rows node j's block holds (0 when it has none). */
    int capacity(int j) { return j < capacity.length ? capacity[j] : 0; }

    /** The array that holds node j's rows; row i starts at {@link #offset(int)} + i d. */
    double[] slab(int j) { return slabs[slabOf[j]]; }

    int offset(int j) { return offsetOf[j]; }

    /** Gives node j a block of {@code rows} rows holding its first {@code keep} rows (moved when it had a block). */
    void resize(int j, int rows, int keep) {
        if (j >= capacity.length) growNodes(j + 1);
        int need = rows * d;
        if (slabCount == 0 || fill + need > slabs[slabCount - 1].length) newSlab(need);
        double[] to = slabs[slabCount - 1];
        if (capacity[j] > 0) {
            System.arraycopy(slabs[slabOf[j]], offsetOf[j], to, fill, keep * d);
            live -= (long) capacity[j] * d;
        }
        slabOf[j] = slabCount - 1;
        offsetOf[j] = fill;
        capacity[j] = rows;
        fill += need;
        handedOut += need;
        live += need;
    }

    /** Node j's block is no longer needed. */
    void release(int j) {
        live -= (long) capacity[j] * d;
        capacity[j] = 0;
    }

    private void newSlab(int need) {
        if (handedOut - live > live && handedOut > SLAB) {
            compact(need);
            if (fill + need <= slabs[slabCount - 1].length) return;
        }
        if (slabCount == slabs.length) slabs = Arrays.copyOf(slabs, slabCount * 2);
        slabs[slabCount++] = new double[Math.max(SLAB, need)];
        fill = 0;
    }

    /** Copies the live blocks into fresh slabs, in node order, and drops the old ones. */
    private void compact(int need) {
        double[][] old = Arrays.copyOf(slabs, slabCount);
        slabs = new double[4][];
        slabCount = 0;
        fill = 0;
        handedOut = 0;
        long total = live + need;
        live = 0;
        for (int j = 0; j < capacity.length; j++) {
            int rows = capacity[j];
            if (rows == 0) continue;
            int len = rows * d;
            if (slabCount == 0 || fill + len > slabs[slabCount - 1].length) {
                if (slabCount == slabs.length) slabs = Arrays.copyOf(slabs, slabCount * 2);
                slabs[slabCount++] = new double[(int) Math.min(Integer.MAX_VALUE - 16, Math.max(Math.max(SLAB, len), total))];
                fill = 0;
            }
            System.arraycopy(old[slabOf[j]], offsetOf[j], slabs[slabCount - 1], fill, len);
            slabOf[j] = slabCount - 1;
            offsetOf[j] = fill;
            fill += len;
            handedOut += len;
            live += len;
        }
    }

    private void growNodes(int needed) {
        int cap = Math.max(needed, capacity.length + (capacity.length >> 1));
        slabOf = Arrays.copyOf(slabOf, cap);
        offsetOf = Arrays.copyOf(offsetOf, cap);
        capacity = Arrays.copyOf(capacity, cap);
    }
}
