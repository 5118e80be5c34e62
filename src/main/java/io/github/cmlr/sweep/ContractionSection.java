package io.github.cmlr.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Experiment 4 of the report: the contraction factor of population EM against n. */
final class ContractionSection {
    private final MarkdownDoc doc;
    private final Findings findings;

    ContractionSection(MarkdownDoc doc, Findings findings) {
        this.doc = doc;
        this.findings = findings;
    }

    void write(ContractionSpec spec, List<Contraction.Row> rows) {
        doc.section("4. Contraction of population EM against n");
        doc.claim("For clustered EM the population operator M contracts towards theta*, "
                + "||M(theta) - theta*|| <= kappa ||theta - theta*||, with kappa falling exponentially in n.");
        doc.line("**Measured**: population EM approximated by one clustered EM step on m = " + spec.m() + " nodes (d = " + spec.d()
                + ", SNR " + MarkdownDoc.g(spec.snr()) + "), median over " + spec.directions() + " random starting directions per radius. "
                + "The finite-m step carries a statistical error of order sqrt(d/(mn)), which floors the ratio to theta*; "
                + "the ratio to the sample fixed point theta_hat removes that floor.");
        doc.line("");
        doc.line("| n | radius / norm(theta*) | norm(M(theta) - theta*) / norm(theta - theta*) | same around theta_hat | norm(theta_hat - theta*) |");
        doc.line("|---|---|---|---|---|");
        for (Contraction.Row r : rows) {
            doc.line("| " + r.n() + " | " + MarkdownDoc.g(r.radius()) + " | " + MarkdownDoc.g(r.ratioToThetaStar()) + " | " + MarkdownDoc.g(r.ratioToFixedPoint())
                    + " | " + MarkdownDoc.g(r.fixedPointError()) + " |");
        }
        doc.line("");
        Map<Double, List<Contraction.Row>> byRadius = new TreeMap<>();
        for (Contraction.Row r : rows) byRadius.computeIfAbsent(r.radius(), k -> new ArrayList<>()).add(r);
        StringBuilder b = new StringBuilder("Fitted slope of ln(ratio around theta_hat) against n:");
        for (Map.Entry<Double, List<Contraction.Row>> e : byRadius.entrySet()) {
            List<Contraction.Row> rs = e.getValue().stream().filter(r -> r.ratioToFixedPoint() > 1e-12).toList();
            double[] x = rs.stream().mapToDouble(Contraction.Row::n).toArray();
            double[] y = rs.stream().mapToDouble(r -> Math.log(r.ratioToFixedPoint())).toArray();
            double slope = Stats.fitLine(x, y)[1];
            findings.put("contraction.radius_" + MarkdownDoc.g(e.getKey()) + ".log_ratio_slope_per_n", slope);
            b.append(" radius ").append(MarkdownDoc.g(e.getKey())).append(": **").append(MarkdownDoc.f2(slope)).append("** (kappa x")
                    .append(MarkdownDoc.g(Math.exp(slope))).append(" per extra sample);");
        }
        doc.line(b.append(" negative slopes mean exponential decay in n (ratios below 1e-12, at the limit of double precision, are left out of the fit).").toString());
        doc.line("");
    }
}
