package io.github.cmlr.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * The Markdown report of {@code cmlr reproduce}: each of the paper's claims, then what this run
 * measured for it, with the plots. Every number also goes into {@link Findings} (report.json).
 */
public final class ReportWriter {
    private final MarkdownDoc doc = new MarkdownDoc();
    private final Findings findings = new Findings();

    public Findings findings() {
        return findings;
    }

    public String markdown() {
        return doc.text();
    }

    public void header(String scale, String backend, double wallSeconds, double targetC) {
        doc.line("# Reproducing *EM for Mixture of Linear Regression with Clustered Data* (scale `" + scale + "`)");
        doc.line("");
        doc.line("Reisizadeh, Gatmiry, Ozdaglar, AISTATS 2024. Backend: " + backend + "; cmlr " + BuildStamp.version()
                + " (commit " + BuildStamp.commit() + "); sweeps took " + MarkdownDoc.f1(wallSeconds) + " s in this invocation.");
        doc.line("");
        doc.line("Every number comes from the result lines in `<experiment>/runs.jsonl` (one JSON line per run; "
                + "`summary.csv` beside it has quartiles per grid point). The target error is c * sigma * sqrt(d/(mn)) "
                + "with c = " + MarkdownDoc.g(targetC) + "; *iterations to target* is the first EM iteration whose sign-invariant error "
                + "min(|theta - theta*|, |theta + theta*|) is at or below it. Medians are over repetitions; a run that never "
                + "reaches the target counts as max_iter + 1 where medians mix both.");
        findings.put("scale", scale);
        findings.put("backend", backend);
        findings.put("target_c", targetC);
    }

    // ---------------------------------------------------------------- experiment 1

    public void sanity(ExperimentResult e) {
        ResultRecord any = e.records().get(0);
        doc.section("1. Sanity: linear convergence from the paper's ball");
        doc.claim("Started in B(theta*, ||theta*||/14) with SNR >= 4, clustered EM (Algorithm 2) converges linearly and "
                + "reaches the statistical accuracy O(sigma sqrt(d/(mn))) in O(1) iterations; standard EM (Algorithm 1), "
                + "which ignores the node structure, needs more.");
        doc.line("**Measured** (m = " + any.m() + ", n = " + any.n() + ", d = " + any.d() + ", SNR " + MarkdownDoc.g(any.snr()) + ", "
                + e.spec().repetitions() + " repetitions, target " + MarkdownDoc.g(any.target()) + "):");
        doc.line("");
        doc.line("| algorithm | iterations to target, median [q1, q3] | reached target | final error, median | error ratio, step 1 | error ratio, step 2 |");
        doc.line("|---|---|---|---|---|---|");
        for (PointSummary p : e.points()) {
            String alg = p.algorithm();
            double ratio = "oracle".equals(alg) ? Double.NaN : Findings.stepRatio(e.records(), alg, 0);
            double ratio2 = "oracle".equals(alg) ? Double.NaN : Findings.stepRatio(e.records(), alg, 1);
            doc.line("| " + alg + " | " + MarkdownDoc.iters(p) + " | " + (p.runs() - p.failures()) + "/" + p.runs() + " | "
                    + MarkdownDoc.g(p.errorMedian()) + " | " + MarkdownDoc.g(ratio) + " | " + MarkdownDoc.g(ratio2) + " |");
            findings.put("sanity." + alg + ".iterations_median", p.itersMedian());
            findings.put("sanity." + alg + ".reached", p.runs() - p.failures());
            findings.put("sanity." + alg + ".runs", p.runs());
            findings.put("sanity." + alg + ".final_error_median", p.errorMedian());
            if (!"oracle".equals(alg)) findings.put("sanity." + alg + ".step1_error_ratio", ratio);
        }
        doc.line("");
        verdict(e.points(), "sanity");
        doc.image(e, "error_vs_iteration", "error against iteration");
    }

    private void verdict(List<PointSummary> points, String key) {
        List<PointSummary> c = Findings.of(points, "clustered");
        List<PointSummary> s = Findings.of(points, "standard");
        if (c.isEmpty() || s.isEmpty()) return;
        double ci = c.get(0).itersCensored();
        double si = s.get(0).itersCensored();
        boolean holds = ci <= 3 && si > ci;
        findings.put(key + ".claim_holds", holds);
        doc.line("Clustered EM needed a median of " + MarkdownDoc.g(ci) + " iteration(s), standard EM " + MarkdownDoc.g(si) + ": "
                + (holds ? "consistent with the claim." : "**not** what the claim predicts.") );
        doc.line("");
    }

    // ---------------------------------------------------------------- experiment 2

    public void scalingNFixed(ExperimentResult e) {
        ResultRecord any = e.records().get(0);
        doc.section("2a. Scaling with n fixed: iterations and error as m grows");
        doc.claim("With m = e^{o(n)}, clustered EM needs O(1) iterations whatever m; standard EM needs O(log(mn/d)); "
                + "the final error is O(sigma sqrt(d/(mn))), a slope of -1/2 against mn on log-log axes.");
        doc.line("**Measured** (n = " + any.n() + ", d = " + any.d() + ", SNR " + MarkdownDoc.g(any.snr()) + ", "
                + e.spec().repetitions() + " repetitions; runs continue to convergence so the final error is the converged one):");
        doc.line("");
        doc.line("| m | mn | log(mn/d) | clustered: iterations to target | standard: iterations to target | clustered error | standard error | oracle error |");
        doc.line("|---|---|---|---|---|---|---|---|");
        List<PointSummary> c = Findings.of(e.points(), "clustered");
        List<PointSummary> s = Findings.of(e.points(), "standard");
        List<PointSummary> o = Findings.of(e.points(), "oracle");
        for (int i = 0; i < c.size(); i++) {
            PointSummary p = c.get(i);
            doc.line("| " + p.first().m() + " | " + p.samples() + " | " + MarkdownDoc.f2(Math.log(p.samples() / (double) p.first().d()))
                    + " | " + MarkdownDoc.iters(p) + " | " + (i < s.size() ? MarkdownDoc.iters(s.get(i)) : "-") + " | " + MarkdownDoc.g(p.errorMedian())
                    + " | " + (i < s.size() ? MarkdownDoc.g(s.get(i).errorMedian()) : "-") + " | " + (i < o.size() ? MarkdownDoc.g(o.get(i).errorMedian()) : "-") + " |");
        }
        doc.line("");
        double cs = Findings.iterationSlope(c);
        double ss = Findings.iterationSlope(s);
        findings.put("scaling_n_fixed.clustered.iterations_max", c.stream().mapToDouble(PointSummary::itersCensored).max().orElse(Double.NaN));
        findings.put("scaling_n_fixed.standard.iterations_max", s.stream().mapToDouble(PointSummary::itersCensored).max().orElse(Double.NaN));
        findings.put("scaling_n_fixed.clustered.iteration_slope_vs_log_mn_over_d", cs);
        findings.put("scaling_n_fixed.standard.iteration_slope_vs_log_mn_over_d", ss);
        doc.line("Fitted slope of median iterations against log(mn/d): clustered EM **" + MarkdownDoc.f2(cs) + "**, standard EM **"
                + MarkdownDoc.f2(ss) + "** iterations per unit of log(mn/d) (over " + MarkdownDoc.f1(Math.log(c.get(c.size() - 1).samples() / (double) c.get(0).samples()))
                + " units of log(mn/d)).");
        doc.line("");
        StringBuilder slopes = new StringBuilder("Fitted log-log slope of the median final error against mn:");
        for (String alg : List.of("clustered", "standard", "oracle")) {
            List<PointSummary> pts = Findings.of(e.points(), alg);
            if (pts.size() < 2) continue;
            double slope = Findings.errorSlope(pts);
            findings.put("scaling_n_fixed." + alg + ".error_slope_vs_mn", slope);
            slopes.append(" ").append(alg).append(" **").append(MarkdownDoc.f2(slope)).append("**;");
        }
        doc.line(slopes.append(" the claim predicts -0.5.").toString());
        doc.line("");
        doc.image(e, "error_vs_mn", "final error against mn");
        doc.image(e, "error_vs_iteration", "error against iteration");
    }

    public void scalingMnFixed(ExperimentResult e) {
        ResultRecord any = e.records().get(0);
        doc.section("2b. Scaling with mn fixed: m = e^{o(n)} against m ~ e^{cn}");
        doc.claim("Clustered EM keeps O(1) iterations as long as m grows at most as e^{o(n)}; when m grows like e^{cn} "
                + "(few samples per node) the guarantee is lost, and at n = 1 clustered EM is standard EM.");
        doc.line("**Measured** (mn = " + any.samples() + ", d = " + any.d() + ", " + e.spec().repetitions() + " repetitions):");
        doc.line("");
        doc.line("| SNR | m | n | log(m)/n | clustered: iterations to target | standard: iterations to target |");
        doc.line("|---|---|---|---|---|---|");
        java.util.Comparator<PointSummary> order = java.util.Comparator.comparingDouble((PointSummary p) -> p.first().snr())
                .thenComparingInt(p -> p.first().m());
        List<PointSummary> c = new ArrayList<>(Findings.of(e.points(), "clustered"));
        List<PointSummary> s = new ArrayList<>(Findings.of(e.points(), "standard"));
        c.sort(order);
        s.sort(order);
        double smallRatio = 0;
        double largeRatio = 0;
        for (int i = 0; i < c.size(); i++) {
            PointSummary p = c.get(i);
            double ratio = Math.log(p.first().m()) / p.first().n();
            doc.line("| " + MarkdownDoc.g(p.first().snr()) + " | " + p.first().m() + " | " + p.first().n() + " | " + MarkdownDoc.f2(ratio) + " | "
                    + MarkdownDoc.iters(p) + " | " + (i < s.size() ? MarkdownDoc.iters(s.get(i)) : "-") + " |");
            if (ratio < 1) smallRatio = Math.max(smallRatio, p.itersCensored());
            else largeRatio = Math.max(largeRatio, p.itersCensored());
        }
        doc.line("");
        findings.put("scaling_mn_fixed.clustered.max_iterations_log_m_over_n_below_1", smallRatio);
        findings.put("scaling_mn_fixed.clustered.max_iterations_log_m_over_n_above_1", largeRatio);
        doc.line("Clustered EM, largest median iterations: **" + MarkdownDoc.g(smallRatio) + "** where log(m)/n < 1 (m = e^{o(n)} regime), **"
                + MarkdownDoc.g(largeRatio) + "** where log(m)/n >= 1 (m ~ e^{cn}).");
        doc.line("");
        doc.image(e, "iterations_vs_m", "iterations to target against m at fixed mn");
    }

    // ---------------------------------------------------------------- experiment 3

    public void robustness(ExperimentResult e) {
        new RobustnessSection(doc, findings).write(e);
    }

    // ---------------------------------------------------------------- experiment 4

    public void contraction(ContractionSpec spec, List<Contraction.Row> rows) {
        new ContractionSection(doc, findings).write(spec, rows);
    }

}
