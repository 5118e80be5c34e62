package io.github.cmlr.data;

import io.github.cmlr.model.SyntheticSpec;

/**
 * Where each quantity of a synthetic C-MLR dataset sits in the single cuRAND normal stream
 * ({@link io.github.cmlr.random.CurandNormalStream}) seeded with the spec's seed. Every segment
 * starts at a multiple of 4 so that a GPU can generate each one with its own call at a block
 * boundary.
 *
 * <pre>
 *   [thetaOffset, +d)        direction of theta* (normalised, scaled to SNR * sigma); unused if theta* is given
 *   [signOffset,  +m)        node signs: xi_j = +1 if z >= 0 else -1
 *   [xOffset,     +m*n*d)    features, node-major: x[(j*n + i)*d + k]
 *   [noiseOffset, +m*n)      noise: eps_ji = sigma * z
 *   y_ji = xi_j * &lt;x_ji, theta*&gt; + eps_ji
 * </pre>
 */
public record SyntheticLayout(long thetaOffset, long signOffset, long xOffset, long noiseOffset, long total) {

    public static SyntheticLayout of(SyntheticSpec spec) {
        long theta = 0;
        long sign = align(theta + spec.d());
        long x = align(sign + spec.m());
        long noise = align(x + spec.samples() * spec.d());
        long total = align(noise + spec.samples());
        return new SyntheticLayout(theta, sign, x, noise, total);
    }

    static long align(long v) {
        return (v + 3) & ~3L;
    }
}
