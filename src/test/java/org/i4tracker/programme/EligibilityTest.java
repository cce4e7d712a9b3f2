package org.i4tracker.programme;

import org.i4tracker.common.SizeClass;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Place rules of eligibility: a firm is eligible only inside the programme's region, whatever the rules list. Rules
 * stored before they were checked against the programme's region may name another region's districts; uptake must not
 * count those firms for the agency.
 */
class EligibilityTest {

    private static final long AGENCY_REGION = 1;
    private static final LocalDate DAY = LocalDate.of(2025, 6, 1);

    private static Eligibility places(List<Long> regions, List<Long> districts) {
        return new Eligibility(regions, districts, List.of(), List.of(), null, null);
    }

    @Test
    void aListedDistrictOfAnotherRegionAdmitsNoFirm() {
        var elsewhere = new Eligibility.FirmFacts(77, Set.of(2L), "15.20", SizeClass.SMALL);
        assertFalse(places(List.of(), List.of(77L)).admits(elsewhere, AGENCY_REGION));
        assertFalse(places(List.of(2L), List.of()).admits(elsewhere, AGENCY_REGION));
        assertEquals("eligibility.regionIds", places(List.of(), List.of(77L)).check(elsewhere, AGENCY_REGION, DAY).orElseThrow().field());
    }

    @Test
    void insideTheRegionTheListedPlacesDecide() {
        var listed = new Eligibility.FirmFacts(10, Set.of(5L, AGENCY_REGION), "15.20", SizeClass.SMALL);
        var other = new Eligibility.FirmFacts(11, Set.of(6L, AGENCY_REGION), "15.20", SizeClass.SMALL);
        assertTrue(places(List.of(), List.of(10L)).admits(listed, AGENCY_REGION));
        assertFalse(places(List.of(), List.of(10L)).admits(other, AGENCY_REGION));
        assertTrue(places(List.of(6L), List.of()).admits(other, AGENCY_REGION));
        assertTrue(places(List.of(), List.of()).admits(other, AGENCY_REGION), "no place rule: the programme's region");
    }
}
