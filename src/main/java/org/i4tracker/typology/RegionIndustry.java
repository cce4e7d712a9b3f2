package org.i4tracker.typology;

import org.i4tracker.common.Check;

/**
 * Employment statistics of one industry in one region.
 *
 * @param id                  caller's identifier of the region (echoed in the result)
 * @param totalEmployment     E_j, all employment of the region (&gt; 0)
 * @param industryEmployment  E_ij, the industry's employment in the region (0 ≤ E_ij ≤ E_j)
 * @param establishments      the industry's establishments in the region
 */
public record RegionIndustry(String id, double totalEmployment, double industryEmployment, int establishments) {

    public RegionIndustry {
        id = Check.notBlank(id, "id", 64);
        Check.finite(totalEmployment, "totalEmployment");
        Check.that(totalEmployment > 0, "totalEmployment", "must be positive");
        Check.finiteNonNegative(industryEmployment, "industryEmployment");
        Check.that(industryEmployment <= totalEmployment, "industryEmployment", "must not exceed totalEmployment");
        Check.that(establishments >= 0, "establishments", "must not be negative");
    }
}
