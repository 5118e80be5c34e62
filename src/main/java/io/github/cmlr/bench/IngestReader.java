package io.github.cmlr.bench;

import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.predict.FittedModel;
import io.github.cmlr.predict.NewData;
import io.github.cmlr.predict.PredictionCsv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The reader stage (d) times. Until the fit command's streaming CSV reader lands, this is the
 * predict command's reader (String.split + Double.parseDouble), a fair lower bound.
 */
final class IngestReader {
    static final String DESCRIPTION = "predict's CSV reader (split + parseDouble)";

    private IngestReader() {}

    /** Reads {@code node,y,x1..xd}; returns the number of rows. */
    static int read(Path file, int d) {
        List<String> features = new ArrayList<>();
        for (int i = 1; i <= d; i++) features.add("x" + i);
        MixtureParams p = new MixtureParams(d, new double[d], new double[] {1.0}, new double[] {1.0});
        NewData data = PredictionCsv.read(file, new FittedModel("node", "y", features, false, p));
        return data.rows();
    }
}
