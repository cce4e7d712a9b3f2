package org.i4tracker.benchmark;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Reference values: R {@code quantile(x, type = 7)} (= NumPy {@code np.quantile(x, q)} default "linear",
 * which was run to cross-check every number below) and SciPy {@code stats.percentileofscore(x, s, kind="mean")}
 * for the mid-rank percentile rank. Arithmetic by hand in the comments; tolerance 1e-12 (exact decimals).
 */
class PeerDistributionTest {

    private static final double TOL = 1e-12;

    // sorted: 12, 35, 40, 47, 55, 63, 81 (n = 7, n − 1 = 6)
    private final PeerDistribution seven = PeerDistribution.of(new double[] {55, 12, 81, 40, 63, 35, 47});
    // sorted: 20, 20, 50, 50, 50, 90 (n = 6, n − 1 = 5)
    private final PeerDistribution ties = PeerDistribution.of(new double[] {50, 20, 90, 50, 20, 50});

    @Test
    void quantilesOfSevenScoresMatchRType7() {
        assertEquals(37.5, seven.quantile(0.25), TOL);  // h = 1.5: 35 + 0.5·(40 − 35)
        assertEquals(47.0, seven.quantile(0.50), TOL);  // h = 3: x(3) = 47
        assertEquals(59.0, seven.quantile(0.75), TOL);  // h = 4.5: 55 + 0.5·(63 − 55)
        assertEquals(70.2, seven.quantile(0.90), TOL);  // h = 5.4: 63 + 0.4·(81 − 63)
        assertEquals(12.0, seven.quantile(0.0), TOL);   // min
        assertEquals(81.0, seven.quantile(1.0), TOL);   // max
        assertEquals(333.0 / 7, seven.mean(), TOL);     // (12+35+40+47+55+63+81) / 7 = 47.571428…
    }

    @Test
    void quantilesWithTiesMatchRType7() {
        assertEquals(27.5, ties.quantile(0.25), TOL);   // h = 1.25: 20 + 0.25·(50 − 20)
        assertEquals(50.0, ties.quantile(0.50), TOL);   // h = 2.5: 50 + 0.5·(50 − 50)
        assertEquals(50.0, ties.quantile(0.75), TOL);   // h = 3.75: 50 + 0.75·0
        assertEquals(70.0, ties.quantile(0.90), TOL);   // h = 4.5: 50 + 0.5·(90 − 50)
    }

    @Test
    void percentileRankIsMidRank() {
        assertEquals(100 * 3.5 / 6, ties.percentileRank(50), TOL);  // 2 below + 3 ties / 2 → 58.333… (SciPy "mean")
        assertEquals(100 * 6.5 / 7, seven.percentileRank(81), TOL); // strict max: 6 below + ½ → 92.857… (SciPy "mean")
        assertEquals(100 * 0.5 / 7, seven.percentileRank(12), TOL); // strict min: ½ / 7 → 7.142857…
        assertEquals(100 * 4.0 / 7, seven.percentileRank(50), TOL); // not a member: 4 below, no tie → 57.142857…
        assertEquals(0.0, seven.percentileRank(0), TOL);
        assertEquals(100.0, seven.percentileRank(100), TOL);
    }

    @Test
    void gapToP75IsPointsBelowP75() {
        assertEquals(59.0 - 40.0, seven.gapToP75(40), TOL);
        assertEquals(59.0 - 81.0, seven.gapToP75(81), TOL);  // above P75: negative
    }

    @Test
    void rankQuantileIsRType1() {
        // R quantile(x, type = 1) = the ⌈np⌉-th smallest: n = 7 → ⌈1.75⌉ = 2nd, ⌈3.5⌉ = 4th, ⌈5.25⌉ = 6th, ⌈6.3⌉ = 7th
        assertEquals(35.0, seven.rankQuantile(0.25), TOL);
        assertEquals(47.0, seven.rankQuantile(0.50), TOL);
        assertEquals(63.0, seven.rankQuantile(0.75), TOL);
        assertEquals(81.0, seven.rankQuantile(0.90), TOL);
        // n = 6 (20, 20, 50, 50, 50, 90): ⌈3⌉ = 3rd = 50 (lower middle), ⌈1.5⌉ = 2nd = 20, ⌈5.4⌉ = 6th = 90
        assertEquals(50.0, ties.rankQuantile(0.50), TOL);
        assertEquals(20.0, ties.rankQuantile(0.25), TOL);
        assertEquals(90.0, ties.rankQuantile(0.90), TOL);
        assertThrows(IllegalArgumentException.class, () -> seven.rankQuantile(0));
    }

    @Test
    void withoutTakesOutOneOccurrence() {
        // the reader's peers: one 50 of 20, 20, 50, 50, 50, 90 removed → 20, 20, 50, 50, 90 (n = 5, h = 4p)
        PeerDistribution peers = ties.without(50);
        assertEquals(5, peers.n());
        assertEquals(50.0, peers.quantile(0.5), TOL);   // h = 2: x(2) = 50
        assertEquals(20.0, peers.quantile(0.25), TOL);  // h = 1: x(1) = 20
        assertEquals(230.0 / 5, peers.mean(), TOL);     // (20 + 20 + 50 + 50 + 90) / 5
        assertEquals(6, ties.n(), "the original is unchanged");
        assertEquals(321.0 / 6, seven.without(12 + 1e-12).mean(), TOL); // within the 1e-9 tie tolerance: (333 − 12) / 6
        assertThrows(IllegalArgumentException.class, () -> seven.without(13));
        assertThrows(IllegalArgumentException.class, () -> PeerDistribution.of(new double[] {42}).without(42));
    }

    @Test
    void edgeCases() {
        PeerDistribution one = PeerDistribution.of(new double[] {42});
        assertEquals(42.0, one.quantile(0.9), TOL);
        assertEquals(50.0, one.percentileRank(42), TOL);
        PeerDistribution flat = PeerDistribution.of(new double[] {30, 30, 30, 30, 30});  // zero variance
        assertEquals(new PeerDistribution.Figures(5, 30, 30, 30, 30, 30), flat.figures());
        assertThrows(IllegalArgumentException.class, () -> PeerDistribution.of(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> PeerDistribution.of(new double[] {1, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> seven.quantile(1.5));
    }

    /**
     * {@code replaced} must give exactly what sorting the changed scores again gives (the same sorted scores, so the
     * same figures to the last bit): random groups with ties, scores taken out and put in, including the same value
     * taken out and put back.
     */
    @Test
    void replacingScoresGivesTheDistributionOfTheChangedScores() {
        java.util.Random random = new java.util.Random(22);
        for (int round = 0; round < 500; round++) {
            int n = 1 + random.nextInt(60);
            java.util.List<Double> scores = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                scores.add(random.nextInt(5) == 0 ? 50.0 : Math.round(random.nextDouble() * 1000) / 10.0);
            }
            PeerDistribution before = PeerDistribution.of(scores.stream().mapToDouble(Double::doubleValue).toArray());
            java.util.Collections.shuffle(scores, random);
            int out = random.nextInt(Math.min(n, 4) + 1);
            double[] removed = new double[out];
            for (int i = 0; i < out; i++) {
                removed[i] = scores.remove(scores.size() - 1);
            }
            double[] added = new double[random.nextInt(4)];
            for (int i = 0; i < added.length; i++) {
                added[i] = i == 0 && out > 0 && random.nextBoolean() ? removed[0] : random.nextInt(5) == 0 ? 50.0
                        : Math.round(random.nextDouble() * 1000) / 10.0;
                scores.add(added[i]);
            }
            PeerDistribution after = before.replaced(removed, added);
            if (scores.isEmpty()) {
                assertEquals(null, after, "nothing left");
                continue;
            }
            PeerDistribution expected = PeerDistribution.of(scores.stream().mapToDouble(Double::doubleValue).toArray());
            assertEquals(expected.figures(), after.figures(), "round " + round);
            for (double p : new double[] {0.1, 0.33, 0.5, 0.9, 1.0}) {
                assertEquals(expected.rankQuantile(p), after.rankQuantile(p), "round " + round + " p " + p);
            }
            assertEquals(expected.percentileRank(50.0), after.percentileRank(50.0), "round " + round);
        }
    }

    @Test
    void replacingAScoreThatIsNotThereIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> seven.replaced(new double[] {36}, new double[] {36}));
        assertThrows(IllegalArgumentException.class, () -> seven.replaced(new double[] {81, 81}, new double[0]),
                "81 occurs once");
        assertThrows(IllegalArgumentException.class, () -> seven.replaced(new double[0], new double[] {Double.NaN}));
        assertEquals(6, ties.replaced(new double[] {50}, new double[] {51}).n());
    }
}
