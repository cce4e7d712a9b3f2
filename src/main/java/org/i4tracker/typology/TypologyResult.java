package org.i4tracker.typology;

import java.util.List;

/**
 * Typology of one industry across regions.
 *
 * @param gini     locational Gini coefficient of the industry, in [0, 1)
 * @param regions  per region, in input order
 */
public record TypologyResult(double gini, List<RegionType> regions) {

    /**
     * @param id     region identifier as given
     * @param lq     location quotient LQ_ij = (E_ij/E_j)/(E_i/E)
     * @param share  P_ij = E_ij/E_i, a fraction
     * @param type   classification
     */
    public record RegionType(String id, double lq, double share, LpsType type) {
    }

    public TypologyResult {
        regions = List.copyOf(regions);
    }
}
