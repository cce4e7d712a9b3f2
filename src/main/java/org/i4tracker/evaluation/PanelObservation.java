package org.i4tracker.evaluation;

import org.i4tracker.common.Check;

/**
 * One outcome of one unit in one period of a staggered-adoption panel.
 *
 * @param unit   unit identifier (a firm)
 * @param period integer period (a year, or a wave number); periods need not be consecutive
 * @param cohort first period in which the unit is treated; 0 = never treated
 * @param y      outcome value, finite
 */
public record PanelObservation(String unit, int period, int cohort, double y) {

    public PanelObservation {
        unit = Check.notBlank(unit, "unit", 200);
        Check.that(cohort >= 0, "cohort", "must be 0 (never treated) or the first treated period");
        Check.finite(y, "y");
    }
}
