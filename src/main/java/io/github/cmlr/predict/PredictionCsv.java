package io.github.cmlr.predict;

import io.github.cmlr.data.CsvOptions;
import io.github.cmlr.data.CsvReader;
import io.github.cmlr.data.CsvWriter;
import io.github.cmlr.data.formula.Formula;
import io.github.cmlr.data.formula.FormulaException;
import io.github.cmlr.util.AtomicFiles;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
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
        return read(file, model, CsvOptions.defaults());
    }

    /** With the separator, missing-cell policy and kept columns of {@code reading}. */
    public static NewData read(Path file, FittedModel model, CsvOptions reading) {
        List<String> keep = reading.keepColumns();
        if (model.concomitant() != null) keep = NewConcomitant.withColumns(keep, model.concomitant());
        CsvOptions options = new CsvOptions(model.nodeColumn(), model.response(), model.features(), null, model.intercept())
                .withSeparator(reading.separator()).withMissing(reading.missing()).withKeepColumns(keep);
        if (model.formula() != null) options = options.withFormula(formula(model)).withLevels(model.levels());
        CsvReader.RowsResult r = CsvReader.readRows(file, options.forFittedModel(), Progress.none());
        List<String> nodes = List.of(r.info().nodes().ids());
        if (model.concomitant() == null) {
            return new NewData(nodes, r.rowNode(), r.info().columns().dim(), r.x(), r.y(), r.info().kept());
        }
        double[] z = NewConcomitant.rows(model.concomitant(), r.info().kept(), r.rowNode(), r.info().nodes(), file.toString());
        return new NewData(nodes, r.rowNode(), r.info().columns().dim(), r.x(), r.y(),
                r.info().kept().first(reading.keepColumns().size()), z);
    }

    /** The model's formula with its shared terms, if any; a model file whose formula does not parse names the field. */
    private static Formula formula(FittedModel model) {
        try {
            Formula f = Formula.parse(model.formula());
            return model.fixed() == null ? f : f.withFixed(model.fixed());
        } catch (FormulaException e) {
            throw new CmlrException(ExitCode.SPEC, "model: input.formula / input.fixed: " + e.getMessage(), e);
        }
    }

    /**
     * One line per input row: {@code node,row,<kept columns>,component,p1..pK,yhat,yhat1..yhatK};
     * row is the 1-based data row of the input file, component the most likely one (1-based), pk
     * the node's posterior (named as fit's posteriors), yhat the mixture mean and yhatk the
     * prediction of component k.
     */
    public static void write(Path out, NewData data, Predictions pred) {
        int kk = pred.components();
        AtomicFiles.write(out, os -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8));
            StringBuilder h = new StringBuilder("node,row");
            List<String> keep = data.kept() == null ? List.of() : data.kept().names();
            for (String c : keep) h.append(',').append(CsvWriter.quoteIfNeeded(c));
            h.append(",component");
            for (int k = 1; k <= kk; k++) h.append(",p").append(k);
            h.append(",yhat");
            for (int k = 1; k <= kk; k++) h.append(",yhat").append(k);
            w.write(h.append('\n').toString());
            for (int r = 0; r < data.rows(); r++) {
                int j = data.rowNode()[r];
                StringBuilder b = new StringBuilder(CsvWriter.quoteIfNeeded(data.nodeIds().get(j))).append(',').append(data.fileRow(r));
                for (int c = 0; c < keep.size(); c++) b.append(',').append(CsvWriter.quoteIfNeeded(data.kept().value(r, c)));
                b.append(',').append(pred.component()[j] + 1);
                for (int k = 0; k < kk; k++) b.append(',').append(pred.posterior()[j * kk + k]);
                b.append(',').append(pred.mean()[r]);
                for (int k = 0; k < kk; k++) b.append(',').append(pred.perComponent()[r * kk + k]);
                w.write(b.append('\n').toString());
            }
            w.flush();
        });
    }
}
