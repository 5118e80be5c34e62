package io.github.cmlr.api;

import io.github.cmlr.backend.Backend;
import io.github.cmlr.data.CsvOptions;
import io.github.cmlr.predict.FittedConcomitant;
import io.github.cmlr.predict.FittedModel;
import io.github.cmlr.predict.NewData;
import io.github.cmlr.predict.PredictionCsv;
import io.github.cmlr.predict.Predictions;
import io.github.cmlr.predict.Predictor;
import io.github.cmlr.util.Parallel;
import io.github.cmlr.util.Progress;
import java.nio.file.Path;

/**
 * The entry point of the Java API: fit a described model to grouped data on a backend, and
 * predict for new data from a fitted model.
 *
 * <pre>{@code
 * try (Backend cpu = Backends.open("cpu", 2)) {
 *     ModelFit fit = Cmlr.fit(DataSource.csv(Path.of("data.csv")), ModelSpec.mixture(2), cpu);
 *     System.out.println(fit.estimates());
 * }
 * }</pre>
 */
public final class Cmlr {
    private Cmlr() {}

    /** Fits {@code spec} to the data on {@code backend} (not closed here). */
    public static ModelFit fit(DataSource data, ModelSpec spec, Backend backend) {
        return fit(data, spec, backend, Progress.none());
    }

    /** As {@link #fit(DataSource, ModelSpec, Backend)}, reporting reading and EM progress. */
    public static ModelFit fit(DataSource data, ModelSpec spec, Backend backend, Progress progress) {
        return FitPipeline.run(data, spec, backend, progress);
    }

    /** Fits on the CPU with every core. */
    public static ModelFit fit(DataSource data, ModelSpec spec) {
        try (Backend cpu = Backends.open("cpu", Parallel.defaultThreads())) {
            return fit(data, spec, cpu);
        }
    }

    /** A grouped mixture as {@code predict} uses it, from a fit's estimates and column names. */
    public static FittedModel fittedModel(ModelFit fit) {
        FittedModel m = columnsModel(fit);
        ConcomitantFit c = fit.concomitant();
        return c == null ? m : m.withConcomitant(new FittedConcomitant(c.formula(), c.terms(), c.levels(), c.coefficients()));
    }

    private static FittedModel columnsModel(ModelFit fit) {
        DataSummary d = fit.data();
        if (d.formula() != null) {
            return new FittedModel(d.nodeColumn(), d.responseColumn(), d.coefficients(), false, fit.estimates(), d.formula(), d.levels(),
                    d.fixed());
        }
        var features = d.intercept() ? d.coefficients().subList(1, d.dim()) : d.coefficients();
        return new FittedModel(d.nodeColumn(), d.responseColumn(), features, d.intercept(), fit.estimates());
    }

    /** Reads a model: the report of {@code cmlr fit} or a compact model file. */
    public static FittedModel readModel(Path file) {
        return FittedModel.read(file);
    }

    /** Posterior membership and predictions for new data (CSV) with the model's columns. */
    public static Prediction predict(FittedModel model, Path data) {
        return predict(model, data, CsvOptions.defaults());
    }

    /**
     * As {@link #predict(FittedModel, Path)}, reading the file with {@code reading}'s separator,
     * missing-cell policy and kept columns (its column roles are the model's).
     */
    public static Prediction predict(FittedModel model, Path data, CsvOptions reading) {
        NewData d = PredictionCsv.read(data, model, reading);
        return new Prediction(d, Predictor.predict(model, d));
    }

    /** New data and what the model predicts for it. */
    public record Prediction(NewData data, Predictions predictions) {}
}
