package io.github.cmlr.data;

/** Receives parsed rows in file order. */
interface RowSink {
    /**
     * @param node 0-based node index in order of first appearance
     * @param x    holds the features (intercept first when asked for) at {@code x[xOff, xOff + d)};
     *             reused for later rows, copy what you keep
     */
    void accept(int node, double y, double[] x, int xOff);

    /**
     * A hint that {@code rows} more rows of {@code node} come soon (the chunked reader knows a
     * chunk's rows per node), so that storage can be sized once; changes no result.
     */
    default void reserve(int node, long rows) {}
}
