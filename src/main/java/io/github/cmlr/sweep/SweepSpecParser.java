package io.github.cmlr.sweep;

import io.github.cmlr.sweep.YamlTree.Node;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.model.SyntheticSpec;
import io.github.cmlr.util.ExitCode;
import io.github.cmlr.util.IoErrors;
import io.github.cmlr.util.MemoryBudget;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates a sweep file. Everything wrong is reported before anything runs, as a
 * {@link CmlrException} with {@link ExitCode#SPEC} whose message starts with {@code file:line:column}.
 * The format is described in README.md (section "Sweeps") and examples/.
 */
public final class SweepSpecParser {
    /** Default limit on the number of runs, overridable with max_runs. */
    public static final long DEFAULT_MAX_RUNS = 100_000;
    /** The largest dataset one run may generate: m * n * d doubles held in memory. */
    public static final long MAX_CELLS = Integer.MAX_VALUE - 16L;
    /**
     * Heap per planned run, an upper estimate: the run (about 100 bytes), its slot in the plan,
     * the temporary map that built it, and its run id (about 200 characters) in resume and merge sets.
     */
    static final long BYTES_PER_RUN = 640;

    private static final Set<String> TOP = Set.of("name", "description", "seed", "repetitions", "max_runs", "axes",
            "zip", "stopping", "outputs");
    private static final Set<String> STOPPING = Set.of("max_iter", "target", "stop_at_target", "param_tol");
    private static final Set<String> TARGET = Set.of("constant", "c");
    private static final Set<String> OUTPUTS = Set.of("traces");

    private final String source;

    private SweepSpecParser(String source) {
        this.source = source;
    }

    public static SweepSpec parse(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CmlrException(ExitCode.IO, file + ": sweep file not found");
        } catch (IOException e) {
            throw new CmlrException(ExitCode.IO, file + ": cannot read: " + IoErrors.describe(e), e);
        }
        return parse(utf8(bytes, file.toString()), file.toString());
    }

    /** The text of a sweep file; bytes that are not UTF-8 are an error naming their line and column. */
    static String utf8(byte[] bytes, String source) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = dec.decode(in, out, true);
        if (r.isError()) {
            int at = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new CmlrException(ExitCode.SPEC, source + ":" + line + ":" + (at - lineStart + 1)
                    + ": not UTF-8 text (byte 0x" + Integer.toHexString(bytes[at] & 0xFF) + "); save the sweep file as UTF-8");
        }
        dec.flush(out);
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text; // a byte order mark is not YAML
    }

    /** @param source the name used in messages (a file name, or "reproduce:scaling") */
    public static SweepSpec parse(String text, String source) {
        return new SweepSpecParser(source).spec(YamlTree.parse(text, source), text);
    }

    private SweepSpec spec(Node root, String text) {
        Map<String, Node> top = object(root, "the sweep file", TOP);
        String name = top.containsKey("name") ? word(top.get("name")) : "sweep";
        long seed = top.containsKey("seed") ? integer(top.get("seed"), Long.MIN_VALUE) : 1;
        int repetitions = top.containsKey("repetitions") ? (int) integer(top.get("repetitions"), 1) : 1;
        long maxRuns = top.containsKey("max_runs") ? integer(top.get("max_runs"), 1) : DEFAULT_MAX_RUNS;
        Node axesNode = require(top, "axes", root);
        Map<Axis, List<Object>> axes = axes(axesNode);
        List<List<Axis>> zip = top.containsKey("zip") ? zip(top.get("zip"), axes) : List.of();
        Stopping stopping = stopping(require(top, "stopping", root));
        boolean traces = true;
        if (top.containsKey("outputs")) {
            Map<String, Node> out = object(top.get("outputs"), "outputs", OUTPUTS);
            if (out.containsKey("traces")) traces = bool(out.get("traces"));
        }
        long runs = SweepPlan.count(axes, zip, repetitions);
        if (runs > maxRuns) {
            throw fail(top.containsKey("max_runs") ? top.get("max_runs") : axesNode, "the sweep expands to " + runs + " runs, more than the limit of " + maxRuns
                    + " (raise max_runs if this is intended)");
        }
        Node at = top.containsKey("max_runs") ? top.get("max_runs") : axesNode;
        MemoryBudget.require(MemoryBudget.product(runs, BYTES_PER_RUN), at.where(source) + ": the plan of " + runs + " runs");
        SweepSpec spec = new SweepSpec(name, seed, repetitions, maxRuns, axes, zip, stopping, traces, text);
        new DataChecks(spec, axesNode, top.get("stopping")).run();
        return spec;
    }

    private Map<Axis, List<Object>> axes(Node node) {
        Map<String, Node> raw = object(node, "axes", null);
        Map<Axis, List<Object>> axes = new EnumMap<>(Axis.class);
        for (Map.Entry<String, Node> e : raw.entrySet()) {
            Axis axis = Axis.byKey(e.getKey());
            if (axis == null) {
                throw fail(e.getValue(), "unknown axis '" + e.getKey() + "' (known: " + Axis.keys() + ")");
            }
            axes.put(axis, values(axis, e.getValue()));
        }
        for (Axis needed : List.of(Axis.M, Axis.N, Axis.D)) {
            if (!axes.containsKey(needed)) throw fail(node, "axes: '" + needed.key() + "' is required");
        }
        if (axes.containsKey(Axis.SNR) && axes.containsKey(Axis.THETA_NORM)) {
            throw fail(raw.get("theta_norm"), "give either snr or theta_norm, not both");
        }
        axes.putIfAbsent(Axis.SIGMA, List.of(1.0));
        if (!axes.containsKey(Axis.THETA_NORM)) axes.putIfAbsent(Axis.SNR, List.of(4.0));
        axes.putIfAbsent(Axis.INIT_RADIUS, List.of(1.0 / 14.0));
        axes.putIfAbsent(Axis.ALGORITHM, List.of("clustered", "standard"));
        axes.putIfAbsent(Axis.MODEL, List.of("symmetric"));
        axes.putIfAbsent(Axis.K, List.of(2L));
        return axes;
    }

    /** A scalar or a list of scalars, each checked against the axis. */
    private List<Object> values(Axis axis, Node node) {
        List<Node> items = node.isList() ? node.list() : List.of(node);
        if (items.isEmpty()) throw fail(node, "axis '" + axis.key() + "' is empty");
        List<Object> out = new ArrayList<>();
        for (Node item : items) {
            Object v = scalar(axis, item);
            String problem = axis.check(v);
            if (problem != null) throw fail(item, problem);
            if (out.contains(v)) throw fail(item, "axis '" + axis.key() + "' lists " + v + " twice");
            out.add(v);
        }
        return out;
    }

    private Object scalar(Axis axis, Node item) {
        switch (axis.kind()) {
            case INT:
                return integer(item, Long.MIN_VALUE);
            case REAL:
                return real(item);
            default:
                return word(item).toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Every dataset of the plan must fit in memory, and every quantity a run derives from its
     * coordinates must be a finite, non-zero double: sigma^2, ||theta*||, the data values and
     * their per-node sums of squares, the target error.
     */
    private final class DataChecks {
        private final SweepSpec spec;
        private final Map<String, Node> axisNodes;
        private final Node axesNode;
        private final Node stoppingNode;

        DataChecks(SweepSpec spec, Node axesNode, Node stoppingNode) {
            this.spec = spec;
            this.axesNode = axesNode;
            this.axisNodes = axesNode.map();
            this.stoppingNode = stoppingNode;
        }

        void run() {
            for (Map<Axis, Object> c : SweepPlan.dataCombinations(spec)) check(c);
        }

        private Node at(Axis axis) {
            return axisNodes.getOrDefault(axis.key(), axesNode);
        }

        private void check(Map<Axis, Object> c) {
            int m = Math.toIntExact((Long) c.get(Axis.M));
            int n = Math.toIntExact((Long) c.get(Axis.N));
            int d = Math.toIntExact((Long) c.get(Axis.D));
            double sigma = (Double) c.get(Axis.SIGMA);
            String point = "m=" + m + ", n=" + n + ", d=" + d + ", sigma=" + sigma;
            long cells = MemoryBudget.product(m, n, d);
            if (cells > MAX_CELLS) {
                throw fail(at(Axis.M), "a dataset with " + point + " has more than " + MAX_CELLS
                        + " features; it cannot be held in memory");
            }
            double sigma2 = sigma * sigma;
            if (!(sigma2 >= Double.MIN_NORMAL) || !Double.isFinite(sigma2)) {
                throw fail(at(Axis.SIGMA), "sigma = " + sigma + ": sigma^2 = " + sigma2 + (sigma2 == 0 || sigma2 < Double.MIN_NORMAL
                        ? " underflows" : " overflows") + " the double range (sigma must lie between about 1.5e-154 and 1.3e154)");
            }
            boolean byNorm = c.containsKey(Axis.THETA_NORM);
            double thetaNorm = byNorm ? (Double) c.get(Axis.THETA_NORM) : (Double) c.get(Axis.SNR) * sigma;
            Axis signal = byNorm ? Axis.THETA_NORM : Axis.SNR;
            if (!(thetaNorm > 0) || !Double.isFinite(thetaNorm)) {
                throw fail(at(signal), point + ": ||theta*|| = " + thetaNorm + " is not a finite positive double");
            }
            double snr = thetaNorm / sigma;
            double bound = SyntheticSpec.withSnr(m, n, d, sigma, snr, 0).valueBound();
            if (!Double.isFinite(n * bound * bound)) {
                throw fail(at(signal), point + ", snr=" + snr + ": data values reach about " + bound
                        + " and their squares summed over a node overflow; use a smaller sigma or signal");
            }
            double target = spec.stopping().target().value(sigma, d, m, n);
            if (!(target > 0) || !Double.isFinite(target)) {
                throw fail(stoppingNode, point + ": the target error " + target + " is not a finite positive double");
            }
            long bytes = MemoryBudget.sum(MemoryBudget.product(8, cells), MemoryBudget.product(8, m, n),
                    MemoryBudget.product(8, m, MemoryBudget.sum(MemoryBudget.product(d, d), d, 2)));
            MemoryBudget.require(bytes, at(Axis.M).where(source) + ": a dataset with " + point);
        }
    }

    private List<List<Axis>> zip(Node node, Map<Axis, List<Object>> axes) {
        if (!node.isList()) throw fail(node, "zip must be a list of groups, e.g. [[m, n]]");
        List<List<Axis>> groups = new ArrayList<>();
        Set<Axis> used = EnumSet.noneOf(Axis.class);
        for (Node g : node.list()) {
            if (!g.isList() || g.list().size() < 2) throw fail(g, "a zip group lists two or more axes, e.g. [m, n]");
            List<Axis> group = new ArrayList<>();
            for (Node a : g.list()) {
                Axis axis = Axis.byKey(word(a));
                if (axis == null || !axes.containsKey(axis)) throw fail(a, "zip names '" + a.value() + "', which is not an axis of this sweep");
                if (!used.add(axis)) throw fail(a, "axis '" + axis.key() + "' is in more than one zip group");
                group.add(axis);
            }
            int len = axes.get(group.get(0)).size();
            for (Axis axis : group) {
                if (axes.get(axis).size() != len) {
                    throw fail(g, "zipped axes must have equal lengths: " + group.get(0).key() + " has " + len
                            + " values, " + axis.key() + " has " + axes.get(axis).size());
                }
            }
            groups.add(List.copyOf(group));
        }
        return groups;
    }

    private Stopping stopping(Node node) {
        Map<String, Node> s = object(node, "stopping", STOPPING);
        int maxIter = (int) integer(require(s, "max_iter", node), 1);
        Node t = require(s, "target", node);
        Target target;
        if (t.isMap()) {
            Map<String, Node> tm = object(t, "target", TARGET);
            if (tm.size() != 1) throw fail(t, "target takes exactly one of 'constant' or 'c'");
            target = tm.containsKey("c") ? Target.scaled(positive(tm.get("c"))) : Target.constant(positive(tm.get("constant")));
        } else {
            target = Target.constant(positive(t));
        }
        boolean stopAtTarget = !s.containsKey("stop_at_target") || bool(s.get("stop_at_target"));
        double paramTol = 0;
        if (s.containsKey("param_tol")) {
            paramTol = real(s.get("param_tol"));
            if (!(paramTol >= 0)) throw fail(s.get("param_tol"), "param_tol must be >= 0, got " + paramTol);
        }
        return new Stopping(maxIter, target, stopAtTarget, paramTol);
    }

    // ---- typed accessors, each failing with the node's position ----

    private Map<String, Node> object(Node node, String what, Set<String> allowed) {
        if (!node.isMap()) throw fail(node, what + " must be a mapping of keys to values");
        if (allowed != null) {
            for (Map.Entry<String, Node> e : node.map().entrySet()) {
                if (!allowed.contains(e.getKey())) {
                    throw fail(e.getValue(), "unknown key '" + e.getKey() + "' in " + what + " (allowed: "
                            + String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
            }
        }
        return node.map();
    }

    private Node require(Map<String, Node> map, String key, Node parent) {
        Node n = map.get(key);
        if (n == null) throw fail(parent, "missing required key '" + key + "'");
        return n;
    }

    private long integer(Node node, long min) {
        if (!(node.value() instanceof Long v)) throw fail(node, "expected an integer, got '" + node.value() + "'");
        if (v < min) throw fail(node, "must be >= " + min + ", got " + v);
        return v;
    }

    private double real(Node node) {
        if (!(node.value() instanceof Number v)) throw fail(node, "expected a number, got '" + node.value() + "'");
        return v.doubleValue();
    }

    private double positive(Node node) {
        double v = real(node);
        if (!(v > 0) || !Double.isFinite(v)) throw fail(node, "must be finite and > 0, got " + v);
        return v;
    }

    private String word(Node node) {
        if (!node.isScalar() || node.value() == null) throw fail(node, "expected a word, got " + node.value());
        return node.value().toString();
    }

    private boolean bool(Node node) {
        if (!(node.value() instanceof Boolean b)) throw fail(node, "expected true or false, got '" + node.value() + "'");
        return b;
    }

    private CmlrException fail(Node node, String message) {
        return new CmlrException(ExitCode.SPEC, node.where(source) + ": " + message);
    }
}
