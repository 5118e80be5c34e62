package io.github.cmlr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cmlr.sweep.RunPoint;
import io.github.cmlr.sweep.SweepPlan;
import io.github.cmlr.sweep.SweepSpec;
import io.github.cmlr.sweep.SweepSpecParser;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import io.github.cmlr.util.JsonNumbers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Issue class 6: valid CSV, gzip, sweep, model and result files, mutated the ways files get
 * broken (truncation, flipped bytes, stray quotes and separators, huge, tiny and odd numbers,
 * unicode, changed line ends, wrong JSON types), fed to the CLI in-process. Properties: never
 * exit 1, never a stack trace, nothing partial left behind, and a message naming the file (with
 * line and column for data and sweep files) or the option. Seeded and bounded: a fixed number of
 * tries per property and a total time budget of {@link #BUDGET_NANOS} for the suite, after which
 * the remaining tries are skipped and counted as such. The figures go to target/fuzz-report.txt.
 */
class HostileInputFuzzTest {
    static final long BUDGET_NANOS = 60_000_000_000L;
    private static final long START = System.nanoTime();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Map<Integer, AtomicInteger>> OUTCOMES = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> SKIPPED = new ConcurrentHashMap<>();

    static final String CSV = csv();
    static final String MODEL = "{\"nodeColumn\": \"node\", \"response\": \"y\", \"features\": [\"x1\", \"x2\"], \"intercept\": true,"
            + " \"components\": [{\"weight\": 0.4, \"sigma2\": 0.25, \"beta\": [0.5, 2.0, -1.0]},"
            + " {\"weight\": 0.6, \"sigma2\": 1.5, \"beta\": [-0.5, -1.0, 1.0]}]}";
    static final String SWEEP = String.join("\n", "name: fuzz", "seed: 7", "repetitions: 1", "axes:", "  m: [10, 20]",
            "  n: [4]", "  d: [2]", "  snr: [4]", "  algorithm: [clustered, oracle]", "stopping:", "  max_iter: 3",
            "  target: {c: 2}", "outputs:", "  traces: true", "");

    private static String csv() {
        StringBuilder b = new StringBuilder("node,y,x1,x2,label\n");
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int j = 0; j < 8; j++) {
            for (int i = 0; i < 5; i++) {
                double x1 = Math.round(r.nextGaussian() * 1000) / 1000.0;
                double x2 = Math.round(r.nextGaussian() * 1000) / 1000.0;
                double y = (j % 2 == 0 ? 2 * x1 - x2 : -x1 + x2) + Math.round(r.nextGaussian() * 300) / 1000.0;
                b.append('n').append(j).append(',').append(y).append(',').append(x1).append(',').append(x2).append(',')
                        .append(j % 2).append('\n');
            }
        }
        return b.toString();
    }

    // ---- generators ----

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.of(Mutation.Kind.class),
                Arbitraries.integers().between(0, 1 << 20), Arbitraries.integers().between(0, 999)).as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    /** Byte damage of a compressed stream: truncation, flipped bits, lost ranges. */
    @Provide
    Arbitrary<List<Mutation>> byteDamage() {
        Arbitrary<Mutation> one = Combinators.combine(
                Arbitraries.of(Mutation.Kind.TRUNCATE, Mutation.Kind.FLIP_BYTE, Mutation.Kind.DELETE_RANGE),
                Arbitraries.integers().between(0, 1 << 20), Arbitraries.integers().between(0, 999)).as(Mutation::new);
        return one.list().ofMinSize(0).ofMaxSize(2);
    }

    /** Semantic damage of a JSON model: a value replaced by one of another type or size, or removed. */
    @Provide
    Arbitrary<List<int[]>> jsonEdits() {
        return Arbitraries.integers().between(0, 1 << 20).list().ofSize(2).map(l -> new int[] {l.get(0), l.get(1)})
                .list().ofMinSize(1).ofMaxSize(3);
    }

    // ---- properties ----

    @Property(tries = 150, seed = "9001", shrinking = ShrinkingMode.BOUNDED, maxDiscardRatio = 1000)
    void fitOnMutatedCsv(@ForAll("mutations") List<Mutation> ms) throws IOException {
        byte[] data = Mutation.applyAll(CSV.getBytes(StandardCharsets.UTF_8), ms);
        fitOn("csv", "data.csv", data);
    }

    @Property(tries = 60, seed = "9002", shrinking = ShrinkingMode.BOUNDED, maxDiscardRatio = 1000)
    void fitOnMutatedGzip(@ForAll("mutations") List<Mutation> text, @ForAll("byteDamage") List<Mutation> bytes) throws IOException {
        byte[] gz = Mutation.applyAll(gzip(Mutation.applyAll(CSV.getBytes(StandardCharsets.UTF_8), text)), bytes);
        fitOn("gzip", "data.csv.gz", gz);
    }

    @Property(tries = 120, seed = "9003", shrinking = ShrinkingMode.BOUNDED, maxDiscardRatio = 1000)
    void predictWithMutatedModel(@ForAll("mutations") List<Mutation> ms, @ForAll("jsonEdits") List<int[]> edits) throws IOException {
        byte[] model = MODEL.getBytes(StandardCharsets.UTF_8);
        model = ms.get(0).pick() % 2 == 0 ? Mutation.applyAll(model, ms) : editJson(MODEL, edits);
        predictOn("model", model, CSV.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 80, seed = "9004", shrinking = ShrinkingMode.BOUNDED, maxDiscardRatio = 1000)
    void predictOnMutatedData(@ForAll("mutations") List<Mutation> ms) throws IOException {
        predictOn("predict-data", MODEL.getBytes(StandardCharsets.UTF_8), Mutation.applyAll(CSV.getBytes(StandardCharsets.UTF_8), ms));
    }

    @Property(tries = 150, seed = "9005", shrinking = ShrinkingMode.BOUNDED, maxDiscardRatio = 1000)
    void sweepOnMutatedSpec(@ForAll("mutations") List<Mutation> ms) throws IOException {
        spend("sweep");
        byte[] yaml = Mutation.applyAll(SWEEP.getBytes(StandardCharsets.UTF_8), ms);
        Path dir = Files.createTempDirectory("cmlr-fuzz");
        try {
            Path spec = dir.resolve("spec.yaml");
            Files.write(spec, yaml);
            SweepSpec parsed;
            try {
                parsed = SweepSpecParser.parse(spec);
            } catch (CmlrException e) {
                record("sweep", e.exitCode().code());
                assertTrue(Set.of(ExitCode.SPEC, ExitCode.IO, ExitCode.RESOURCES).contains(e.exitCode()), e.getMessage());
                assertTrue(e.getMessage().startsWith(spec.toString()), "names the file: " + e.getMessage());
                if (e.exitCode() == ExitCode.SPEC && !e.getMessage().contains("the sweep file is empty")) {
                    assertTrue(e.getMessage().matches("(?s)" + java.util.regex.Pattern.quote(spec.toString()) + ":\\d+:\\d+: .*"),
                            "file:line:column: " + e.getMessage());
                }
                return;
            }
            if (!small(parsed)) {
                record("sweep", -1); // valid but too long to run inside the budget: the parse was the check
                return;
            }
            Path out = dir.resolve("out");
            FitCliHarness.Result r = FitCliHarness.run("sweep", spec.toString(), "--out", out.toString(), "--backend", "cpu",
                    "--threads", "1");
            check("sweep", r, Set.of(0, 6, 9), List.of(spec.toString()));
            if (r.code() == 0) {
                for (String line : Files.readAllLines(out.resolve("runs.jsonl"))) {
                    assertEquals(null, JsonNumbers.firstUnclean(JSON.readTree(line), ""), line);
                }
            }
        } finally {
            deleteTree(dir);
        }
    }

    @Property(tries = 80, seed = "9006", shrinking = ShrinkingMode.BOUNDED, maxDiscardRatio = 1000)
    void summarizeMutatedResults(@ForAll("mutations") List<Mutation> ms) throws IOException {
        spend("summarize");
        Path dir = Files.createTempDirectory("cmlr-fuzz");
        try {
            Path res = Files.createDirectories(dir.resolve("res"));
            Files.write(res.resolve("runs.jsonl"), Mutation.applyAll(results(), ms));
            Path out = dir.resolve("sum");
            FitCliHarness.Result r = FitCliHarness.run("summarize", res.toString(), "--out", out.toString());
            check("summarize", r, Set.of(0, 5, 11), List.of(res.toString()));
            if (r.code() == 0) {
                String csv = Files.readString(out.resolve("summary.csv"));
                assertFalse(csv.contains("NaN") || csv.contains("Infinity"), csv);
                wholeCsv(csv);
            } else {
                assertFalse(Files.exists(out.resolve("summary.csv")), "no summary after a failure");
            }
        } finally {
            deleteTree(dir);
        }
    }

    // ---- running and checking ----

    private void fitOn(String what, String name, byte[] data) throws IOException {
        spend(what);
        Path dir = Files.createTempDirectory("cmlr-fuzz");
        try {
            Path in = dir.resolve(name);
            Files.write(in, data);
            Path report = dir.resolve("r.json");
            Path post = dir.resolve("p.csv");
            FitCliHarness.Result r = FitCliHarness.run("fit", in.toString(), "--k", "2", "--starts", "2", "--max-iter", "5",
                    "--backend", "cpu", "--threads", "1", "--quiet", "--out", report.toString(), "--posteriors", post.toString());
            check(what, r, Set.of(0, 2, 3, 4, 5, 9), List.of(in.toString(), "--"));
            if (r.code() == 0) {
                JsonNode rep = JSON.readTree(report.toFile()); // whole: parses to the end
                assertTrue(rep.has("estimates") && rep.has("fit"), rep.toString());
                assertFalse(Files.readString(report).contains("NaN") || Files.readString(report).contains("Infinity"));
                wholeCsv(Files.readString(post));
            } else {
                assertEquals(List.of(name), FitCliHarness.listing(dir), "nothing partial: " + r.err());
                if (r.code() == ExitCode.DATA_FORMAT.code()) {
                    // a cell or a line is named by its line; only a file-level fact (empty, no rows) goes without
                    assertTrue(r.err().contains(in + ": line ") || r.err().contains(in + ": the file is empty")
                            || r.err().contains(in + ": no data rows"), "names file and line: " + r.err());
                }
            }
        } finally {
            deleteTree(dir);
        }
    }

    private void predictOn(String what, byte[] model, byte[] data) throws IOException {
        spend(what);
        Path dir = Files.createTempDirectory("cmlr-fuzz");
        try {
            Path m = dir.resolve("m.json");
            Path d = dir.resolve("new.csv");
            Files.write(m, model);
            Files.write(d, data);
            Path out = dir.resolve("pred.csv");
            FitCliHarness.Result r = FitCliHarness.run("predict", "--model", m.toString(), "--data", d.toString(), "--out", out.toString());
            check(what, r, Set.of(0, 3, 5, 6), List.of(m.toString(), d.toString()));
            if (r.code() == 0) {
                String csv = Files.readString(out);
                assertFalse(csv.contains("NaN") || csv.contains("Infinity"), csv);
                wholeCsv(csv);
            } else {
                assertFalse(Files.exists(out), "no predictions after a failure");
                assertEquals(List.of("m.json", "new.csv"), FitCliHarness.listing(dir), "nothing partial");
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** Never exit 1, never a stack trace, a documented code, and a message naming one of {@code names}. */
    private static void check(String what, FitCliHarness.Result r, Set<Integer> allowed, List<String> names) {
        record(what, r.code());
        if (r.code() == ExitCode.SOFTWARE.code()) fail("exit 1 (internal error):\n" + r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception") || r.err().contains("java.lang."),
                "no Java exception text: " + r.err());
        assertTrue(allowed.contains(r.code()), "exit " + r.code() + " is not one of " + allowed + ": " + r.err());
        if (r.code() != 0) {
            assertTrue(r.err().startsWith("cmlr: "), r.err());
            if (r.code() != ExitCode.FIT_FAILED.code()) {
                assertTrue(names.stream().anyMatch(n -> r.err().contains(n)), "names one of " + names + ": " + r.err());
            }
        }
    }

    /** A CSV file written whole: a header and lines of its width, the last one ended. */
    private static void wholeCsv(String csv) {
        assertTrue(csv.endsWith("\n"), "ends with a line end");
        List<String> lines = csv.lines().toList();
        long width = lines.get(0).chars().filter(c -> c == ',').count();
        for (String l : lines) {
            if (!l.contains("\"")) assertEquals(width, l.chars().filter(c -> c == ',').count(), l);
        }
    }

    private static boolean small(SweepSpec spec) {
        List<RunPoint> runs = SweepPlan.expand(spec).runs();
        if (runs.size() > 12 || spec.stopping().maxIter() > 50) return false;
        for (RunPoint p : runs) if ((long) p.m() * p.n() * p.d() > 20_000) return false;
        return true;
    }

    private static byte[] editJson(String json, List<int[]> edits) throws IOException {
        JsonNode root = JSON.readTree(json);
        for (int[] e : edits) {
            List<JsonNode[]> slots = new ArrayList<>(); // {parent, child}
            collect(root, slots);
            JsonNode[] slot = slots.get(e[0] % slots.size());
            replace(slot[0], slot[1], e[1]);
        }
        return JSON.writeValueAsBytes(root);
    }

    private static void collect(JsonNode n, List<JsonNode[]> slots) {
        for (JsonNode child : n) {
            slots.add(new JsonNode[] {n, child});
            collect(child, slots);
        }
    }

    private static final List<JsonNode> ODD_VALUES = List.of(JsonNodeFactory.instance.textNode("x"),
            JsonNodeFactory.instance.numberNode(1e308), JsonNodeFactory.instance.numberNode(-1.0),
            JsonNodeFactory.instance.numberNode(0.0), JsonNodeFactory.instance.numberNode(4.9e-324),
            JsonNodeFactory.instance.booleanNode(true), JsonNodeFactory.instance.nullNode(),
            JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.objectNode(),
            JsonNodeFactory.instance.textNode("x1"), JsonNodeFactory.instance.numberNode(1e-300),
            JsonNodeFactory.instance.numberNode(2));

    /** Replaces child of parent by an odd value, or removes it (pick 12 and above). */
    private static void replace(JsonNode parent, JsonNode child, int pick) {
        int k = pick % (ODD_VALUES.size() + 2);
        if (parent instanceof ObjectNode o) {
            String key = null;
            for (Map.Entry<String, JsonNode> e : o.properties()) if (e.getValue() == child) key = e.getKey();
            if (k >= ODD_VALUES.size()) o.remove(key);
            else o.set(key, ODD_VALUES.get(k).deepCopy());
        } else if (parent instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i) != child) continue;
                if (k >= ODD_VALUES.size()) a.remove(i);
                else a.set(i, ODD_VALUES.get(k).deepCopy());
                return;
            }
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(b)) {
            o.write(data);
        }
        return b.toByteArray();
    }

    private static byte[] cachedResults;

    /** The result lines of the small valid sweep, made once. */
    private static synchronized byte[] results() throws IOException {
        if (cachedResults != null) return cachedResults;
        Path dir = Files.createTempDirectory("cmlr-fuzz-base");
        try {
            Path spec = dir.resolve("s.yaml");
            Files.writeString(spec, SWEEP);
            FitCliHarness.Result r = FitCliHarness.run("sweep", spec.toString(), "--out", dir.resolve("o").toString(), "--backend", "cpu");
            assertEquals(0, r.code(), r.err());
            cachedResults = Files.readAllBytes(dir.resolve("o").resolve("runs.jsonl"));
            return cachedResults;
        } finally {
            deleteTree(dir);
        }
    }

    // ---- budget and figures ----

    /** Skips the try (counted) once the suite's time budget is spent. */
    private static void spend(String what) {
        boolean left = System.nanoTime() - START < BUDGET_NANOS;
        if (!left) SKIPPED.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
        Assume.that(left);
    }

    private static void record(String what, int code) {
        OUTCOMES.computeIfAbsent(what, k -> new ConcurrentHashMap<>()).computeIfAbsent(code, k -> new AtomicInteger()).incrementAndGet();
    }

    @AfterContainer
    static void report() throws IOException {
        StringBuilder b = new StringBuilder("cmlr fuzz suite: tries per input kind and exit code (-1: valid sweep too large to run, parsed only)\n");
        int total = 0;
        for (Map.Entry<String, Map<Integer, AtomicInteger>> e : new TreeMap<>(OUTCOMES).entrySet()) {
            int n = e.getValue().values().stream().mapToInt(AtomicInteger::get).sum();
            total += n;
            b.append(String.format("%-14s %5d tries, exit codes %s, skipped (budget) %d%n", e.getKey(), n, new TreeMap<>(e.getValue()),
                    SKIPPED.getOrDefault(e.getKey(), new AtomicInteger()).get()));
        }
        b.append(String.format("total %d tries in %.1f s (budget %d s)%n", total, (System.nanoTime() - START) / 1e9, BUDGET_NANOS / 1_000_000_000L));
        System.out.print(b);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) Files.writeString(target.resolve("fuzz-report.txt"), b.toString());
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
