package io.github.cmlr.api;

import io.github.cmlr.em.Concomitant;
import io.github.cmlr.em.FitResult;
import io.github.cmlr.em.inference.StandardErrors;
import io.github.cmlr.model.Dataset;

/** Attaches a concomitant model's design to the data read, and collects its fit. */
final class ConcomitantData {
    private ConcomitantData() {}

    /**
     * The data with the concomitant design built from the kept per-node values; the kept columns
     * go back to the {@code asked} ones the user wanted carried through.
     */
    static FitData of(FitData data, ModelSpec spec, int asked) {
        DataSummary s = data.summary();
        ConcomitantDesign.Built built = ConcomitantDesign.fit(spec.concomitant(), s.kept(), s);
        Concomitant units = spec.grouped() ? built.model() : perRow(built.model(), data.rows());
        DataSummary stripped = new DataSummary(s.source(), s.rows(), s.bytes(), s.nodeColumn(), s.responseColumn(),
                s.coefficients(), s.intercept(), s.header(), s.nodeIds(), s.nodeRows(), s.nodeFirstLines(), s.labels(),
                s.readNanos(), s.formula(), s.levels(), s.droppedRows(), s.droppedByColumn(),
                s.kept() == null ? null : s.kept().first(asked), s.separator(), s.fixed(), s.sharedColumns(), s.notes());
        return new FitData(data.stats(), data.rows(), stripped, data.statsNanos(), data.scaling(),
                new ConcomitantDesign.Built(built.design(), units));
    }

    /** Standard EM's units are rows: each row takes its node's z. */
    private static Concomitant perRow(Concomitant nodes, Dataset rows) {
        int q = nodes.terms();
        int[] off = rows.offsets();
        double[] z = new double[off[off.length - 1] * q];
        for (int j = 0; j + 1 < off.length; j++) {
            for (int i = off[j]; i < off[j + 1]; i++) {
                for (int t = 0; t < q; t++) z[i * q + t] = nodes.z(j, t);
            }
        }
        return new Concomitant(z, nodes.names());
    }

    /** The chosen fit's concomitant coefficients with their errors, or null without a concomitant model. */
    static ConcomitantFit fit(FitData data, FitResult best, StandardErrors errors) {
        if (data.concomitant() == null || best.concomitant() == null) return null;
        ConcomitantDesign d = data.concomitant().design();
        int k = best.params().components();
        return new ConcomitantFit(d.formula().text(), d.names(), d.columns().levels(), best.concomitant(),
                ConcomitantFit.standardErrors(errors, k, d.names().size()));
    }
}
