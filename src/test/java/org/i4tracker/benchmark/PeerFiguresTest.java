package org.i4tracker.benchmark;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published figures of {@link PeerFigures} with k = 5, all figures from 20 peers, classes of 5 % (the defaults).
 * Expected values: R {@code quantile(x, type = 1)} of the peers (reader taken out; Hyndman &amp; Fan 1996 definition 1,
 * the ⌈mp⌉-th smallest of m scores) by hand in the comments, then the midpoint of the 5-point class holding it;
 * tolerance 1e-12 (exact decimals).
 */
class PeerFiguresTest {

    private static final double TOL = 1e-12;
    private final PeerFigures figures = new PeerFigures(5, 20, 5);

    @Test
    void smallGroupGetsOnlyTheMedianOfThePeersInItsClass() {
        // group of 6: reader 61.0, peers 12, 35, 40, 47, 55 → median: ⌈2.5⌉ = 3rd = 40.0 → class [40, 45) → 42.5
        PeerFigures.Published p = figures.publish(PeerDistribution.of(new double[] {55, 12, 61, 40, 35, 47}), 61.0, 0, 100);
        assertEquals(5, p.n());
        assertEquals(42.5, p.p50(), TOL);
        assertNull(p.mean());
        assertNull(p.p25());
        assertNull(p.p75());
        assertNull(p.p90());
        assertEquals(5.0, p.resolution(), TOL);
        assertTrue(p.withheld().contains("5 peers besides this firm (fewer than 20): only their median is published"), p.withheld());
    }

    @Test
    void evenNumberOfPeersTakesTheLowerMiddleScoreNotABlend() {
        // group of 7 with the reader at 12: peers 35, 40, 47, 55, 63, 81 → median: ⌈3⌉ = 3rd = 47 → [45, 50) → 47.5
        // (type 7 would blend (47 + 55) / 2 = 51 → 52.5)
        PeerFigures.Published p = figures.publish(PeerDistribution.of(new double[] {55, 12, 81, 40, 63, 35, 47}), 12.0, 0, 100);
        assertEquals(6, p.n());
        assertEquals(47.5, p.p50(), TOL);
    }

    @Test
    void readerWithoutAScoreLeavesEveryScoreAPeer() {
        // no own score on this metric: all 6 scores 12, 35, 40, 47, 55, 61 are peers; median: 3rd = 40 → [40, 45) → 42.5
        PeerFigures.Published p = figures.publish(PeerDistribution.of(new double[] {55, 12, 61, 40, 35, 47}), null, 0, 100);
        assertEquals(6, p.n());
        assertEquals(42.5, p.p50(), TOL);
    }

    @Test
    void twentyPeersGetEveryFigureInClasses() {
        // group of 21: scores 0, 5, …, 100; reader 100 → peers 5i, i = 0..19 (m = 20; the ⌈20p⌉-th smallest is 5(⌈20p⌉ − 1))
        double[] group = IntStream.rangeClosed(0, 20).mapToDouble(i -> 5.0 * i).toArray();
        PeerFigures.Published p = figures.publish(PeerDistribution.of(group), 100.0, 0, 100);
        assertEquals(20, p.n());
        assertEquals(47.5, p.mean(), TOL);  // Σ 5i / 20 = 5 · 190 / 20 = 47.5 → class [45, 50) → 47.5
        assertEquals(22.5, p.p25(), TOL);   // 5th smallest = 20 → [20, 25) → 22.5
        assertEquals(47.5, p.p50(), TOL);   // 10th = 45 → [45, 50) → 47.5
        assertEquals(72.5, p.p75(), TOL);   // 15th = 70 → [70, 75) → 72.5
        assertEquals(87.5, p.p90(), TOL);   // 18th = 85 → [85, 90) → 87.5
        assertTrue(p.withheld().contains("percentile rank is withheld"), p.withheld());
    }

    @Test
    void classesCoverTheScaleEndsAndOtherScales() {
        assertEquals(2.5, PeerFigures.midpoint(0, 0, 5, 20), TOL);      // [0, 5)
        assertEquals(7.5, PeerFigures.midpoint(5, 0, 5, 20), TOL);      // a boundary belongs to the class above
        assertEquals(97.5, PeerFigures.midpoint(100, 0, 5, 20), TOL);   // the top class is closed: [95, 100]
        // the stage model's 0..6 scale: 5 % classes are 0.3 stages wide; stage 3 lies in [3.0, 3.3) → 3.15
        assertEquals(3.15, PeerFigures.midpoint(3, 0, 0.3, 20), 1e-9);
    }

    @Test
    void fewerThanKPeersPublishNothing() {
        // group of 5 with the reader: 4 peers < k = 5
        assertNull(figures.publish(PeerDistribution.of(new double[] {10, 20, 30, 40, 50}), 30.0, 0, 100));
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new PeerFigures(5, 4, 5));   // full figures below k
        assertThrows(IllegalArgumentException.class, () -> new PeerFigures(5, 20, 3));  // 3 does not divide 100
        assertThrows(IllegalArgumentException.class, () -> new PeerFigures(0, 20, 5));
    }
}
