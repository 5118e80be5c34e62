package io.github.cmlr.sweep;

import java.util.List;
import java.util.Locale;

/**
 * The axes a sweep may vary. Data axes define the synthetic dataset (and its seed); the others
 * select what is run on it, so every algorithm at one grid point and repetition sees the same data.
 */
public enum Axis {
    M("m", Kind.INT, true),
    N("n", Kind.INT, true),
    D("d", Kind.INT, true),
    SIGMA("sigma", Kind.REAL, true),
    SNR("snr", Kind.REAL, true),
    THETA_NORM("theta_norm", Kind.REAL, true),
    INIT_RADIUS("init_radius", Kind.REAL, false),
    ALGORITHM("algorithm", Kind.WORD, false),
    MODEL("model", Kind.WORD, false),
    K("K", Kind.INT, false),
    BACKEND("backend", Kind.WORD, false);

    /** How an axis value is written in YAML. */
    public enum Kind { INT, REAL, WORD }

    public static final List<String> ALGORITHMS = List.of("clustered", "standard", "oracle");
    public static final List<String> MODELS = List.of("symmetric", "mixture");
    public static final List<String> BACKENDS = List.of("auto", "cpu", "gpu");

    private final String key;
    private final Kind kind;
    private final boolean data;

    Axis(String key, Kind kind, boolean data) {
        this.key = key;
        this.kind = kind;
        this.data = data;
    }

    /** The YAML key. */
    public String key() { return key; }
    public Kind kind() { return kind; }
    /** True when the axis changes the dataset. */
    public boolean isData() { return data; }

    public static Axis byKey(String key) {
        for (Axis a : values()) if (a.key.equals(key)) return a;
        return null;
    }

    public static String keys() {
        StringBuilder b = new StringBuilder();
        for (Axis a : values()) b.append(b.length() == 0 ? "" : ", ").append(a.key);
        return b.toString();
    }

    /** The words a WORD axis accepts. */
    public List<String> words() {
        switch (this) {
            case ALGORITHM: return ALGORITHMS;
            case MODEL: return MODELS;
            case BACKEND: return BACKENDS;
            default: return List.of();
        }
    }

    /**
     * Why a value is impossible for this axis, or null when it is fine.
     *
     * @param value Long for INT, Double for REAL, String for WORD
     */
    public String check(Object value) {
        switch (this) {
            case M: case N: case D:
                long v0 = (Long) value;
                if (v0 < 1) return key + " must be >= 1, got " + value;
                return v0 <= Integer.MAX_VALUE ? null : key + " must be at most " + Integer.MAX_VALUE + ", got " + value;
            case K:
                return (Long) value == 2 ? null
                        : "K must be 2: synthetic data come from the two-component symmetric model, got " + value;
            case SIGMA: case SNR: case THETA_NORM:
                double v = (Double) value;
                return v > 0 && Double.isFinite(v) ? null : key + " must be finite and > 0, got " + value;
            case INIT_RADIUS:
                double r = (Double) value;
                return r >= 0 && Double.isFinite(r) ? null : "init_radius must be finite and >= 0, got " + value;
            default:
                String w = ((String) value).toLowerCase(Locale.ROOT);
                return words().contains(w) ? null : key + " must be one of " + words() + ", got '" + value + "'";
        }
    }
}
