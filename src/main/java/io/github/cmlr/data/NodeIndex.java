package io.github.cmlr.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers nodes in order of first appearance and remembers, per node, its identifier, the line
 * where it first appears, its row count and (optionally) its true label. The last node seen is
 * cached as bytes, so contiguous rows of one node cost a byte comparison, not a map lookup.
 */
public final class NodeIndex {
    private final Map<String, Integer> byId = new HashMap<>();
    private final List<String> ids = new ArrayList<>();
    private long[] firstLines = new long[1024];
    private long[] rowCounts = new long[1024];
    private int[] labels = new int[1024];
    private byte[] lastBytes = new byte[0];
    private int lastIndex = -1;

    /** Index of the node in field i of the tokenizer's record, adding it when new. */
    int indexOf(CsvTokenizer tok, int field, long line) {
        if (lastIndex >= 0 && tok.fieldEquals(field, lastBytes)) {
            rowCounts[lastIndex]++;
            return lastIndex;
        }
        return lookUp(tok.text(field), tok.buffer(), tok.start(field), tok.end(field), line);
    }

    /** Index of the node whose id is the UTF-8 bytes {@code b[from, to)} (no quotes), adding it when new. */
    int indexOf(byte[] b, int from, int to, long line) {
        if (lastIndex >= 0 && Arrays.equals(b, from, to, lastBytes, 0, lastBytes.length)) {
            rowCounts[lastIndex]++;
            return lastIndex;
        }
        return lookUp(new String(b, from, to - from, StandardCharsets.UTF_8), b, from, to, line);
    }

    /** The node {@code id} with one more row, remembered as the last one seen (its cell's bytes b[from, to)). */
    private int lookUp(String id, byte[] b, int from, int to, long line) {
        Integer known = byId.get(id);
        int index = known != null ? known : add(id, line);
        rowCounts[index]++;
        lastIndex = index;
        lastBytes = Arrays.copyOfRange(b, from, to);
        return index;
    }

    /** Index of the node with this id (first seen on this line when new); counts no row. */
    int indexOfId(String id, long line) {
        Integer known = byId.get(id);
        return known != null ? known : add(id, line);
    }

    /** Counts one more row of the node. */
    void countRow(int node) {
        rowCounts[node]++;
    }

    /** Index of the node named {@code id} with one more row counted (ids not taken from a cell). */
    int indexOfRowId(String id, long line) {
        int index = indexOfId(id, line);
        countRow(index);
        lastIndex = -1;
        return index;
    }

    private int add(String id, long line) {
        int index = ids.size();
        ids.add(id);
        byId.put(id, index);
        if (index == firstLines.length) {
            int cap = index + (index >> 1);
            firstLines = Arrays.copyOf(firstLines, cap);
            rowCounts = Arrays.copyOf(rowCounts, cap);
            labels = Arrays.copyOf(labels, cap);
        }
        firstLines[index] = line;
        labels[index] = -1;
        return index;
    }

    /** Records node j's label; returns the label it already had when that differs, else -1. */
    int setLabel(int node, int label) {
        int old = labels[node];
        if (old >= 0 && old != label) return old;
        labels[node] = label;
        return -1;
    }

    public int size() { return ids.size(); }

    public String id(int node) { return ids.get(node); }

    public String[] ids() { return ids.toArray(new String[0]); }

    /** 1-based line of the node's first row. */
    public long firstLine(int node) { return firstLines[node]; }

    public long rows(int node) { return rowCounts[node]; }

    /** Node j's label, or -1 when none was read. */
    int label(int node) { return labels[node]; }

    /** Per-node labels (copy), or null when none was read. */
    public int[] labels(boolean present) {
        return present ? Arrays.copyOf(labels, ids.size()) : null;
    }
}
