package io.github.cmlr.sweep;

import java.nio.file.Path;
import java.util.List;

/** One built-in experiment after its sweep and summary: what the report reads. */
public record ExperimentResult(String name, SweepSpec spec, List<ResultRecord> records, List<PointSummary> points,
                               List<Path> plots) {

    /** A plot's file name if the summary drew it, else null. */
    public String plot(String base) {
        for (Path p : plots) if (p.getFileName().toString().equals(base + ".png")) return name + "/" + base + ".png";
        return null;
    }
}
