package io.github.cmlr.cli;

import io.github.cmlr.api.DataSummary;
import io.github.cmlr.api.ModelFit;
import io.github.cmlr.em.inference.StandardErrors;
import io.github.cmlr.em.selection.ModelSelection;
import io.github.cmlr.model.MixtureParams;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The fit as text, laid out as R prints {@code summary(refit(fit))}: per component its weight and
 * sigma, then the coefficient table Estimate / Std. Error / z value / Pr(>|z|) (normal p-values);
 * the log-likelihood, AIC, BIC and ICL; and for a K range the selection table. Shared coefficients
 * (--fixed) appear in every component's table with the same estimate and error, as flexmix prints them.
 */
final class FitSummary {
    private FitSummary() {}

    static void print(ModelFit fit, PrintWriter out) {
        DataSummary d = fit.data();
        out.println("Data: " + d.source() + ": " + d.rows() + " rows, " + (d.ungrouped() ? "one node per row" : d.nodes() + " nodes ("
                + d.nodeColumn() + ")") + (d.droppedRows() > 0 ? ", " + d.droppedRows() + " rows with missing values dropped" : ""));
        if (d.formula() != null) out.println("Formula: " + d.formula());
        if (d.fixed() != null) {
            out.println("Fixed: " + d.fixed() + " (shared by all components, listed in each: "
                    + String.join(", ", d.coefficients().subList(0, d.sharedColumns())) + ")");
        }
        MixtureParams p = fit.estimates();
        StandardErrors se = fit.errors() != null && fit.errors().available() ? fit.errors() : null;
        List<String> names = fit.coefficientNames();
        int width = 11;
        for (String n : names) width = Math.max(width, n.length());
        int components = fit.spec().symmetric() ? 1 : p.components();
        for (int k = 0; k < components; k++) {
            out.println();
            out.println("$Comp." + (k + 1) + (fit.spec().symmetric() ? " (theta; the other component is -theta)" : ""));
            out.printf(Locale.ROOT, "weight %s   sigma %s%n", withError(p.weight(k), se == null ? Double.NaN : se.weights()[k]),
                    withError(Math.sqrt(p.sigma2(k)), se == null ? Double.NaN : Math.sqrt(p.sigma2(k)) * se.logSigma()[k]));
            out.printf(Locale.ROOT, "%-" + width + "s %12s %12s %8s %10s%n", "", "Estimate", "Std. Error", "z value", "Pr(>|z|)");
            for (int i = 0; i < names.size(); i++) {
                double est = p.beta(k, i);
                double e = se == null ? Double.NaN : se.beta()[k * names.size() + i];
                double z = est / e;
                double pv = 2 * Normal.upperTail(Math.abs(z));
                out.printf(Locale.ROOT, "%-" + width + "s %12s %12s %8s %10s %s%n", names.get(i), num(est), num(e),
                        Double.isFinite(z) ? String.format(Locale.ROOT, "%.3f", z) : "NA", pValue(pv), stars(pv));
            }
        }
        if (se == null) out.println("(standard errors: " + (fit.errors() == null ? "not computed" : fit.errors().warnings()) + ")");
        fit.concomitantModel().ifPresent(c -> ConcomitantSummary.print(c, out));
        out.println("---");
        out.println("Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1");
        out.println();
        out.printf(Locale.ROOT, "'log Lik.' %.6g (df=%d)%nAIC: %.6g   BIC: %.6g   ICL: %s%n", fit.logLik(), fit.parameters(), fit.aic(),
                fit.bic(), Double.isFinite(fit.icl()) ? String.format(Locale.ROOT, "%.6g", fit.icl()) : "NA");
        out.println("iterations: " + fit.iterations() + ", " + (fit.converged() ? "converged" : "NOT converged") + " ("
                + fit.stopReason().name().toLowerCase(Locale.ROOT) + ")");
        if (fit.selection() != null && fit.selection().fits().size() > 1) selection(fit.selection(), out);
        for (String w : fit.warnings()) out.println("warning: " + w);
        out.flush();
    }

    private static void selection(ModelSelection.Result r, PrintWriter out) {
        out.println();
        out.println("Selection over K (" + r.criterion().name() + ", smallest chosen):");
        out.printf(Locale.ROOT, "%4s %5s %14s %5s %12s %12s %12s%n", "K", "kept", "logLik", "df", "AIC", "BIC", "ICL");
        for (ModelSelection.KFit f : r.fits()) {
            out.printf(Locale.ROOT, "%4d %5d %14.6g %5d %12.6g %12.6g %12.6g%s%n", f.k(), f.components(), f.logLik(), f.freeParams(),
                    f.aic(), f.bic(), f.icl(), f.k() == r.chosenK() ? "  <- chosen" : "");
        }
    }

    private static String withError(double v, double e) {
        return Double.isFinite(e) ? String.format(Locale.ROOT, "%.6g (%.3g)", v, e) : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "NA";
    }

    /** As R's format.pval at 3 digits: below machine epsilon "< 2.2e-16". */
    static String pValue(double p) {
        if (!Double.isFinite(p)) return "NA";
        if (p < 2.220446e-16) return "< 2.2e-16";
        return String.format(Locale.ROOT, "%.3g", p);
    }

    static String stars(double p) {
        if (!Double.isFinite(p)) return "";
        return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : "";
    }
}
