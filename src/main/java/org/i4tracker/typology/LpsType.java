package org.i4tracker.typology;

/**
 * Types of local production systems (seed 001, section 4.2): by importance to the region (location
 * quotient) and to the industry (share of the industry's national employment).
 */
public enum LpsType {
    /** High importance to the region and to the industry: centre of industrial and regional development. */
    CENTRE,
    /** Low importance to the region, high to the industry: advanced vector (diversified metropolitan fabric). */
    ADVANCED_VECTOR,
    /** High importance to the region, low to the industry: vector of local development. */
    LOCAL_DEVELOPMENT_VECTOR,
    /** Low importance to both: embryonic local production system. */
    EMBRYONIC,
    /** Fails the eligibility filter (LQ, share or number of establishments too low). */
    EXCLUDED
}
