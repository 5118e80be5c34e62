package io.github.cmlr.cli;

import io.github.cmlr.api.ConcomitantFit;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A concomitant model as R prints {@code summary(refit(fit))}'s concomitant part: per component
 * after the baseline, Estimate / Std. Error / z value / Pr(>|z|) of each term.
 */
final class ConcomitantSummary {
    private ConcomitantSummary() {}

    static void print(ConcomitantFit c, PrintWriter out) {
        out.println();
        out.println("Concomitant model: " + c.formula() + " (multinomial logit, Comp.1 the baseline; the weights above are"
                + " the mean priors)");
        int width = 11;
        for (String n : c.terms()) width = Math.max(width, n.length());
        double[] se = c.standardErrors();
        int q = c.terms().size();
        for (int k = 1; k < c.components(); k++) {
            out.println("$Comp." + (k + 1));
            out.printf(Locale.ROOT, "%-" + width + "s %12s %12s %8s %10s%n", "", "Estimate", "Std. Error", "z value", "Pr(>|z|)");
            for (int t = 0; t < q; t++) {
                double est = c.coefficient(k, t);
                double e = se == null ? Double.NaN : se[k * q + t];
                double z = est / e;
                double pv = 2 * Normal.upperTail(Math.abs(z));
                out.printf(Locale.ROOT, "%-" + width + "s %12s %12s %8s %10s %s%n", c.terms().get(t), num(est), num(e),
                        Double.isFinite(z) ? String.format(Locale.ROOT, "%.3f", z) : "NA", FitSummary.pValue(pv),
                        FitSummary.stars(pv));
            }
        }
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "NA";
    }
}
