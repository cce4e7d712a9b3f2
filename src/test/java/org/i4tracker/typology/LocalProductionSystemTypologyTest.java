package org.i4tracker.typology;

import org.i4tracker.common.DomainException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Hand-computed table. E = 1000, E_i = 100 (E_i/E = 0.1).
 * <pre>
 * region E_j E_ij est  LQ=(E_ij/E_j)/0.1  P=E_ij/100  type (defaults)
 * A       50   30  20  6.0                0.30        CENTRE (LQ ≥ 5, P ≥ 20 %)
 * B      400   40  50  1.0                0.40        ADVANCED_VECTOR (LQ &lt; 5, P ≥ 20 %)
 * C       20   12   8  6.0                0.12        LOCAL_DEVELOPMENT_VECTOR
 * D      100   15   6  1.5                0.15        EMBRYONIC
 * E      330    3  10  0.0909…            0.03        EXCLUDED (LQ &lt; 1)
 * F      100    0   0  0                  0           EXCLUDED
 * Gini, LQ descending A, C, D, B, E, F:
 *   X = .05 .07 .17 .57 .90 1.0,  Y = .30 .42 .57 .97 1.0 1.0
 *   Σ ΔX(Y_k+Y_{k−1}) = .015 + .0144 + .099 + .616 + .6501 + .2 = 1.5945  →  G = 0.5945
 * </pre>
 */
class LocalProductionSystemTypologyTest {

    private static final List<RegionIndustry> TABLE = List.of(
            new RegionIndustry("A", 50, 30, 20), new RegionIndustry("B", 400, 40, 50),
            new RegionIndustry("C", 20, 12, 8), new RegionIndustry("D", 100, 15, 6),
            new RegionIndustry("E", 330, 3, 10), new RegionIndustry("F", 100, 0, 0));

    private final LocalProductionSystemTypology typology = new LocalProductionSystemTypology(TypologyThresholds.DEFAULTS);

    @Test
    void locationQuotientsSharesTypesAndGiniMatchTheHandTable() {
        TypologyResult r = typology.classify(1000, 100, TABLE);
        assertEquals(0.5945, r.gini(), 1e-12, "hand-computed Gini, tol 1e-12");
        double[] lq = {6.0, 1.0, 6.0, 1.5, (3.0 / 330) / 0.1, 0};
        double[] share = {0.30, 0.40, 0.12, 0.15, 0.03, 0};
        LpsType[] types = {LpsType.CENTRE, LpsType.ADVANCED_VECTOR, LpsType.LOCAL_DEVELOPMENT_VECTOR,
                LpsType.EMBRYONIC, LpsType.EXCLUDED, LpsType.EXCLUDED};
        for (int k = 0; k < TABLE.size(); k++) {
            var region = r.regions().get(k);
            assertEquals(TABLE.get(k).id(), region.id());
            assertEquals(lq[k], region.lq(), 1e-12, "LQ of " + region.id());
            assertEquals(share[k], region.share(), 1e-12, "share of " + region.id());
            assertEquals(types[k], region.type(), "type of " + region.id());
        }
    }

    @Test
    void restOfTheCountryClosesTheConcentrationCurve() {
        // Without F (E_j = 100, E_ij = 0) the remainder is exactly F, so the Gini is unchanged.
        TypologyResult r = typology.classify(1000, 100, TABLE.subList(0, 5));
        assertEquals(0.5945, r.gini(), 1e-12);
        assertEquals(5, r.regions().size());
    }

    @Test
    void thresholdsAreConfigurable() {
        var strict = typology.withThresholds(new TypologyThresholds(1.0, 0.01, 7, 5.0, 0.20));
        assertEquals(LpsType.EXCLUDED, strict.classify(1000, 100, TABLE).regions().get(3).type(), "D has 6 < 7 establishments");
        var lowHigh = typology.withThresholds(new TypologyThresholds(1.0, 0.01, 5, 1.5, 0.15));
        assertEquals(LpsType.CENTRE, lowHigh.classify(1000, 100, TABLE).regions().get(3).type(), "D: LQ 1.5 ≥ 1.5 and P 0.15 ≥ 0.15");
    }

    @Test
    void inconsistentFiguresAreRejectedNamingTheField() {
        List<RegionIndustry> tooBig = new ArrayList<>(TABLE);
        tooBig.add(new RegionIndustry("G", 1500, 10, 5));
        var e = assertThrows(DomainException.class, () -> typology.classify(1000, 100, tooBig));
        assertEquals("regions[6].totalEmployment", e.errors().get(0).field());
        var sum = assertThrows(DomainException.class, () -> typology.classify(900, 100, TABLE));
        assertEquals("regions", sum.errors().get(0).field());
        var thresholds = assertThrows(DomainException.class, () -> new TypologyThresholds(1, 0.3, 5, 5, 0.2));
        assertEquals("highShare", thresholds.errors().get(0).field());
        var region = assertThrows(DomainException.class, () -> new RegionIndustry("X", 10, 11, 1));
        assertEquals("industryEmployment", region.errors().get(0).field());
    }
}
