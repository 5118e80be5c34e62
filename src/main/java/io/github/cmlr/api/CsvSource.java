package io.github.cmlr.api;

import io.github.cmlr.backend.Backend;
import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.data.CsvColumns;
import io.github.cmlr.data.CsvInfo;
import io.github.cmlr.data.CsvOptions;
import io.github.cmlr.data.CsvReader;
import io.github.cmlr.data.NodeIndex;
import io.github.cmlr.util.Progress;
import java.nio.file.Path;

/** A CSV file: grouped fits stream it once into per-node statistics; standard fits load its rows. */
record CsvSource(Path file, CsvOptions columns) implements DataSource {

    @Override
    public DataSource withFixed(String fixed) {
        if (columns.formula() == null) throw new InvalidModelException(InvalidModelException.Reason.FIXED_NEEDS_FORMULA, file);
        try {
            return new CsvSource(file, columns.withFormula(columns.formula().withFixed(fixed)));
        } catch (io.github.cmlr.data.formula.FormulaException e) {
            throw new InvalidModelException(InvalidModelException.Reason.FIXED_SYNTAX, e.getMessage());
        }
    }

    @Override
    public FitData load(boolean keepRows, String labelsColumn, Backend backend, Progress progress) {
        CsvOptions o = labelsColumn == null ? columns : columns.withLabelColumn(labelsColumn);
        // values whose squares would overflow or underflow are rescaled while read (exactly, by powers of two)
        if (!keepRows) {
            CsvReader.StatsResult r = CsvReader.readNodeStats(file, o, progress, readThreads(backend), true);
            return new FitData(r.stats(), null, summary(r.info()), 0, r.scaling());
        }
        CsvReader.DatasetResult r = CsvReader.readDataset(file, o, progress, true);
        long t0 = System.nanoTime();
        return new FitData(backend.nodeStats(r.dataset()), r.dataset(), summary(r.info()), System.nanoTime() - t0, r.scaling());
    }

    /** The same file, also keeping {@code extra} columns per node (those not kept already). */
    CsvSource keeping(java.util.List<String> extra) {
        java.util.List<String> all = new java.util.ArrayList<>(columns.keepColumns());
        for (String c : extra) if (!all.contains(c)) all.add(c);
        return new CsvSource(file, columns.withKeepColumns(all));
    }

    /** Threads that parse the file: the CPU backend's, else every core (the statistics do not depend on it). */
    private static int readThreads(Backend backend) {
        return backend instanceof CpuBackend cpu ? cpu.threads() : Runtime.getRuntime().availableProcessors();
    }

    private DataSummary summary(CsvInfo info) {
        boolean intercept = columns.intercept();
        CsvColumns c = info.columns();
        NodeIndex nodes = info.nodes();
        long[] rows = new long[nodes.size()];
        long[] lines = new long[nodes.size()];
        for (int j = 0; j < rows.length; j++) {
            rows[j] = nodes.rows(j);
            lines[j] = nodes.firstLine(j);
        }
        var design = c.design();
        String nodeColumn = c.node() < 0 ? null : c.header().get(c.node());
        String response = design != null ? design.formula().response().deparse() : c.header().get(c.response());
        var missing = info.missing();
        return new DataSummary(info.file(), info.rows(), info.bytes(), nodeColumn, response,
                info.featureNames(), intercept, c.header(), java.util.List.of(nodes.ids()), rows, lines, nodes.labels(c.hasLabels()),
                info.nanos(), design == null ? null : design.formula().text(), design == null ? null : design.levels(),
                missing.rows(), missing.byColumn(), info.kept(), info.separator(),
                design == null ? null : design.formula().fixed(), design == null ? 0 : design.sharedColumns(), c.notes());
    }
}
