package io.github.cmlr.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One finished run: a line of a sweep's results file (JSON, snake_case keys). In the file a value
 * that does not exist is left out with a {@code <field>_reason} beside it ({@link ResultLines}); here
 * it is null (objects) or NaN (finalError).
 *
 * @param thetaNorm          ||theta*|| (snr * sigma when the sweep gives the SNR)
 * @param iterations         EM steps taken (0 for the oracle)
 * @param iterationsToTarget first iteration whose error is at or below the target; null if never
 * @param finalError         sign-invariant error of the final estimate; NaN when the run failed
 * @param status             "ok", or "failed: reason" when the fit failed numerically
 * @param errorTrace         error at iterations 0..iterations (null when traces are off)
 * @param logLikTrace        log-likelihood at iterations 0..iterations (null when traces are off);
 *                           the oracle's is the grouped model's at its estimate
 * @param sweepHash          {@link SweepSpec#hash()} of the sweep that wrote the line (null in
 *                           lines of older versions)
 */
@JsonPropertyOrder(alphabetic = false)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ResultRecord(
        @JsonProperty("run_id") String runId,
        @JsonProperty("sweep") String sweep,
        @JsonProperty("m") int m,
        @JsonProperty("n") int n,
        @JsonProperty("d") int d,
        @JsonProperty("sigma") double sigma,
        @JsonProperty("snr") double snr,
        @JsonProperty("theta_norm") Double thetaNorm,
        @JsonProperty("init_radius") double initRadius,
        @JsonProperty("algorithm") String algorithm,
        @JsonProperty("model") String model,
        @JsonProperty("K") int k,
        @JsonProperty("rep") int rep,
        @JsonProperty("data_seed") long dataSeed,
        @JsonProperty("init_seed") long initSeed,
        @JsonProperty("backend") String backend,
        @JsonProperty("target") double target,
        @JsonProperty("max_iter") int maxIter,
        @JsonProperty("iterations") int iterations,
        @JsonProperty("iterations_to_target") Integer iterationsToTarget,
        @JsonProperty("final_error") double finalError,
        @JsonProperty("stop_reason") String stopReason,
        @JsonProperty("status") String status,
        @JsonProperty("error_trace") double[] errorTrace,
        @JsonProperty("loglik_trace") double[] logLikTrace,
        @JsonProperty("wall_ms") double wallMs,
        @JsonProperty("version") String version,
        @JsonProperty("commit") String commit,
        @JsonProperty("sweep_hash") String sweepHash) {

    public ResultRecord {
        if (thetaNorm == null) thetaNorm = snr * sigma; // lines of older versions left it null for SNR sweeps
    }

    /** A line without the sweep's hash (tests, and lines of older versions). */
    public ResultRecord(String runId, String sweep, int m, int n, int d, double sigma, double snr, Double thetaNorm,
                        double initRadius, String algorithm, String model, int k, int rep, long dataSeed, long initSeed,
                        String backend, double target, int maxIter, int iterations, Integer iterationsToTarget,
                        double finalError, String stopReason, String status, double[] errorTrace, double[] logLikTrace,
                        double wallMs, String version, String commit) {
        this(runId, sweep, m, n, d, sigma, snr, thetaNorm, initRadius, algorithm, model, k, rep, dataSeed, initSeed,
                backend, target, maxIter, iterations, iterationsToTarget, finalError, stopReason, status, errorTrace,
                logLikTrace, wallMs, version, commit, null);
    }

    public boolean failed() {
        return status != null && status.startsWith("failed");
    }

    public boolean reachedTarget() {
        return iterationsToTarget != null;
    }

    /** The grid point this run belongs to (the run id without the repetition). */
    public String pointKey() {
        int cut = runId.lastIndexOf(" rep=");
        return cut < 0 ? runId : runId.substring(0, cut);
    }

    /** mn, the total number of samples. */
    public long samples() {
        return (long) m * n;
    }
}
