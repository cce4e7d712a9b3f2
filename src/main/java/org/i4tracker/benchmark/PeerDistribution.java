package org.i4tracker.benchmark;

import java.util.Arrays;

/**
 * The scores of one peer group on one dimension (or overall), sorted; immutable and thread-safe.
 *
 * <h2>Formulas</h2>
 * With the sorted scores x<sub>1</sub> ≤ … ≤ x<sub>n</sub> (model scale, 0..100 for digital maturity):
 * <ul>
 *   <li><b>Quantile</b> Q(p), p ∈ [0, 1]: linear interpolation between order statistics, sample quantile
 *       type 7 of Hyndman &amp; Fan (1996), "Sample quantiles in statistical packages", The American
 *       Statistician 50(4) — the default of R's {@code quantile()} and of NumPy. With h = (n − 1)p
 *       (0-based order statistics x<sub>(0)</sub> … x<sub>(n−1)</sub>):
 *       Q = x<sub>(⌊h⌋)</sub> + (h − ⌊h⌋)(x<sub>(⌊h⌋+1)</sub> − x<sub>(⌊h⌋)</sub>); Q(0) = min, Q(1) = max.</li>
 *   <li><b>Mean</b>: Σx / n.</li>
 *   <li><b>Percentile rank</b> of a score s (the "mid-rank" definition):
 *       PR = 100 · (B + E/2) / n, where B = number of scores strictly below s and E = number equal to s
 *       (within 1e-9, so a firm that is itself in the group counts half for its own tie). PR is in
 *       [0, 100]: 50 for the only member of a group, 100·(n−½)/n for the strict maximum.</li>
 *   <li><b>Gap to P75</b>: Q(0.75) − s in score points; positive when the firm is below P75, zero or
 *       negative when it is at or above.</li>
 * </ul>
 * Edge cases: an empty distribution cannot be built (callers never publish figures from fewer than the
 * privacy floor anyway); n = 1 gives every quantile equal to the single score; identical scores (zero
 * variance) give Q(p) equal to that score for every p. Non-finite scores are rejected.
 */
public final class PeerDistribution {

    private static final double TIE = 1e-9;

    /** The figures published for one dimension: all in score points except n and the rank (0..100). */
    public record Figures(int n, double mean, double p25, double p50, double p75, double p90) {
    }

    private final double[] sorted;
    private final double mean;

    private PeerDistribution(double[] sorted) {
        this.sorted = sorted;
        double sum = 0;
        for (double x : sorted) {
            sum += x;
        }
        this.mean = sum / sorted.length;
    }

    /** Copies and sorts the scores; rejects an empty array and non-finite values. */
    public static PeerDistribution of(double[] scores) {
        if (scores.length == 0) {
            throw new IllegalArgumentException("a peer distribution needs at least one score");
        }
        double[] copy = scores.clone();
        for (double x : copy) {
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException("scores must be finite, got " + x);
            }
        }
        Arrays.sort(copy);
        return new PeerDistribution(copy);
    }

    /**
     * The distribution of this one's scores with {@code removed} taken out (one occurrence each, exactly equal) and
     * {@code added} put in: the same sorted array, and so the same figures, as {@link #of} of the changed scores gives,
     * built in one pass over the sorted scores (O(n + k log k) for k changes) instead of sorting n scores again.
     *
     * @return null when no score is left
     * @throws IllegalArgumentException when a removed score is not in the distribution, or an added one is not finite
     */
    public PeerDistribution replaced(double[] removed, double[] added) {
        double[] out = removed.clone();
        double[] in = added.clone();
        Arrays.sort(out);
        Arrays.sort(in);
        for (double x : in) {
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException("scores must be finite, got " + x);
            }
        }
        int n = sorted.length - out.length + in.length;
        if (n < 0) {
            throw new IllegalArgumentException("more scores removed than the distribution holds");
        }
        double[] merged = new double[sorted.length + in.length];
        int i = 0;
        int o = 0;
        int a = 0;
        int w = 0;
        while (i < sorted.length || a < in.length) {
            if (i < sorted.length && o < out.length && Double.compare(sorted[i], out[o]) == 0) {
                i++;
                o++;
            } else if (a < in.length && (i >= sorted.length || Double.compare(in[a], sorted[i]) <= 0)) {
                merged[w++] = in[a++];
            } else {
                if (o < out.length && Double.compare(sorted[i], out[o]) > 0) {
                    break; // out[o] was passed without a match
                }
                merged[w++] = sorted[i++];
            }
        }
        if (o < out.length) {
            throw new IllegalArgumentException("score " + out[o] + " is not in the distribution");
        }
        return n == 0 ? null : new PeerDistribution(w == merged.length ? merged : Arrays.copyOf(merged, w));
    }

    public int n() {
        return sorted.length;
    }

    public double mean() {
        return mean;
    }

    /** Type 7 quantile, see the class comment; p must be in [0, 1]. */
    public double quantile(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be in [0, 1], got " + p);
        }
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    /**
     * Inverse of the empirical distribution function, sample quantile type 1 of Hyndman &amp; Fan (1996):
     * the order statistic x<sub>(⌈np⌉)</sub> (1-based), p in (0, 1]. Unlike type 7 it is always one of the
     * scores, never a weighted blend of two — what {@link PeerFigures} publishes in classes, so that no two
     * published figures blend the same scores with different weights.
     */
    public double rankQuantile(double p) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be in (0, 1], got " + p);
        }
        int rank = (int) Math.ceil(sorted.length * p - 1e-9);
        return sorted[Math.max(1, rank) - 1];
    }

    /** Mid-rank percentile rank of {@code score} in 0..100, see the class comment. */
    public double percentileRank(double score) {
        int below = 0;
        int equal = 0;
        for (double x : sorted) {
            if (x < score - TIE) {
                below++;
            } else if (x <= score + TIE) {
                equal++;
            } else {
                break;
            }
        }
        return 100.0 * (below + 0.5 * equal) / sorted.length;
    }

    /**
     * The same scores with one occurrence of {@code score} (within 1e-9) taken out: the reader's peers when the
     * distribution is its group. Rejects a score that is not in the distribution and the last remaining score.
     */
    public PeerDistribution without(double score) {
        int at = Arrays.binarySearch(sorted, score);
        if (at < 0) {
            int next = -at - 1;
            at = next < sorted.length && Math.abs(sorted[next] - score) <= TIE ? next
                    : next > 0 && Math.abs(sorted[next - 1] - score) <= TIE ? next - 1 : -1;
        }
        if (at < 0) {
            throw new IllegalArgumentException("score " + score + " is not in the distribution");
        }
        if (sorted.length == 1) {
            throw new IllegalArgumentException("a peer distribution needs at least one score");
        }
        double[] rest = new double[sorted.length - 1];
        System.arraycopy(sorted, 0, rest, 0, at);
        System.arraycopy(sorted, at + 1, rest, at, sorted.length - at - 1);
        return new PeerDistribution(rest);
    }

    /** Q(0.75) − score: how many points the score is below P75 (negative when above). */
    public double gapToP75(double score) {
        return quantile(0.75) - score;
    }

    public Figures figures() {
        return new Figures(sorted.length, mean, quantile(0.25), quantile(0.5), quantile(0.75), quantile(0.9));
    }
}
