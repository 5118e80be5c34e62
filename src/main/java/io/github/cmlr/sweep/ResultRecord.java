package io.github.cmlr.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One finished run: a line of a sweep's results file (JSON, snake_case keys). Doubles that are
 * unknown are null (e.g. {@code thetaNorm} when the sweep gives the SNR).
 *
 * @param iterations         EM steps taken (0 for the oracle)
 * @param iterationsToTarget first iteration whose error is at or below the target; null if never
 * @param finalError         sign-invariant error of the final estimate
 * @param status             "ok", or "failed: reason" when the fit failed numerically
 * @param errorTrace         error at iterations 0..iterations (null when traces are off)
 * @param logLikTrace        log-likelihood at iterations 0..iterations (null when traces are off)
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
        @JsonProperty("commit") String commit) {

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
