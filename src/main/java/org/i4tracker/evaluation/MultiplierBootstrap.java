package org.i4tracker.evaluation;

import org.i4tracker.common.Check;
import org.i4tracker.common.DomainException;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Simultaneous (uniform) confidence band for K estimates from their influence functions by the multiplier
 * bootstrap, as R {@code did} computes it with {@code cband = TRUE} ({@code did:::mboot}; Callaway &amp;
 * Sant'Anna 2021, §4.1 and Algorithm 1).
 * <p>
 * For draws b = 1..B, with i.i.d. multipliers V_i of mean 0 and variance 1, the bootstrap deviation of
 * estimate k is Δ*_{bk} = (1/n) Σ_i V_i ψ_{ki}. Per estimate the bootstrap standard error is the
 * normal-scaled interquartile range Σ̂_k = (q_{.75} − q_{.25}) / (Φ⁻¹(.75) − Φ⁻¹(.25)) of Δ*_{·k}; the
 * critical value c is the (1 − α) quantile over b of max_k |Δ*_{bk}| / Σ̂_k; the band is θ̂_k ± c Σ̂_k.
 * It covers all K true values at once with probability → 1 − α, where K pointwise 95 % intervals cover
 * them jointly less often. Quantiles are type 1 (inverse empirical CDF), as in {@code mboot}.
 * <p>
 * Edge cases, as in {@code did}: an estimate whose bootstrap Σ̂_k is (numerically) zero — its influence
 * function is zero, e.g. no variation — is left out of the maximum and gets the degenerate band θ̂_k ± 0;
 * when every Σ̂_k is zero the critical value is 0. Multipliers: {@link Weights#RADEMACHER} (±1 each with
 * probability ½, the default) or {@link Weights#MAMMEN} (Mammen 1993, two-point with third moment 1).
 * The draws depend only on {@code seed} (java.util.SplittableRandom), so the same seed gives the same band.
 * Cost O(B n K); the loop stops with 422 if its thread is interrupted (the analytics wall-time limit).
 * Immutable and thread-safe.
 */
public final class MultiplierBootstrap {

    /** The multiplier distribution. */
    public enum Weights { RADEMACHER, MAMMEN }

    public static final int DEFAULT_ITERATIONS = 1_000;
    public static final double DEFAULT_ALPHA = 0.05;

    /** Φ⁻¹(.75) − Φ⁻¹(.25), the interquartile range of the standard normal. */
    private static final double NORMAL_IQR = 1.3489795003921634;
    /** {@code did}'s threshold for a zero bootstrap SE: √(machine ε) × 10. */
    private static final double ZERO_SE = Math.sqrt(Math.ulp(1.0)) * 10;
    private static final double SQRT5 = Math.sqrt(5);
    private static final double MAMMEN_LOW = (1 - SQRT5) / 2;
    private static final double MAMMEN_HIGH = (1 + SQRT5) / 2;
    private static final double MAMMEN_P_LOW = (SQRT5 + 1) / (2 * SQRT5);

    private final int iterations;
    private final long seed;
    private final Weights weights;
    private final double alpha;

    public MultiplierBootstrap(int iterations, long seed, Weights weights, double alpha) {
        Check.that(iterations >= 2, "iterations", "must be at least 2");
        Check.that(alpha > 0 && alpha < 1, "alpha", "must lie strictly between 0 and 1");
        this.iterations = iterations;
        this.seed = seed;
        this.weights = Check.notNull(weights, "weights");
        this.alpha = alpha;
    }

    public int iterations() {
        return iterations;
    }

    public long seed() {
        return seed;
    }

    public Weights weights() {
        return weights;
    }

    public double alpha() {
        return alpha;
    }

    /** The band for estimates {@code att[k]} with influence functions {@code psi[k]} (each of length n). */
    public Band band(double[] att, double[][] psi) {
        int k = att.length;
        Check.that(psi.length == k, "psi", "needs one influence function per estimate");
        if (k == 0) {
            return new Band(0, new double[0], new double[0], new double[0]);
        }
        int n = psi[0].length;
        double[][] draws = new double[k][iterations];
        double[] v = new double[n];
        SplittableRandom random = new SplittableRandom(seed);
        for (int b = 0; b < iterations; b++) {
            if (Thread.currentThread().isInterrupted()) {
                throw DomainException.unprocessable("bootstrap.iterations", "the bootstrap was stopped after " + b
                        + " of " + iterations + " draws; ask for fewer iterations");
            }
            drawMultipliers(random, v);
            for (int c = 0; c < k; c++) {
                double[] p = psi[c];
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += v[i] * p[i];
                }
                draws[c][b] = s / n;
            }
        }
        double[] se = new double[k];
        for (int c = 0; c < k; c++) {
            double[] sorted = draws[c].clone();
            Arrays.sort(sorted);
            double iqrSe = (quantile(sorted, 0.75) - quantile(sorted, 0.25)) / NORMAL_IQR;
            se[c] = iqrSe <= ZERO_SE ? 0 : iqrSe;
        }
        double[] maxT = new double[iterations];
        for (int b = 0; b < iterations; b++) {
            double m = 0;
            for (int c = 0; c < k; c++) {
                if (se[c] > 0) {
                    m = Math.max(m, Math.abs(draws[c][b]) / se[c]);
                }
            }
            maxT[b] = m;
        }
        Arrays.sort(maxT);
        double critical = quantile(maxT, 1 - alpha);
        double[] lower = new double[k];
        double[] upper = new double[k];
        for (int c = 0; c < k; c++) {
            lower[c] = att[c] - critical * se[c];
            upper[c] = att[c] + critical * se[c];
        }
        return new Band(critical, se, lower, upper);
    }

    private void drawMultipliers(SplittableRandom random, double[] v) {
        if (weights == Weights.RADEMACHER) {
            long bits = 0;
            for (int i = 0; i < v.length; i++) {
                if ((i & 63) == 0) {
                    bits = random.nextLong();
                }
                v[i] = (bits & 1L) == 0 ? -1 : 1;
                bits >>>= 1;
            }
        } else {
            for (int i = 0; i < v.length; i++) {
                v[i] = random.nextDouble() < MAMMEN_P_LOW ? MAMMEN_LOW : MAMMEN_HIGH;
            }
        }
    }

    /** Type 1 sample quantile of sorted values: the ⌈pB⌉-th smallest. */
    private static double quantile(double[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length - 1e-9) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /**
     * A simultaneous band: {@code criticalValue} c and, per estimate in input order, the bootstrap standard
     * error and the bounds θ̂ ± c·se.
     */
    public record Band(double criticalValue, double[] se, double[] lower, double[] upper) {
    }
}
