package io.github.cmlr.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
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

    /** 16 hex digits of the SHA-256 of the fingerprint: stamped on every result line, so that a line names its sweep. */
    public String hash() {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(fingerprint().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** A canonical description: equal for two specs exactly when they expand to the same runs with the same numbers. */
    public String fingerprint() {
        return "seed=" + seed + " repetitions=" + repetitions + " axes=" + axes + " zip=" + zip
                + " stopping=" + stopping + " traces=" + traces;
    }
}
