package io.github.cmlr.gpu;

import io.github.cmlr.backend.Backend;
import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.data.SyntheticGenerator;
import io.github.cmlr.em.FitResult;
import io.github.cmlr.em.IterationRecord;
import io.github.cmlr.em.MixtureEm;
import io.github.cmlr.em.MixtureOptions;
import io.github.cmlr.em.StoppingRule;
import io.github.cmlr.em.SymmetricEm;
import io.github.cmlr.model.ComponentSums;
import io.github.cmlr.model.Dataset;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import io.github.cmlr.model.SyntheticSpec;
import io.github.cmlr.random.CurandNormalStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the same synthetic dataset through a reference backend (the CPU) and a candidate (the
 * GPU): data, statistics, then for both algorithms (clustered = node units, standard = sample
 * units) and both models (symmetric, K = 2 mixture) the E-step at a common start, the M-step sums
 * and every iteration's parameters and log-likelihood. Each side iterates from its own previous
 * iterate, so differences that grow across iterations show.
 */
public final class Crosscheck {
    private final Backend reference;
    private final Backend candidate;
    private final List<Comparison> rows = new ArrayList<>();

    public Crosscheck(Backend reference, Backend candidate) {
        this.reference = reference;
        this.candidate = candidate;
    }

    /** All comparisons for {@code spec} over {@code iterations} EM iterations. */
    public List<Comparison> run(SyntheticSpec spec, int iterations) {
        rows.clear();
        Dataset a = reference.generate(spec);
        Dataset b = candidate.generate(spec);
        rows.add(Comparison.of("data", "x", a.x(), b.x(), Tolerances.DATA));
        rows.add(Comparison.of("data", "y", a.y(), b.y(), Tolerances.DATA));
        rows.add(Comparison.exact("data", "node labels", a.trueLabels(), b.trueLabels()));
        // Everything below runs on the reference's data, so each stage is compared on its own.
        NodeStats sa = reference.nodeStats(a);
        NodeStats sb = candidate.nodeStats(a);
        rows.add(Comparison.exact("statistics", "form of each node (1 = keeps its rows)", forms(sa), forms(sb)));
        rows.add(gramComparison(sa, sb));
        rows.add(Comparison.of("statistics", "s_j", sa.xty(), sb.xty(), Tolerances.STATISTICS));
        rows.add(Comparison.of("statistics", "q_j", sa.yty(), sb.yty(), Tolerances.STATISTICS));
        rows.add(Comparison.of("statistics", "n_j", sa.counts(), sb.counts(), 0));
        double[] theta0 = start(SyntheticGenerator.thetaStar(spec), spec.sigma());
        double sigma2 = spec.sigma() * spec.sigma();
        try (UnitOps ra = reference.nodeUnits(sa); UnitOps ca = candidate.nodeUnits(sa)) {
            compareUnits("clustered", ra, ca, theta0, sigma2, iterations);
        }
        try (UnitOps ra = reference.sampleUnits(a); UnitOps ca = candidate.sampleUnits(a)) {
            compareUnits("standard", ra, ca, theta0, sigma2, iterations);
        }
        return List.copyOf(rows);
    }

    /** 1 where node j keeps its rows, 0 where it keeps G_j. */
    static int[] forms(NodeStats s) {
        int[] f = new int[s.nodes()];
        for (int j = 0; j < f.length; j++) f[j] = s.holdsRows(j) ? 1 : 0;
        return f;
    }

    /**
     * G_j of every node, read through {@link NodeStats#gram(int, double[], int)} one node at a
     * time (never all m G_j at once), scaled as {@link Comparison#of} scales.
     */
    static Comparison gramComparison(NodeStats a, NodeStats b) {
        if (a.nodes() != b.nodes() || a.dim() != b.dim()) {
            return new Comparison("statistics", "G_j (m, d = " + a.nodes() + ", " + a.dim() + " vs " + b.nodes() + ", " + b.dim() + ")",
                    Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Tolerances.STATISTICS);
        }
        int dd = a.dim() * a.dim();
        double[] ga = new double[dd];
        double[] gb = new double[dd];
        double maxAbs = 0;
        double scale = 1;
        for (int j = 0; j < a.nodes(); j++) {
            a.gram(j, ga, 0);
            b.gram(j, gb, 0);
            for (int i = 0; i < dd; i++) {
                double diff = Math.abs(ga[i] - gb[i]);
                maxAbs = Math.max(maxAbs, Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff);
                scale = Math.max(scale, Math.abs(ga[i]));
            }
        }
        return new Comparison("statistics", "G_j", maxAbs, maxAbs / scale, Tolerances.STATISTICS);
    }

    /** A deterministic start near theta*, off by 0.1 sigma in every coordinate. */
    static double[] start(double[] thetaStar, double sigma) {
        double[] t = thetaStar.clone();
        for (int i = 0; i < t.length; i++) t[i] += (i % 2 == 0 ? 0.1 : -0.1) * sigma;
        return t;
    }

    private void compareUnits(String algorithm, UnitOps r, UnitOps c, double[] theta0, double sigma2, int iterations) {
        String sym = algorithm + "/symmetric";
        rows.add(Comparison.of(sym, "A = sum G_u", r.totalGram(), c.totalGram(), Tolerances.STATISTICS));
        double[] wr = new double[r.units()];
        double[] wc = new double[c.units()];
        double lr = r.symmetricWeights(theta0, sigma2, wr);
        double lc = c.symmetricWeights(theta0, sigma2, wc);
        rows.add(Comparison.of(sym, "tanh weights at the start", wr, wc, Tolerances.POSTERIORS));
        rows.add(Comparison.of(sym, "log-likelihood at the start", lr, lc, Tolerances.LOG_LIKELIHOOD));
        double[] xr = new double[r.dim()];
        double[] xc = new double[c.dim()];
        r.weightedXty(wr, xr);
        c.weightedXty(wr, xc);
        rows.add(Comparison.of(sym, "sum w_u s_u", xr, xc, Tolerances.POSTERIORS));
        double[] tr = theta0;
        double[] tc = theta0;
        for (int it = 1; it <= iterations; it++) {
            tr = SymmetricEm.step(r, tr, sigma2);
            tc = SymmetricEm.step(c, tc, sigma2);
            rows.add(Comparison.of(sym, "theta after iteration " + it, tr, tc, Tolerances.PARAMETERS));
        }
        // The K = 2 mixture needs at least two units (EM refuses K larger than the units).
        if (r.units() >= 2) compareMixture(algorithm + "/mixture", r, c, MixtureParams.symmetric(theta0, 1.2 * sigma2), iterations);
    }

    private void compareMixture(String scope, UnitOps r, UnitOps c, MixtureParams start, int iterations) {
        int k = start.components();
        double[] gr = new double[r.units() * k];
        double[] gc = new double[c.units() * k];
        double lr = r.posteriors(start, gr, null);
        double lc = c.posteriors(start, gc, null);
        rows.add(Comparison.of(scope, "posteriors at the start", gr, gc, Tolerances.POSTERIORS));
        rows.add(Comparison.of(scope, "log-likelihood at the start", lr, lc, Tolerances.LOG_LIKELIHOOD));
        ComponentSums sr = new ComponentSums(k, r.dim());
        ComponentSums sc = new ComponentSums(k, c.dim());
        r.componentSums(gr, k, sr);
        c.componentSums(gr, k, sc);
        rows.add(Comparison.of(scope, "M-step sums (gram)", sr.gram, sc.gram, Tolerances.POSTERIORS));
        rows.add(Comparison.of(scope, "M-step sums (xty, yty, n, weight)", concat(sr), concat(sc), Tolerances.POSTERIORS));
        for (int it = 1; it <= iterations; it++) {
            FitResult fr = MixtureEm.run(r, start, MixtureOptions.defaults(), StoppingRule.iterations(it), null);
            FitResult fc = MixtureEm.run(c, start, MixtureOptions.defaults(), StoppingRule.iterations(it), null);
            rows.add(Comparison.of(scope, "parameters after iteration " + it, flat(fr.params()), flat(fc.params()),
                    Tolerances.PARAMETERS));
            rows.add(Comparison.of(scope, "log-likelihood after iteration " + it, lastLogLik(fr), lastLogLik(fc),
                    Tolerances.LOG_LIKELIHOOD));
        }
    }

    private static double lastLogLik(FitResult f) {
        List<IterationRecord> t = f.trace();
        return t.isEmpty() ? f.logLik() : t.get(t.size() - 1).logLik();
    }

    static double[] flat(MixtureParams p) {
        int k = p.components();
        double[] beta = p.betaFlat();
        double[] out = new double[beta.length + 2 * k];
        System.arraycopy(beta, 0, out, 0, beta.length);
        System.arraycopy(p.sigma2(), 0, out, beta.length, k);
        System.arraycopy(p.weights(), 0, out, beta.length + k, k);
        return out;
    }

    private static double[] concat(ComponentSums s) {
        int k = s.components;
        double[] out = new double[s.xty.length + 3 * k];
        System.arraycopy(s.xty, 0, out, 0, s.xty.length);
        System.arraycopy(s.yty, 0, out, s.xty.length, k);
        System.arraycopy(s.count, 0, out, s.xty.length + k, k);
        System.arraycopy(s.weight, 0, out, s.xty.length + 2 * k, k);
        return out;
    }

    /**
     * The generated stream against the CPU model ({@link CurandNormalStream}) over {@code len}
     * numbers from several starts, including odd ones and ones past the first 65536-thread round.
     */
    public static List<Comparison> streamCheck(GpuBackend gpu, long seed, int len) {
        List<Comparison> out = new ArrayList<>();
        CurandNormalStream model = new CurandNormalStream(seed);
        for (long start : new long[] {0, 4, 262_144, 1_000_004}) {
            double[] ref = new double[len];
            model.fill(start, ref, 0, len);
            out.add(Comparison.of("stream/" + (gpu.usesCurand() ? "cuRAND" : "own kernel"), len + " normals from " + start, ref,
                    gpu.normals(seed, start, len), Tolerances.DATA));
        }
        return out;
    }

    /** True when every comparison is within its tolerance. */
    public static boolean allPassed(List<Comparison> rows) {
        return rows.stream().allMatch(Comparison::passed);
    }
}
