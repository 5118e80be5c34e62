package io.github.cmlr.cli;

import io.github.cmlr.api.Cmlr;
import io.github.cmlr.predict.FittedModel;
import io.github.cmlr.predict.PredictionCsv;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import io.github.cmlr.util.OutputFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import io.github.cmlr.data.CsvOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cmlr predict --model report.json --data new.csv --out predictions.csv}. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Posterior membership and predictions for new data from a fitted grouped model.",
            "Writes one CSV line per input row: node,row,<--keep-cols>,component,p1..pK,yhat,yhat1..yhatK",
            "(row: the data row of the input; pk: the node's posterior, the same on all its rows; yhat: the mixture mean;",
            "components 1-based). A formula model reads the data through its formula and factor levels.",
            "Without the response column in the data the posteriors are the fitted weights."})
public final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "FILE",
            description = "The JSON report written by 'fit' (its \"model\" object).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "New data (.csv or .csv.gz) with the model's node and feature columns; the response is optional.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Predictions CSV (written atomically).")
    Path out;

    @Mixin ReadOptions read = new ReadOptions();

    @Override
    public Integer call() {
        OutputFiles.check().input("--model", model).input("--data", data).output("--out", out).requireDistinct();
        FittedModel m = Cmlr.readModel(model);
        Cmlr.Prediction p;
        try {
            p = Cmlr.predict(m, data, read.apply(CsvOptions.defaults()));
        } catch (CmlrException e) {
            if (e.exitCode() != ExitCode.SPEC) throw e; // the data's own errors name the data file already
            throw new CmlrException(e.exitCode(), "model file " + model + " on " + data + ": " + e.getMessage(), e);
        }
        PredictionCsv.write(out, p.data(), p.predictions());
        return 0;
    }
}
