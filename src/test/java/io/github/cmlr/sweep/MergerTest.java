package io.github.cmlr.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.cli.Main;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergerTest {
    @TempDir
    Path dir;

    private final SweepSpec spec = SweepSpecParser.parse(SweepSpecParserTest.GOOD, "t.yaml");
    private final SweepPlan plan = SweepPlan.expand(spec);

    /** Writes shard files as a sharded sweep would, with fake results. */
    private List<Path> writeShards(int count) {
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path d = dir.resolve("shard" + i);
            try (ResultStore s = ResultStore.open(d, ResultLines.shardFile(i, count))) {
                SweepRunner.checkOrStoreSpec(spec, d);
                for (RunPoint r : plan.shard(i, count)) s.append(ResultStoreTest.record(r.runId(), 1));
            }
            dirs.add(d);
        }
        return dirs;
    }

    @Test
    void completeShardsMergeInPlanOrder() throws Exception {
        List<Path> shards = writeShards(3);
        Merger.Report r = Merger.merge(spec, shards, dir.resolve("all"));
        assertTrue(r.complete());
        List<String> lines = Files.readAllLines(dir.resolve("all/runs.jsonl"), StandardCharsets.UTF_8);
        assertEquals(plan.runs().size(), lines.size());
        for (int i = 0; i < lines.size(); i++) assertEquals(plan.runs().get(i).runId(), ResultLines.decode(lines.get(i)).runId());
    }

    @Test
    void aMissingShardIsReportedWithExitCode11() {
        List<Path> shards = writeShards(3);
        shards.remove(1);
        CmlrException e = assertThrows(CmlrException.class, () -> Merger.merge(spec, shards, dir.resolve("all")));
        assertEquals(ExitCode.INCOMPLETE, e.exitCode());
        assertTrue(e.getMessage().contains(plan.shard(1, 3).size() + " missing"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("all/runs.jsonl")), "nothing written");
    }

    @Test
    void aDuplicatedRunIsReported() {
        List<Path> shards = writeShards(2);
        shards.add(shards.get(0));
        CmlrException e = assertThrows(CmlrException.class, () -> Merger.merge(spec, shards, dir.resolve("all")));
        assertEquals(ExitCode.INCOMPLETE, e.exitCode());
        assertTrue(e.getMessage().contains("duplicated") && e.getMessage().contains("(2 times)"), e.getMessage());
    }

    @Test
    void theCommandUsesTheSpecCopyAndReturnsTheExitCode() {
        List<Path> shards = writeShards(2);
        assertEquals(0, Main.run("merge", "--out", dir.resolve("all").toString(), shards.get(0).toString(),
                shards.get(1).toString()));
        assertEquals(ExitCode.INCOMPLETE.code(), Main.run("merge", "--out", dir.resolve("none").toString(),
                shards.get(0).toString()));
    }

    @Test
    void shardsSharingOneDirectoryMergeIntoIt() {
        Path shared = dir.resolve("shared");
        for (int i = 0; i < 3; i++) {
            try (ResultStore s = ResultStore.open(shared, ResultLines.shardFile(i, 3))) {
                SweepRunner.checkOrStoreSpec(spec, shared);
                for (RunPoint r : plan.shard(i, 3)) s.append(ResultStoreTest.record(r.runId(), 1));
            }
        }
        assertEquals(0, Main.run("merge", "--out", shared.toString(), shared.toString()));
        // merging again reads the shard files, not the merged runs.jsonl beside them: still no duplicates
        assertEquals(0, Main.run("merge", "--out", shared.toString(), shared.toString()));
        assertEquals(plan.runs().size(), ResultLines.read(shared.resolve(ResultLines.RESULTS)).records().size());
    }
}
