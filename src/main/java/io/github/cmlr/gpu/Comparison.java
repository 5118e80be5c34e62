package io.github.cmlr.gpu;

/**
 * One line of a cross-check: the largest difference between a reference (CPU) and a candidate
 * (GPU) quantity, scaled by {@code max(1, max |reference|)}, against its tolerance.
 *
 * @param scope     e.g. "clustered/symmetric"
 * @param quantity  e.g. "posteriors" or "theta after iteration 3"
 * @param maxAbs    largest absolute difference (NaN or infinity fails)
 * @param scaled    maxAbs / max(1, max |reference|)
 * @param tolerance the documented bound on {@code scaled}
 */
public record Comparison(String scope, String quantity, double maxAbs, double scaled, double tolerance) {

    public boolean passed() {
        return scaled <= tolerance;
    }

    /** Compares two arrays of the same length; a length mismatch or a NaN fails. */
    public static Comparison of(String scope, String quantity, double[] reference, double[] candidate, double tolerance) {
        if (reference.length != candidate.length) {
            return new Comparison(scope, quantity + " (length " + reference.length + " vs " + candidate.length + ")",
                    Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, tolerance);
        }
        double maxAbs = 0;
        double scale = 1;
        for (int i = 0; i < reference.length; i++) {
            double diff = Math.abs(reference[i] - candidate[i]);
            if (Double.isNaN(diff)) diff = Double.POSITIVE_INFINITY;
            maxAbs = Math.max(maxAbs, diff);
            scale = Math.max(scale, Math.abs(reference[i]));
        }
        return new Comparison(scope, quantity, maxAbs, maxAbs / scale, tolerance);
    }

    public static Comparison of(String scope, String quantity, double reference, double candidate, double tolerance) {
        return of(scope, quantity, new double[] {reference}, new double[] {candidate}, tolerance);
    }

    /** Exact comparison of integer arrays (labels): scaled is the number of mismatches. */
    public static Comparison exact(String scope, String quantity, int[] reference, int[] candidate) {
        double mismatches = reference.length == candidate.length ? 0 : Double.POSITIVE_INFINITY;
        for (int i = 0; i < Math.min(reference.length, candidate.length); i++) if (reference[i] != candidate[i]) mismatches++;
        return new Comparison(scope, quantity, mismatches, mismatches, 0);
    }
}
