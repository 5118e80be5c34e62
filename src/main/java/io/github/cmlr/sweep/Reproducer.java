package io.github.cmlr.sweep;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.cmlr.backend.Backend;
import io.github.cmlr.util.AtomicFiles;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code cmlr reproduce}: the paper's experiments as built-in sweeps into one directory (each
 * resumable like any sweep), their summaries and plots, the population-EM contraction table, and
 * a Markdown report (report.md, with the same numbers in report.json).
 */
public final class Reproducer {
    /** What a reproduction produced. */
    public record Result(Path report, Path json, Findings findings) {}

    private final String backendChoice;
    private final int threads;
    private final PrintStream err;
    private final boolean terminal;

    public Reproducer(String backendChoice, int threads, PrintStream err, boolean terminal) {
        this.backendChoice = backendChoice;
        this.threads = threads;
        this.err = err;
        this.terminal = terminal;
    }

    public Result run(Scale scale, Path dir) {
        try (BackendPool pool = new BackendPool(threads)) {
            Backend backend = pool.get(backendChoice);
            SweepRunner runner = new SweepRunner(backendChoice, pool, err, terminal);
            long start = System.nanoTime();
            ReportWriter report = new ReportWriter();
            List<ExperimentResult> results = new java.util.ArrayList<>();
            for (String name : Scale.EXPERIMENTS) {
                err.println("reproduce: experiment " + name);
                SweepSpec spec = scale.sweep(name);
                Path sub = dir.resolve(name);
                runner.run(spec, sub, -1, 1);
                Summarizer.Summary s = Summarizer.summarize(sub, sub);
                results.add(new ExperimentResult(name, spec, s.records(), s.points(), s.plots()));
            }
            err.println("reproduce: contraction of population EM");
            List<Contraction.Row> rows = Contraction.measure(scale.contraction(), backend);
            writeContraction(dir.resolve("contraction.csv"), rows);
            double wall = (System.nanoTime() - start) / 1e9;
            report.header(scale.id(), backend.description(), wall, results.get(0).spec().stopping().target().c());
            report.sanity(results.get(0));
            report.scalingNFixed(results.get(1));
            report.scalingMnFixed(results.get(2));
            report.robustness(results.get(3));
            report.contraction(scale.contraction(), rows);
            Path md = dir.resolve("report.md");
            AtomicFiles.write(md, out -> out.write(report.markdown().getBytes(StandardCharsets.UTF_8)));
            Path json = dir.resolve("report.json");
            JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
            AtomicFiles.write(json, out -> mapper.writeValue(out, report.findings().toJson(mapper)));
            return new Result(md, json, report.findings());
        }
    }

    private static void writeContraction(Path file, List<Contraction.Row> rows) {
        AtomicFiles.write(file, out -> {
            PrintWriter w = new PrintWriter(out, false, StandardCharsets.UTF_8);
            w.println("n,radius,ratio_to_theta_star,ratio_to_fixed_point,fixed_point_error");
            for (Contraction.Row r : rows) {
                w.println(r.n() + "," + Summarizer.num(r.radius()) + "," + Summarizer.num(r.ratioToThetaStar()) + ","
                        + Summarizer.num(r.ratioToFixedPoint()) + "," + Summarizer.num(r.fixedPointError()));
            }
            w.flush();
        });
    }
}
