package io.github.cmlr.sweep;

import java.util.Locale;

/** The report's Markdown text, with the formatting every section shares. */
final class MarkdownDoc {
    private final StringBuilder text = new StringBuilder();

    String text() {
        return text.toString();
    }


    void section(String title) {
        line("");
        line("## " + title);
        line("");
    }

    void claim(String text) {
        line("**Paper's claim.** " + text);
        line("");
    }

    void image(ExperimentResult e, String base, String alt) {
        String p = e.plot(base);
        if (p == null) return;
        line("![" + alt + "](" + p + ") ([SVG](" + p.replace(".png", ".svg") + "))");
        line("");
    }

    static String iters(PointSummary p) {
        if (p.runs() == p.failures()) return "never (" + p.runs() + " runs)";
        String s = g(p.iters()[1]) + " [" + g(p.iters()[0]) + ", " + g(p.iters()[2]) + "]";
        return p.failures() == 0 ? s : s + ", " + p.failures() + "/" + p.runs() + " never";
    }

    void line(String s) {
        text.append(s).append('\n');
    }

    static String g(double v) {
        if (Double.isNaN(v)) return "-";
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.3g", v);
    }

    static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
