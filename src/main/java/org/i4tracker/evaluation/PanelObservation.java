package org.i4tracker.evaluation;

import org.i4tracker.common.Check;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One outcome of one unit in one period of a staggered-adoption panel.
 *
 * @param unit       unit identifier (a firm)
 * @param period     integer period (a year, or a wave number); periods need not be consecutive
 * @param cohort     first period in which the unit is treated; 0 = never treated
 * @param y          outcome value, finite
 * @param covariates time-invariant unit covariates by name (empty = none), finite; every row of a
 *                   unit must carry the same values and every unit the same names
 */
public record PanelObservation(String unit, int period, int cohort, double y, Map<String, Double> covariates) {

    /** Most covariates one observation may carry. */
    public static final int MAX_COVARIATES = 100;

    public PanelObservation {
        unit = Check.notBlank(unit, "unit", 200);
        Check.that(cohort >= 0, "cohort", "must be 0 (never treated) or the first treated period");
        Check.finite(y, "y");
        Check.notNull(covariates, "x");
        Check.that(covariates.size() <= MAX_COVARIATES, "x", "must contain at most " + MAX_COVARIATES + " covariates");
        TreeMap<String, Double> sorted = new TreeMap<>();
        covariates.forEach((name, value) -> {
            Check.notBlank(name, "x", 100);
            Check.finite(Check.notNull(value, "x." + name), "x." + name);
            sorted.put(name, value);
        });
        covariates = Collections.unmodifiableSortedMap(sorted);
    }

    /** An observation without covariates. */
    public PanelObservation(String unit, int period, int cohort, double y) {
        this(unit, period, cohort, y, Map.of());
    }
}
