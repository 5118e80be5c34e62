package io.github.cmlr.sweep;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Experiment 3 of the report: iterations against SNR and initial radius, and where O(1) convergence breaks down. */
final class RobustnessSection {
    private final MarkdownDoc doc;
    private final Findings findings;

    RobustnessSection(MarkdownDoc doc, Findings findings) {
        this.doc = doc;
        this.findings = findings;
    }

    void write(ExperimentResult e) {
        ResultRecord any = e.records().get(0);
        doc.section("3. Robustness: SNR below 4 and starts outside the ball");
        doc.claim("The analysis assumes SNR >= 4 and a start within ||theta*||/14 of theta*. Below that it promises nothing; "
                + "the question is where O(1) convergence actually breaks down.");
        doc.line("**Measured** (m = " + any.m() + ", n = " + any.n() + ", d = " + any.d() + ", " + e.spec().repetitions()
                + " repetitions, max_iter " + any.maxIter() + "). Cells: median iterations to target (runs that never reach it count as "
                + (any.maxIter() + 1) + "), then reached / converged above the target / out of budget.");
        doc.line("");
        for (String alg : List.of("clustered", "standard")) matrix(e, alg);
        breakdown(e, "clustered");
        breakdown(e, "standard");
        doc.image(e, "iterations_vs_snr", "iterations against SNR");
        doc.image(e, "iterations_vs_radius", "iterations against initial radius");
    }

    private void matrix(ExperimentResult e, String alg) {
        List<PointSummary> pts = Findings.of(e.points(), alg);
        TreeSet<Double> radii = new TreeSet<>();
        Map<Double, Map<Double, PointSummary>> bySnr = new TreeMap<>();
        for (PointSummary p : pts) {
            radii.add(p.first().initRadius());
            bySnr.computeIfAbsent(p.first().snr(), k -> new TreeMap<>()).put(p.first().initRadius(), p);
        }
        StringBuilder head = new StringBuilder("| " + alg + ": SNR \\ radius |");
        StringBuilder rule = new StringBuilder("|---|");
        for (double r : radii) {
            head.append(' ').append(MarkdownDoc.g(r)).append(" |");
            rule.append("---|");
        }
        doc.line(head.toString());
        doc.line(rule.toString());
        for (Map.Entry<Double, Map<Double, PointSummary>> row : bySnr.entrySet()) {
            StringBuilder b = new StringBuilder("| " + MarkdownDoc.g(row.getKey()) + " |");
            for (double r : radii) {
                PointSummary p = row.getValue().get(r);
                if (p == null) {
                    b.append(" - |");
                    continue;
                }
                int[] o = Findings.outcomes(e.records(), p.first().pointKey());
                b.append(' ').append(MarkdownDoc.g(p.itersCensored())).append(" (").append(o[0]).append('/').append(o[1]).append('/').append(o[2]).append(") |");
            }
            doc.line(b.toString());
        }
        doc.line("");
    }

    /**
     * Breakdown rule: a point breaks down when at most half its runs reach the target, or its
     * median iterations exceed the baseline (the lowest SNR >= 4 at the smallest radius) by more than 2.
     * Reports, per radius, the largest SNR that breaks down.
     */
    private void breakdown(ExperimentResult e, String alg) {
        List<PointSummary> pts = Findings.of(e.points(), alg);
        double minRadius = pts.stream().mapToDouble(p -> p.first().initRadius()).min().orElse(Double.NaN);
        PointSummary base = null;
        for (PointSummary p : pts) {
            if (p.first().initRadius() == minRadius && p.first().snr() >= 4 && (base == null || p.first().snr() < base.first().snr())) base = p;
        }
        if (base == null) return;
        double limit = base.itersCensored() + 2;
        Map<Double, Double> worstSnr = new TreeMap<>();
        for (PointSummary p : pts) {
            worstSnr.putIfAbsent(p.first().initRadius(), null);
            boolean broken = 2 * (p.runs() - p.failures()) <= p.runs() || p.itersCensored() > limit;
            Double prev = worstSnr.get(p.first().initRadius());
            if (broken && (prev == null || p.first().snr() > prev)) worstSnr.put(p.first().initRadius(), p.first().snr());
        }
        findings.put("robustness." + alg + ".baseline_iterations", base.itersCensored());
        StringBuilder b = new StringBuilder("**" + alg + "** (baseline " + MarkdownDoc.g(base.itersCensored()) + " iteration(s) at SNR "
                + MarkdownDoc.g(base.first().snr()) + ", radius " + MarkdownDoc.g(minRadius) + "; a point breaks down when at most half its runs reach "
                + "the target or it needs more than " + MarkdownDoc.g(limit) + " iterations). Largest SNR that breaks down, per radius:");
        for (Map.Entry<Double, Double> w : worstSnr.entrySet()) {
            String key = "robustness." + alg + ".breakdown_snr.radius_" + MarkdownDoc.g(w.getKey());
            if (w.getValue() == null) findings.absent(key, "no SNR of the sweep breaks down at this radius");
            else findings.put(key, w.getValue());
            b.append(" ").append(MarkdownDoc.g(w.getKey())).append(": ").append(w.getValue() == null ? "none" : "SNR " + MarkdownDoc.g(w.getValue())).append(';');
        }
        doc.line(b.toString());
        doc.line("");
    }
}
