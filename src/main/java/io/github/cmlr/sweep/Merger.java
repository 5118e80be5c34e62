package io.github.cmlr.sweep;

import io.github.cmlr.util.AtomicFiles;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Joins the results of a sweep's shards into one {@code runs.jsonl} in plan order, after checking
 * that every run of the plan is there exactly once.
 */
public final class Merger {
    private static final int LISTED = 10;

    /** What a merge found. */
    public record Report(int expected, int found, List<String> missing, List<String> duplicated,
                         List<String> unexpected) {
        public boolean complete() {
            return missing.isEmpty() && duplicated.isEmpty() && unexpected.isEmpty();
        }
    }

    private Merger() {}

    /**
     * The result files under the inputs: a directory contributes its shard files
     * (runs-shard-*.jsonl), or its runs.jsonl when it has no shard files; so shards may share one
     * directory and be merged into it.
     */
    public static List<Path> resultFiles(List<Path> inputs) {
        List<Path> files = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                List<Path> shards;
                try (Stream<Path> s = Files.list(in)) {
                    shards = s.filter(p -> p.getFileName().toString().matches("runs-shard-.*\\.jsonl")).sorted().toList();
                } catch (IOException e) {
                    throw new CmlrException(ExitCode.IO, "cannot list " + in + ": " + e.getMessage(), e);
                }
                if (!shards.isEmpty()) files.addAll(shards);
                else if (Files.isRegularFile(in.resolve(ResultLines.RESULTS))) files.add(in.resolve(ResultLines.RESULTS));
            } else if (Files.isRegularFile(in)) {
                files.add(in);
            } else {
                throw new CmlrException(ExitCode.IO, "merge input not found: " + in);
            }
        }
        if (files.isEmpty()) throw new CmlrException(ExitCode.IO, "no runs-shard-*.jsonl or runs.jsonl under " + inputs);
        return files;
    }

    /**
     * Checks the records of the files against the plan of the spec. A line stamped with another
     * sweep's hash is foreign even when its run id is in the plan (same grid, other seed or stopping).
     */
    public static Report check(SweepSpec spec, List<ResultRecord> records) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> foreign = new ArrayList<>();
        String hash = spec.hash();
        for (ResultRecord r : records) {
            if (r.sweepHash() != null && !r.sweepHash().equals(hash)) {
                foreign.add(r.runId() + " (sweep_hash " + r.sweepHash() + ", this sweep's is " + hash + ")");
            } else {
                seen.merge(r.runId(), 1, Integer::sum);
            }
        }
        List<String> missing = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        Map<String, Boolean> planned = new HashMap<>();
        List<RunPoint> runs = SweepPlan.expand(spec).runs();
        for (RunPoint p : runs) {
            planned.put(p.runId(), Boolean.TRUE);
            int c = seen.getOrDefault(p.runId(), 0);
            if (c == 0) missing.add(p.runId());
            if (c > 1) duplicated.add(p.runId() + " (" + c + " times)");
        }
        List<String> unexpected = new ArrayList<>(foreign);
        for (String id : seen.keySet()) if (!planned.containsKey(id)) unexpected.add(id);
        return new Report(runs.size(), records.size(), missing, duplicated, unexpected);
    }

    /**
     * Merges into {@code outDir/runs.jsonl}; fails with {@link ExitCode#INCOMPLETE} naming the
     * missing and duplicated runs, writing nothing.
     */
    public static Report merge(SweepSpec spec, List<Path> inputs, Path outDir) {
        List<ResultRecord> all = new ArrayList<>();
        for (Path f : resultFiles(inputs)) all.addAll(ResultLines.read(f).records());
        Report report = check(spec, all);
        if (!report.complete()) throw new CmlrException(ExitCode.INCOMPLETE, describe(report));
        Map<String, ResultRecord> byId = new LinkedHashMap<>();
        for (ResultRecord r : all) byId.put(r.runId(), r);
        AtomicFiles.write(outDir.resolve(ResultLines.RESULTS), out -> {
            for (RunPoint p : SweepPlan.expand(spec).runs()) out.write(ResultLines.encode(byId.get(p.runId())));
        });
        Path copy = outDir.resolve(SweepRunner.SPEC_COPY);
        if (!holds(copy, spec.source())) AtomicFiles.write(copy, out -> out.write(spec.source().getBytes(StandardCharsets.UTF_8)));
        return report;
    }

    /** True when the file exists with exactly this text (then rewriting it would change nothing). */
    private static boolean holds(Path file, String text) {
        try {
            return Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static String describe(Report r) {
        StringBuilder b = new StringBuilder("merge found " + r.found() + " lines for " + r.expected() + " planned runs");
        list(b, "missing", r.missing());
        list(b, "duplicated", r.duplicated());
        list(b, "not in the sweep", r.unexpected());
        return b.toString();
    }

    private static void list(StringBuilder b, String what, List<String> ids) {
        if (ids.isEmpty()) return;
        b.append("\n  ").append(ids.size()).append(' ').append(what).append(':');
        for (int i = 0; i < Math.min(LISTED, ids.size()); i++) b.append("\n    ").append(ids.get(i));
        if (ids.size() > LISTED) b.append("\n    ... and ").append(ids.size() - LISTED).append(" more");
    }
}
