package io.github.cmlr.sweep;

import io.github.cmlr.backend.Backend;
import io.github.cmlr.util.AtomicFiles;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a sweep (or one shard of it) into a directory, resumably: runs already in the results file
 * are skipped. Backends are opened once and kept for all runs (a GPU keeps its context); each
 * dataset is generated once and shared by the algorithms run on it.
 */
public final class SweepRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);
    /** The copy of the spec kept beside the results; resume and merge check against it. */
    public static final String SPEC_COPY = "sweep.yaml";

    /** What a sweep invocation did. */
    public record Outcome(Path results, int planned, int skipped, int ran) {}

    private final String defaultBackend;
    private final BackendPool backends;
    private final PrintStream err;
    private final boolean terminal;

    /**
     * @param defaultBackend auto, cpu or gpu: used for runs whose spec has no backend axis
     * @param backends       where backends come from; the caller closes it
     */
    public SweepRunner(String defaultBackend, BackendPool backends, PrintStream err, boolean terminal) {
        this.defaultBackend = defaultBackend;
        this.backends = backends;
        this.err = err;
        this.terminal = terminal;
    }

    /**
     * @param shardIndex 0-based shard, or -1 for the whole sweep
     */
    public Outcome run(SweepSpec spec, Path dir, int shardIndex, int shardCount) {
        SweepPlan plan = SweepPlan.expand(spec);
        List<RunPoint> runs = shardIndex < 0 ? plan.runs() : plan.shard(shardIndex, shardCount);
        String fileName = shardIndex < 0 ? ResultLines.RESULTS : ResultLines.shardFile(shardIndex, shardCount);
        for (RunPoint r : runs) backends.get(backendOf(r)); // a missing GPU fails here, before any file exists
        Leftovers created = Leftovers.before(dir, fileName);
        try (ResultStore store = ResultStore.open(dir, fileName)) {
            try {
                Set<String> ids = new HashSet<>();
                for (RunPoint r : runs) ids.add(r.runId());
                boolean specKept = checkSpec(spec, dir); // a stored spec of another sweep is the clearer message
                store.requireOwnedBy(spec, ids);
                if (!specKept) {
                    storeSpec(spec, dir);
                    created.created(dir.resolve(SPEC_COPY));
                }
                List<RunPoint> todo = new ArrayList<>();
                for (RunPoint r : runs) if (!store.isDone(r.runId())) todo.add(r);
                LOG.info("sweep '{}': {} runs in {}, {} already done, {} to run", spec.name(), runs.size(),
                        store.file(), runs.size() - todo.size(), todo.size());
                runAll(spec, todo, store);
                return new Outcome(store.file(), runs.size(), runs.size() - todo.size(), todo.size());
            } catch (RuntimeException | Error e) {
                if (store.appended() == 0) created.remove();
                throw e;
            }
        }
    }

    private String backendOf(RunPoint r) {
        return r.backend() == null ? defaultBackend : r.backend();
    }

    private void runAll(SweepSpec spec, List<RunPoint> todo, ResultStore store) {
        Progress progress = new Progress(err, terminal, todo.size(), Duration.ofSeconds(10));
        RunExecutor executor = new RunExecutor(spec);
        for (List<RunPoint> group : SweepPlan.byDataset(todo).values()) {
            for (Map.Entry<String, List<RunPoint>> perBackend : byBackend(group).entrySet()) {
                Backend backend = backends.get(perBackend.getKey());
                List<RunPoint> runs = perBackend.getValue();
                try (DatasetContext ctx = new DatasetContext(backend, runs.get(0).syntheticSpec(spec.seed()))) {
                    ctx.data(); // generated once, outside every run's wall time
                    for (RunPoint run : runs) {
                        store.append(executor.execute(run, ctx));
                        progress.advance();
                    }
                }
            }
        }
    }

    private Map<String, List<RunPoint>> byBackend(List<RunPoint> group) {
        Map<String, List<RunPoint>> out = new LinkedHashMap<>();
        for (RunPoint r : group) {
            out.computeIfAbsent(backendOf(r), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    /** A directory holds one sweep: refuse to mix results of a different spec into it. */
    static void checkOrStoreSpec(SweepSpec spec, Path dir) {
        if (!checkSpec(spec, dir)) storeSpec(spec, dir);
    }

    /**
     * Refuses a directory whose spec copy is another sweep's.
     *
     * @return true when the directory has the spec copy (of this sweep)
     */
    static boolean checkSpec(SweepSpec spec, Path dir) {
        Path copy = dir.resolve(SPEC_COPY);
        if (!Files.exists(copy)) return false;
        SweepSpec stored = SweepSpecParser.parse(copy);
        if (!stored.fingerprint().equals(spec.fingerprint())) {
            throw new CmlrException(ExitCode.SPEC, dir + " holds results of a different sweep (" + copy
                    + "); use another --out directory");
        }
        return true;
    }

    private static void storeSpec(SweepSpec spec, Path dir) {
        AtomicFiles.write(dir.resolve(SPEC_COPY), out -> out.write(spec.source().getBytes(StandardCharsets.UTF_8)));
    }
}
