package io.github.cmlr.data;

import java.util.List;

/**
 * What reading a CSV file found.
 *
 * @param file      the path as given
 * @param rows      data rows read (blank lines not counted)
 * @param bytes     bytes read from disk (compressed size for gzip files)
 * @param columns   the column roles
 * @param nodes     node ids, first lines and row counts, in order of first appearance
 * @param nanos     wall time of the pass
 * @param separator the field separator (given or detected)
 * @param missing   rows dropped for a missing cell of a used column
 * @param kept      the values of the columns carried through (--keep-cols)
 */
public record CsvInfo(String file, long rows, long bytes, CsvColumns columns, NodeIndex nodes, long nanos, char separator,
                      MissingCells missing, KeptColumns kept) {

    public int nodeCount() { return nodes.size(); }

    public List<String> featureNames() { return columns.featureNames(); }

    /** Megabytes per second read from disk. */
    public double megabytesPerSecond() {
        return nanos == 0 ? Double.NaN : bytes / 1e6 / (nanos / 1e9);
    }

    public double rowsPerSecond() {
        return nanos == 0 ? Double.NaN : rows / (nanos / 1e9);
    }
}
