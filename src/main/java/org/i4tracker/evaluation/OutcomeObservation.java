package org.i4tracker.evaluation;

import org.i4tracker.common.Check;

import java.time.LocalDate;

/**
 * One measured outcome of one firm in one assessment wave, e.g. the overall digital-maturity
 * score (0..100) of its validated assessment at T0, T1, …
 *
 * @param firmId     the firm
 * @param wave       wave number shared by all firms (0 = T0 baseline, 1 = T1, …)
 * @param observedOn the day the outcome was measured (the assessment's validation date)
 * @param value      the outcome value
 */
public record OutcomeObservation(long firmId, int wave, LocalDate observedOn, double value) {

    public OutcomeObservation {
        Check.that(wave >= 0, "wave", "must be 0 or more");
        Check.notNull(observedOn, "observedOn");
        Check.finite(value, "value");
    }
}
