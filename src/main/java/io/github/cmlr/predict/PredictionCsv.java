package io.github.cmlr.predict;

import io.github.cmlr.util.AtomicFiles;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads new data for {@code predict} (.csv or .csv.gz, a header naming the model's node column
 * and features; the response column is optional; rows of a node need not be contiguous) and
 * writes the predictions, one line per input row, atomically.
 */
public final class PredictionCsv {
    private PredictionCsv() {}

    public static NewData read(Path file, FittedModel model) {
        try (BufferedReader in = open(file)) {
            String header = in.readLine();
            if (header == null || header.isBlank()) throw fail(file, 1, "the file is empty");
            String[] cols = header.split(",", -1);
            int nodeCol = column(cols, model.nodeColumn(), file, true);
            int yCol = column(cols, model.response(), file, false);
            int[] featCols = new int[model.features().size()];
            for (int i = 0; i < featCols.length; i++) featCols[i] = column(cols, model.features().get(i), file, true);
            return readRows(in, file, cols, nodeCol, yCol, featCols, model.intercept());
        } catch (NoSuchFileException e) {
            throw new CmlrException(ExitCode.IO, "input file " + file + " does not exist");
        } catch (IOException e) {
            throw new CmlrException(ExitCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static NewData readRows(BufferedReader in, Path file, String[] cols, int nodeCol, int yCol, int[] featCols,
                                    boolean intercept) throws IOException {
        int d = featCols.length + (intercept ? 1 : 0);
        Map<String, Integer> nodeIndex = new HashMap<>();
        List<String> ids = new ArrayList<>();
        List<Integer> rowNode = new ArrayList<>();
        DoubleList x = new DoubleList();
        DoubleList y = new DoubleList();
        int line = 1;
        for (String s = in.readLine(); s != null; s = in.readLine()) {
            line++;
            if (s.isEmpty()) continue;
            String[] f = s.split(",", -1);
            if (f.length != cols.length) throw fail(file, line, "has " + f.length + " fields, the header has " + cols.length);
            rowNode.add(nodeIndex.computeIfAbsent(f[nodeCol], id -> {
                ids.add(id);
                return ids.size() - 1;
            }));
            if (intercept) x.add(1.0);
            for (int c : featCols) x.add(number(f[c], file, line, cols[c]));
            if (yCol >= 0) y.add(number(f[yCol], file, line, cols[yCol]));
        }
        if (rowNode.isEmpty()) throw fail(file, line, "has a header but no data rows");
        int[] rn = rowNode.stream().mapToInt(Integer::intValue).toArray();
        return new NewData(List.copyOf(ids), rn, d, x.toArray(), yCol >= 0 ? y.toArray() : null);
    }

    /**
     * One line per input row: {@code node,row,component,p_1..p_K,yhat,yhat_1..yhat_K}; row is the
     * 1-based data row of the input, component the most likely one (1-based), p_k the node's
     * posterior, yhat the mixture mean and yhat_k the prediction of component k.
     */
    public static void write(Path out, NewData data, Predictions pred) {
        int kk = pred.components();
        AtomicFiles.write(out, os -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8));
            StringBuilder h = new StringBuilder("node,row,component");
            for (int k = 1; k <= kk; k++) h.append(",p_").append(k);
            h.append(",yhat");
            for (int k = 1; k <= kk; k++) h.append(",yhat_").append(k);
            w.write(h.append('\n').toString());
            for (int r = 0; r < data.rows(); r++) {
                int j = data.rowNode()[r];
                StringBuilder b = new StringBuilder(data.nodeIds().get(j)).append(',').append(r + 1).append(',')
                        .append(pred.component()[j] + 1);
                for (int k = 0; k < kk; k++) b.append(',').append(pred.posterior()[j * kk + k]);
                b.append(',').append(pred.mean()[r]);
                for (int k = 0; k < kk; k++) b.append(',').append(pred.perComponent()[r * kk + k]);
                w.write(b.append('\n').toString());
            }
            w.flush();
        });
    }

    private static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) in = new GZIPInputStream(in, 1 << 16);
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    private static int column(String[] cols, String name, Path file, boolean required) {
        int found = -1;
        for (int i = 0; i < cols.length; i++) {
            if (cols[i].trim().equals(name)) {
                if (found >= 0) throw fail(file, 1, "column '" + name + "' appears twice (columns " + (found + 1) + " and " + (i + 1) + ")");
                found = i;
            }
        }
        if (found < 0 && required) throw fail(file, 1, "has no column '" + name + "' that the model needs");
        return found;
    }

    private static double number(String cell, Path file, int line, String col) {
        double v;
        try {
            v = Double.parseDouble(cell.trim());
        } catch (NumberFormatException e) {
            throw fail(file, line, "column '" + col + "': '" + cell + "' is not a number");
        }
        if (!Double.isFinite(v)) throw fail(file, line, "column '" + col + "': " + cell + " is not finite");
        return v;
    }

    private static CmlrException fail(Path file, int line, String what) {
        return new CmlrException(ExitCode.DATA_FORMAT, file + ":" + line + ": " + what);
    }

    /** A growable double array. */
    private static final class DoubleList {
        private double[] a = new double[1024];
        private int n;

        void add(double v) {
            if (n == a.length) a = java.util.Arrays.copyOf(a, a.length * 2);
            a[n++] = v;
        }

        double[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
