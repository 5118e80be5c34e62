package io.github.cmlr.sweep;

import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Sizes of the built-in experiments: {@code small} finishes in a few minutes on a 2-core CPU,
 * {@code paper} is sized for a GPU. The sweeps live in {@code src/main/resources/sweeps/<scale>/}.
 */
public enum Scale {
    SMALL(new ContractionSpec(20_000, 5, 4.0, List.of(1, 2, 4, 8, 16), List.of(1.0 / 14, 0.5, 1.0), 5, 31)),
    PAPER(new ContractionSpec(200_000, 10, 4.0, List.of(1, 2, 4, 8, 16, 32), List.of(1.0 / 14, 0.25, 0.5, 1.0), 10, 31));

    /** The built-in experiments, in report order. */
    public static final List<String> EXPERIMENTS = List.of("sanity", "scaling_n_fixed", "scaling_mn_fixed", "robustness");

    private final ContractionSpec contraction;

    Scale(ContractionSpec contraction) {
        this.contraction = contraction;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public ContractionSpec contraction() {
        return contraction;
    }

    public static Scale parse(String s) {
        for (Scale v : values()) if (v.id().equals(s.toLowerCase(Locale.ROOT))) return v;
        throw new CmlrException(ExitCode.USAGE, "--scale must be small or paper, got '" + s + "'");
    }

    /** The built-in sweep of an experiment at this scale. */
    public SweepSpec sweep(String experiment) {
        String path = "/sweeps/" + id() + "/" + experiment + ".yaml";
        try (InputStream in = Scale.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing built-in sweep " + path);
            return SweepSpecParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "builtin:" + path);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in sweep " + path, e);
        }
    }
}
