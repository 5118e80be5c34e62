package io.github.cmlr.predict;

import io.github.cmlr.data.CsvOptions;
import io.github.cmlr.data.CsvReader;
import io.github.cmlr.util.AtomicFiles;
import io.github.cmlr.util.Progress;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads new data for {@code predict} with the project's CSV reader (.csv or .csv.gz, a header
 * naming the model's node column and features; the response column is optional; rows of a node
 * need not be contiguous) and writes the predictions, one line per input row, atomically.
 */
public final class PredictionCsv {
    private PredictionCsv() {}

    public static NewData read(Path file, FittedModel model) {
        CsvOptions options = new CsvOptions(model.nodeColumn(), model.response(), model.features(), null,
                model.intercept()).forFittedModel();
        CsvReader.RowsResult r = CsvReader.readRows(file, options, Progress.none());
        return new NewData(List.of(r.info().nodes().ids()), r.rowNode(), r.info().columns().dim(), r.x(), r.y());
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
}
