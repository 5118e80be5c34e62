package io.github.cmlr.sweep;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A validated sweep: the axes and how they combine, repetitions, stopping rule and outputs.
 * Build one with {@link SweepSpecParser}; expand it with {@link SweepPlan}.
 *
 * @param axes        every axis with its values (Long for integer axes, Double for real ones,
 *                    lower-case String for words), defaults filled in; backend only when given
 * @param zip         groups of axes that move together (the i-th values of each go together)
 * @param maxRuns     the largest number of runs this spec may expand to
 * @param traces      write the error and log-likelihood traces into each result line
 * @param source      the YAML text the spec was parsed from (stored beside the results)
 */
public record SweepSpec(String name, long seed, int repetitions, long maxRuns, Map<Axis, List<Object>> axes,
                        List<List<Axis>> zip, Stopping stopping, boolean traces, String source) {

    public SweepSpec {
        axes = new EnumMap<>(axes);
        zip = List.copyOf(zip);
    }

    public List<Object> values(Axis axis) {
        return axes.get(axis);
    }

    /** A canonical description: equal for two specs exactly when they expand to the same runs with the same numbers. */
    public String fingerprint() {
        return "seed=" + seed + " repetitions=" + repetitions + " axes=" + axes + " zip=" + zip
                + " stopping=" + stopping + " traces=" + traces;
    }
}
