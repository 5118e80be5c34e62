package io.github.cmlr.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.cmlr.api.Cmlr;
import io.github.cmlr.predict.FittedModel;
import io.github.cmlr.predict.NewData;
import io.github.cmlr.predict.Predictions;
import io.github.cmlr.util.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The plots of {@link PlotCommand}, each written as NAME.png and NAME.svg (atomically). */
final class FitPlots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final int BINS = 10;

    private FitPlots() {}

    /** From the report alone: the log-likelihood trace and, for a K range, BIC and ICL over K. */
    static List<Path> fromReport(JsonNode root, Path dir) {
        List<Path> out = new ArrayList<>();
        XYChart trace = xy("Log-likelihood by EM iteration (best start)", "iteration", "log-likelihood");
        List<Double> it = new ArrayList<>();
        List<Double> ll = new ArrayList<>();
        for (JsonNode t : root.get("trace")) {
            if (t.get("logLik").isNull()) continue;
            it.add(t.get("iteration").asDouble());
            ll.add(t.get("logLik").asDouble());
        }
        if (!it.isEmpty()) {
            trace.addSeries("logLik", it, ll);
            out.add(save(trace, dir, "loglik-trace"));
        }
        JsonNode table = root.path("selection").path("table");
        if (table.size() > 1) {
            XYChart crit = xy("Information criteria over K (smaller is better)", "K", "criterion");
            List<Double> k = new ArrayList<>();
            List<Double> bic = new ArrayList<>();
            List<Double> icl = new ArrayList<>();
            for (JsonNode r : table) {
                k.add(r.get("k").asDouble());
                bic.add(r.get("bic").asDouble());
                icl.add(r.get("icl").asDouble());
            }
            crit.addSeries("BIC", k, bic);
            crit.addSeries("ICL", k, icl);
            out.add(save(crit, dir, "criteria-by-k"));
        }
        return out;
    }

    /** Over data: fitted lines per component against the first one or two features, and the rootogram. */
    static List<Path> overData(FittedModel model, Cmlr.Prediction p, Path dir) {
        List<Path> out = new ArrayList<>();
        List<String> names = model.formula() != null ? model.features() : withIntercept(model);
        NewData d = p.data();
        int drawn = 0;
        for (int f : plotOrder(model, names)) {
            if (drawn == 2 || !d.hasResponse()) break;
            out.add(save(fitted(names.get(f), f, d, p.predictions()), dir, "fitted-" + (++drawn)));
        }
        out.add(save(rootogram(p.predictions(), d.nodes()), dir, "posterior-histogram"));
        return out;
    }

    /**
     * Design columns to draw against, intercept left out: those whose coefficient differs between
     * components first (a shared coefficient of --fixed, e.g. a dummy, draws parallel lines), then
     * the shared ones, each group in design order.
     */
    static List<Integer> plotOrder(FittedModel model, List<String> names) {
        List<Integer> varying = new ArrayList<>();
        List<Integer> shared = new ArrayList<>();
        for (int f = 0; f < names.size(); f++) {
            if (isIntercept(names.get(f))) continue;
            (sharedByAll(model, f) ? shared : varying).add(f);
        }
        varying.addAll(shared);
        return varying;
    }

    private static boolean sharedByAll(FittedModel model, int f) {
        var params = model.params();
        if (model.fixed() == null || params.components() < 2) return false;
        for (int k = 1; k < params.components(); k++) if (params.beta(k, f) != params.beta(0, f)) return false;
        return true;
    }

    private static List<String> withIntercept(FittedModel m) {
        List<String> n = new ArrayList<>();
        if (m.intercept()) n.add("(intercept)");
        n.addAll(m.features());
        return n;
    }

    private static boolean isIntercept(String name) {
        return name.equalsIgnoreCase("(intercept)");
    }

    /** y against design column f, coloured by most likely component; each component's predictions as a line. */
    private static XYChart fitted(String name, int f, NewData d, Predictions pred) {
        XYChart c = xy("Fitted components over " + name, name, "response");
        int kk = pred.components();
        int dim = d.dim();
        for (int k = 0; k < kk; k++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int r = 0; r < d.rows(); r++) {
                if (pred.component()[d.rowNode()[r]] != k) continue;
                xs.add(d.x()[r * dim + f]);
                ys.add(d.y()[r]);
            }
            if (!xs.isEmpty()) {
                XYSeries s = c.addSeries("data, component " + (k + 1), xs, ys);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            }
        }
        Integer[] order = new Integer[d.rows()];
        for (int r = 0; r < order.length; r++) order[r] = r;
        Arrays.sort(order, Comparator.comparingDouble(r -> d.x()[r * dim + f]));
        for (int k = 0; k < kk; k++) {
            double[] xs = new double[order.length];
            double[] ys = new double[order.length];
            for (int i = 0; i < order.length; i++) {
                xs[i] = d.x()[order[i] * dim + f];
                ys[i] = pred.perComponent()[order[i] * kk + k];
            }
            XYSeries s = c.addSeries("fit, component " + (k + 1), xs, ys);
            s.setMarker(SeriesMarkers.NONE);
        }
        return c;
    }

    /** Per component, sqrt(number of nodes) per posterior-probability bin: flexmix's rootogram. */
    private static CategoryChart rootogram(Predictions pred, int nodes) {
        CategoryChart c = new CategoryChartBuilder().width(820).height(520).title("Rootogram of posterior probabilities")
                .xAxisTitle("posterior probability").yAxisTitle("sqrt(nodes)").build();
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        List<String> bins = new ArrayList<>();
        for (int b = 0; b < BINS; b++) bins.add(String.format(java.util.Locale.ROOT, "%.1f", (b + 0.5) / BINS));
        int kk = pred.components();
        for (int k = 0; k < kk; k++) {
            double[] count = new double[BINS];
            for (int j = 0; j < nodes; j++) count[Math.min(BINS - 1, (int) (pred.posterior()[j * kk + k] * BINS))]++;
            List<Double> root = new ArrayList<>();
            for (double v : count) root.add(Math.sqrt(v));
            c.addSeries("component " + (k + 1), bins, root);
        }
        return c;
    }

    private static XYChart xy(String title, String x, String y) {
        XYChart c = new XYChartBuilder().width(820).height(520).title(title).xAxisTitle(x).yAxisTitle(y).build();
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        return c;
    }

    private static Path save(Chart<?, ?> chart, Path dir, String base) {
        Path png = dir.resolve(base + ".png");
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        AtomicFiles.write(dir.resolve(base + ".svg"),
                out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
        return png;
    }
}
