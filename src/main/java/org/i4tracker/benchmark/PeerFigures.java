package org.i4tracker.benchmark;


/**
 * Which peer figures a benchmark report publishes for one metric, and how coarsely (issue 17 §2: the
 * privacy floor must hold against a reader who knows algebra). Immutable and thread-safe.
 *
 * <h2>Rule</h2>
 * Let m be the number of the reader's <em>peers</em> with a score on the metric (its published group minus
 * the reader itself; m ≥ k by the floor of {@link PeerGroups}), w the resolution
 * ({@code resolutionPercent} % of the model's scale, 5 points on 0..100).
 * <ol>
 *   <li><b>Peers only.</b> Every figure is computed from the peers' scores without the reader's own. The
 *       reader's knowledge of its own score therefore adds no equation: the figures are a function of
 *       unknowns only.</li>
 *   <li><b>Classes, not values.</b> Every published figure is the midpoint of its class: the scale is cut into
 *       classes [min + jw, min + (j+1)w) (the last one closed at max) and only the midpoint of the class
 *       holding the exact figure is shown, e.g. a median of 47.3 is published as 47.5 = "45 to 50".</li>
 *   <li><b>Quantiles are scores.</b> Published quantiles are of type 1 (Hyndman &amp; Fan 1996, the inverse of
 *       the empirical distribution: the ⌈mp⌉-th smallest peer score), not the type 7 of DESIGN.md §4, which
 *       blends two neighbouring scores with weights that depend on m. Two reports whose groups differ by one
 *       firm (a new validation, a newer wave) would blend the same scores with different weights, and the two
 *       classes together pin a score below one class ({@code PrivacyFloorAttackTest} found 4.4 points with
 *       20 peers). A type-1 figure in a class says only "the j-th smallest peer lies in this class".</li>
 *   <li><b>Fewer figures in small groups.</b> With k ≤ m &lt; {@code fullFiguresFrom} peers only the median is
 *       published; from {@code fullFiguresFrom} peers also the mean, P25, P75 and P90.</li>
 *   <li><b>No exact rank.</b> The percentile rank of the reader (how many peers lie below its score) is not
 *       published: it is a count query around a known value and, next to a class boundary, narrows the
 *       neighbouring peers below w. The report gives instead the gaps between the published median / P75 and
 *       the reader's score, which the reader can compute itself — they add nothing.</li>
 * </ol>
 *
 * <h2>Why</h2>
 * Exact figures are linear equations in the peers' scores: n scores and n − 1 independent figures (here mean,
 * P25, P50, P75, P90 for 5 peers) give them all back — the reconstruction of Dinur &amp; Nissim, "Revealing
 * information while preserving privacy" (PODS 2003), in its smallest form. A floor on the group size alone
 * (k-anonymity, Sweeney 2002) does not stop it, because every figure of a k-group is still exact. Statistical
 * disclosure control handles this with coarsening of published magnitudes and with fewer cells for small
 * populations (Hundepool et al., <i>Statistical Disclosure Control</i>, Wiley 2012, §4.2–4.3 and §6.4 on
 * rounding; the dominance / p% rule asks that no contributor's value be estimable closer than p %). Here:
 * <ul>
 *   <li>A published median (or quantile) pins one order statistic — or the interpolation of two — to a class of
 *       width w: the reader learns that <em>some</em> peer's score lies in "45 to 50", never which peer, and
 *       never a narrower interval; this is the resolution at which the figures are useful anyway.</li>
 *   <li>A mean in a class of width w pins the peers' <em>sum</em> only to an interval of width m·w: differencing
 *       two means (a snapshot before and after one more validation, two nested groups) leaves the difference
 *       uncertain by ≥ (2m + 1)·w/2, which for m ≥ {@code fullFiguresFrom} spans the whole scale.</li>
 *   <li>Small groups show one figure for ≥ k unknowns; with the median alone the other peers are bounded only
 *       by the scale and the median.</li>
 *   <li>Figures are deterministic: asking again returns the same classes, so nothing averages away (unlike
 *       noise that is drawn afresh). Laplace noise with a stated ε was considered and rejected for the small
 *       groups that need protection most: the mean of 5 peers on a 0..100 scale has sensitivity 20 points, so
 *       ε = 1 means noise of scale 20 — no useful figure — and the budget would have to be shared by every
 *       metric, level and snapshot a reader can request.</li>
 * </ul>
 * {@code PrivacyFloorAttackTest} runs the linear-programming form of the attack against these figures for
 * every group size from k + 1 firms to past {@code fullFiguresFrom}, together with every {@code peers=} level
 * and the snapshots before and after one more validation or one peer's newer wave, and shows no peer left in an interval narrower than
 * w (its control shows that exact figures would give every peer back exactly).
 * <p>
 * Limits, stated in docs/security.md: a reader who already knows several peers' scores (an RTI serving several
 * firms of the group) can subtract them; on a scale whose scores are whole stages (the stage model, 0..6) a
 * class narrower than one stage still shows that some peer is at that stage; the guarantee is per metric — a
 * reader who somehow knew that one and the same peer is the median in every dimension and overall could combine
 * the seven classes through "overall = mean of the dimensions" and narrow that peer's overall score to part of
 * a class (the reports never say which peer a figure comes from, and the attack test does not model this).
 * Lowering {@code fullFiguresFrom} towards k keeps the one-class guarantee but publishes one class per peer
 * for most peers of a small group — a histogram; the default 20 keeps four quantiles to a fifth of the peers.
 */
public final class PeerFigures {

    /**
     * The published figures of one metric: {@code n} = number of peers (without the reader), values are class
     * midpoints in score points (null when not published), {@code resolution} the class width,
     * {@code withheld} the reason in words for every null figure.
     */
    public record Published(int n, Double mean, Double p25, double p50, Double p75, Double p90, double resolution,
                            String withheld) {
    }

    private final int k;
    private final int fullFiguresFrom;
    private final int resolutionPercent;

    /**
     * @param k                 the privacy floor (peers besides the reader), ≥ 1
     * @param fullFiguresFrom   peers from which mean, P25, P75 and P90 are published too, ≥ k
     * @param resolutionPercent class width in percent of the scale, a divisor of 100 (1, 2, 4, 5, 10, 20, 25, 50, 100)
     */
    public PeerFigures(int k, int fullFiguresFrom, int resolutionPercent) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (fullFiguresFrom < k) {
            throw new IllegalArgumentException("i4.benchmark.full-figures-from must be at least k = " + k + ", got " + fullFiguresFrom);
        }
        if (resolutionPercent < 1 || resolutionPercent > 100 || 100 % resolutionPercent != 0) {
            throw new IllegalArgumentException("i4.benchmark.resolution-percent must divide 100, got " + resolutionPercent);
        }
        this.k = k;
        this.fullFiguresFrom = fullFiguresFrom;
        this.resolutionPercent = resolutionPercent;
    }

    public int fullFiguresFrom() {
        return fullFiguresFrom;
    }

    /**
     * @param group the metric's scores of the whole published group (reader included when it has a score)
     * @param own   the reader's score on the metric, or null when it has none (then every score is a peer's)
     * @return the published figures, or null when fewer than k peers have a score
     */
    public Published publish(PeerDistribution group, Double own, double scaleMin, double scaleMax) {
        if (!(scaleMax > scaleMin)) {
            throw new IllegalArgumentException("scale must have max > min, got " + scaleMin + ".." + scaleMax);
        }
        if (own != null && group.n() == 1) {
            return null;
        }
        PeerDistribution peers = own == null ? group : group.without(own);
        int m = peers.n();
        if (m < k) {
            return null;
        }
        double width = (scaleMax - scaleMin) * resolutionPercent / 100.0;
        int classes = 100 / resolutionPercent;
        String classWords = "in classes of " + points(width) + " points";
        double median = midpoint(peers.rankQuantile(0.5), scaleMin, width, classes);
        if (m < fullFiguresFrom) {
            return new Published(m, null, null, median, null, null, width, m + " peers besides this firm (fewer than "
                    + fullFiguresFrom + "): only their median is published, " + classWords + "; mean, P25, P75, P90 and the"
                    + " percentile rank are withheld so that no peer's score can be worked out");
        }
        return new Published(m, midpoint(peers.mean(), scaleMin, width, classes), midpoint(peers.rankQuantile(0.25), scaleMin, width, classes),
                median, midpoint(peers.rankQuantile(0.75), scaleMin, width, classes), midpoint(peers.rankQuantile(0.9), scaleMin, width, classes),
                width, "figures are published " + classWords + "; the percentile rank is withheld so that no peer's score can be worked out");
    }

    /** The midpoint of the class [min + jw, min + (j+1)w) holding v; the top class is closed at max. */
    static double midpoint(double v, double scaleMin, double width, int classes) {
        int j = (int) Math.floor((v - scaleMin) / width);
        j = Math.max(0, Math.min(classes - 1, j));
        return scaleMin + (j + 0.5) * width;
    }

    private static String points(double width) {
        return width == Math.rint(width) ? String.valueOf((long) width) : String.valueOf(width);
    }
}
