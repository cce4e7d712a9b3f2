package org.i4tracker.diffusion;

import org.i4tracker.common.DomainException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.i4tracker.diffusion.AdopterCategory.EARLY_ADOPTER;
import static org.i4tracker.diffusion.AdopterCategory.EARLY_MAJORITY;
import static org.i4tracker.diffusion.AdopterCategory.INNOVATOR;
import static org.i4tracker.diffusion.AdopterCategory.LAGGARD;
import static org.i4tracker.diffusion.AdopterCategory.LATE_MAJORITY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Hand-computed tables; each expected value is written as the fraction it comes from. */
class HazardAndCategoriesTest {

    @Test
    void hazardIsAdoptersOverFirmsStillAtRisk() {
        List<Double> h = HazardRates.of(10, List.of(1, 2, 3, 4, 0));
        assertEquals(1.0 / 10, h.get(0), 1e-15, "1 of 10 at risk");
        assertEquals(2.0 / 9, h.get(1), 1e-15, "2 of 10 − 1");
        assertEquals(3.0 / 7, h.get(2), 1e-15, "3 of 10 − 3");
        assertEquals(4.0 / 4, h.get(3), 1e-15, "4 of 10 − 6");
        assertNull(h.get(4), "nobody left at risk: undefined, reported as null");
    }

    @Test
    void hazardRejectsImpossibleCounts() {
        var tooMany = assertThrows(DomainException.class, () -> HazardRates.of(5, List.of(3, 3)));
        assertEquals("adoptersPerPeriod[1]", tooMany.errors().get(0).field());
        var negative = assertThrows(DomainException.class, () -> HazardRates.of(5, List.of(1, -1)));
        assertEquals("adoptersPerPeriod[1]", negative.errors().get(0).field());
        var population = assertThrows(DomainException.class, () -> HazardRates.of(0, List.of(0)));
        assertEquals("population", population.errors().get(0).field());
    }

    @Test
    void rogersCategoriesUseMeanAndSampleStandardDeviation() {
        // 1..10: μ = 5.5, σ = √(82.5/9) = 3.0276503540974917 (n − 1); μ−2σ = −0.555, μ−σ = 2.472, μ+σ = 8.528
        AdopterCategories c = AdopterCategories.of(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        assertEquals(5.5, c.mean(), 1e-15);
        assertEquals(Math.sqrt(82.5 / 9), c.sd(), 1e-15, "sample sd, hand-computed");
        assertEquals(Arrays.asList(EARLY_ADOPTER, EARLY_ADOPTER, EARLY_MAJORITY, EARLY_MAJORITY, EARLY_MAJORITY,
                LATE_MAJORITY, LATE_MAJORITY, LATE_MAJORITY, LAGGARD, LAGGARD), c.categories());

        // 1, eight 3s, 5: μ = 3, σ = √(8/9) = 0.943; 1 < μ−2σ = 1.114 innovator; x = μ is late majority; 5 ≥ μ+σ laggard
        AdopterCategories d = AdopterCategories.of(List.of(5, 1, 3, 3, 3, 3, 3, 3, 3, 3));
        assertEquals(Math.sqrt(8.0 / 9), d.sd(), 1e-15);
        assertEquals(LAGGARD, d.categories().get(0), "input order kept");
        assertEquals(INNOVATOR, d.categories().get(1));
        assertEquals(LATE_MAJORITY, d.categories().get(2), "μ ≤ x < μ+σ");
    }

    @Test
    void categoriesNeedTwoDistinctTimes() {
        assertEquals(DomainException.Kind.INVALID,
                assertThrows(DomainException.class, () -> AdopterCategories.of(List.of(3))).kind());
        assertEquals(DomainException.Kind.UNPROCESSABLE,
                assertThrows(DomainException.class, () -> AdopterCategories.of(List.of(3, 3, 3))).kind());
    }
}
