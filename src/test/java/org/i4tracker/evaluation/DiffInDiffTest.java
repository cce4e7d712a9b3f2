package org.i4tracker.evaluation;

import org.i4tracker.common.DomainException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DiffInDiffTest {

    private final DiffInDiff did = new DiffInDiff();

    private static final List<DidUnit> HAND_PANEL = List.of(
            new DidUnit("t1", true, 10, 13),   // ΔY = 3
            new DidUnit("t2", true, 20, 25),   // ΔY = 5
            new DidUnit("c1", false, 10, 11),  // ΔY = 1
            new DidUnit("c2", false, 12, 14),  // ΔY = 2
            new DidUnit("c3", false, 30, 33)); // ΔY = 3

    @Test
    void handComputedPanel() {
        // η₁ = (3+5)/2 = 4, η₀ = (1+2+3)/3 = 2, ATT = 2.
        // p̂ = 2/5 = 0.4; ψ: t1 (3−4)/0.4 = −2.5, t2 +2.5, c1 −(1−2)/0.6 = 1.6667, c2 0, c3 −1.6667.
        // Σψ² = 6.25 + 6.25 + 2.7778 + 0 + 2.7778 = 18.0556; SE = √18.0556 / 5 = 0.849837
        // (check: s₁² = 1, s₀² = 2/3 with divisor nₖ; √(1/2 + (2/3)/3) = √0.72222 = 0.849837).
        DidEstimate e = did.estimate(HAND_PANEL);
        assertEquals(2.0, e.att(), 1e-12);              // source: hand arithmetic above, tol 1e-12
        assertEquals(Math.sqrt(13.0 / 18.0), e.se(), 1e-12); // 0.72222 = 13/18, tol 1e-12
        assertEquals(5, e.n());
    }

    @Test
    void matchesRDidForMpdtaCohort2004AgainstNeverTreatedIn2004() {
        // R did 2.x, att_gt(lemp ~ 1, mpdta, control_group = "nevertreated", bstrap = FALSE):
        // ATT(2004, 2004) = -0.0105032462209624, se = 0.0232510363681664
        // (csdid repo, csdid/test_csdid/r_ref/ref_attgt.csv, scenario mpdta_nev_dr). Tolerance 1e-10.
        List<DidUnit> units = new ArrayList<>();
        for (Mpdta.County c : Mpdta.counties()) {
            if (c.firstTreat() == 2004 || c.firstTreat() == 0) {
                units.add(new DidUnit(c.id(), c.firstTreat() == 2004, c.lemp(2003), c.lemp(2004)));
            }
        }
        DidEstimate e = did.estimate(units);
        assertEquals(-0.0105032462209624, e.att(), 1e-10);
        assertEquals(0.0232510363681664, e.se(), 1e-10);
        assertEquals(329, e.n()); // 20 counties first treated in 2004 + 309 never treated
    }

    @Test
    void addingAConstantToEveryOutcomeLeavesAttAndSeUnchanged() {
        DidEstimate base = did.estimate(HAND_PANEL);
        for (double shift : new double[]{-1000, -3.7, 0.5, 42, 1e6}) {
            List<DidUnit> shifted = HAND_PANEL.stream()
                    .map(u -> new DidUnit(u.id(), u.treated(), u.pre() + shift, u.post() + shift)).toList();
            DidEstimate e = did.estimate(shifted);
            assertEquals(base.att(), e.att(), 1e-9);
            assertEquals(base.se(), e.se(), 1e-9);
        }
    }

    @Test
    void swappingTreatedAndControlFlipsTheSignAndKeepsTheSe() {
        List<DidUnit> swapped = HAND_PANEL.stream()
                .map(u -> new DidUnit(u.id(), !u.treated(), u.pre(), u.post())).toList();
        DidEstimate base = did.estimate(HAND_PANEL);
        DidEstimate e = did.estimate(swapped);
        assertEquals(-base.att(), e.att(), 1e-12);
        assertEquals(base.se(), e.se(), 1e-12);
    }

    @Test
    void notEstimableIsUnprocessableNeverNaN() {
        assertUnprocessable(List.of(new DidUnit("a", true, 1, 2)), "at least 2 units");
        assertUnprocessable(List.of(new DidUnit("a", true, 1, 2), new DidUnit("b", true, 1, 3)), "no control unit");
        assertUnprocessable(List.of(new DidUnit("a", false, 1, 2), new DidUnit("b", false, 1, 3)), "no treated unit");
        var duplicate = assertThrows(DomainException.class, () -> did.estimate(List.of(
                new DidUnit("a", true, 1, 2), new DidUnit("a", false, 1, 3))));
        assertEquals(DomainException.Kind.INVALID, duplicate.kind());
        assertEquals("units[1].id", duplicate.errors().get(0).field());
    }

    @Test
    void zeroVarianceGivesZeroStandardErrorNotNaN() {
        DidEstimate e = did.estimate(List.of(new DidUnit("a", true, 1, 4), new DidUnit("b", false, 1, 2),
                new DidUnit("c", false, 5, 6)));
        assertEquals(2.0, e.att(), 1e-12);
        assertEquals(0.0, e.se(), 0.0);
    }

    private void assertUnprocessable(List<DidUnit> units, String reason) {
        var e = assertThrows(DomainException.class, () -> did.estimate(units));
        assertEquals(DomainException.Kind.UNPROCESSABLE, e.kind());
        assertEquals("units", e.errors().get(0).field());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
