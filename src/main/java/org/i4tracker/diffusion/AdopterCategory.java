package org.i4tracker.diffusion;

/** Rogers' (2003, "Diffusion of Innovations", 5th ed., ch. 7) adopter categories by time of adoption. */
public enum AdopterCategory {
    INNOVATOR, EARLY_ADOPTER, EARLY_MAJORITY, LATE_MAJORITY, LAGGARD;

    /**
     * The category of adoption time {@code x} given the mean μ and standard deviation σ of all
     * adoption times: x &lt; μ−2σ innovator; μ−2σ ≤ x &lt; μ−σ early adopter; μ−σ ≤ x &lt; μ early majority;
     * μ ≤ x &lt; μ+σ late majority; x ≥ μ+σ laggard (DESIGN.md §6).
     */
    public static AdopterCategory of(double x, double mean, double sd) {
        if (x < mean - 2 * sd) {
            return INNOVATOR;
        }
        if (x < mean - sd) {
            return EARLY_ADOPTER;
        }
        if (x < mean) {
            return EARLY_MAJORITY;
        }
        if (x < mean + sd) {
            return LATE_MAJORITY;
        }
        return LAGGARD;
    }
}
