package org.i4tracker.diffusion;

import org.i4tracker.common.Check;
import org.i4tracker.common.DomainException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Discrete-time hazard of adoption (DESIGN.md §6): for period t,
 * <pre>  h(t) = adopters in t / (population − adopters before t)</pre>
 * i.e. the share of the firms still at risk at the start of t that adopt during t (Allison 1982,
 * "Discrete-time methods for the analysis of event histories"). Dimensionless, in [0, 1].
 *
 * <p>Edge cases: when nobody is left at risk (everyone adopted before t) the hazard is undefined and
 * reported as {@code null}. A population that is not positive, a negative count or cumulative adopters
 * above the population are bad input ({@link DomainException} INVALID naming the field).
 */
public final class HazardRates {

    private HazardRates() {
    }

    /** One hazard per period, in input order; {@code null} where nobody was at risk. */
    public static List<Double> of(double population, List<? extends Number> adoptersPerPeriod) {
        Check.finite(population, "population");
        Check.that(population > 0, "population", "must be positive");
        Check.minSize(adoptersPerPeriod, 1, "adoptersPerPeriod");
        List<Double> hazard = new ArrayList<>(adoptersPerPeriod.size());
        double before = 0;
        for (int t = 0; t < adoptersPerPeriod.size(); t++) {
            String field = "adoptersPerPeriod[" + t + "]";
            double adopters = Check.finiteNonNegative(Check.notNull(adoptersPerPeriod.get(t), field).doubleValue(), field);
            double atRisk = population - before;
            if (adopters > atRisk + 1e-9 * population) {
                throw DomainException.invalid(field, "cumulative adopters (" + (before + adopters)
                        + ") exceed the population (" + population + ")");
            }
            hazard.add(atRisk <= 0 ? null : Math.min(1.0, adopters / atRisk));
            before += adopters;
        }
        return Collections.unmodifiableList(hazard);
    }
}
