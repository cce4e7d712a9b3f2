package org.i4tracker.typology;

import org.i4tracker.common.Check;

/**
 * Cut-offs of the typology (DESIGN.md §7, after seed 001). Shares are fractions (0.01 = 1 %).
 *
 * @param minLq              eligibility: location quotient at least this (default 1)
 * @param minShare           eligibility: share of the industry's national employment at least this (default 0.01)
 * @param minEstablishments  eligibility: at least this many establishments of the industry in the region (default 5)
 * @param highLq             importance to the region is high from this LQ on (default 5)
 * @param highShare          importance to the industry is high from this share on (default 0.20)
 */
public record TypologyThresholds(double minLq, double minShare, int minEstablishments, double highLq, double highShare) {

    public static final TypologyThresholds DEFAULTS = new TypologyThresholds(1.0, 0.01, 5, 5.0, 0.20);

    public TypologyThresholds {
        Check.finite(minLq, "minLq");
        Check.that(minLq >= 0, "minLq", "must not be negative");
        Check.finite(highLq, "highLq");
        Check.that(highLq >= minLq, "highLq", "must be at least minLq (" + minLq + ")");
        Check.finite(minShare, "minShare");
        Check.that(minShare >= 0 && minShare <= 1, "minShare", "must be a fraction between 0 and 1");
        Check.finite(highShare, "highShare");
        Check.that(highShare >= minShare && highShare <= 1, "highShare", "must be a fraction between minShare and 1");
        Check.that(minEstablishments >= 0, "minEstablishments", "must not be negative");
    }
}
