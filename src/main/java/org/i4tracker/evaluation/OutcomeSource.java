package org.i4tracker.evaluation;

import java.util.Collection;
import java.util.List;

/**
 * Where programme evaluation reads outcomes from. The assessment feature implements it (the
 * lead wires it): for each firm and wave, the outcome of the firm's validated assessment —
 * {@code "overall"} or a dimension code of the assessment model. Evaluation needs nothing else
 * from assessments, so the two features stay independent.
 * <p>
 * Contract: at most one observation per firm and wave; firms without a validated assessment in
 * a wave are simply absent (evaluation then leaves them out of designs needing that wave).
 */
public interface OutcomeSource {

    /** The outcome names this source knows, e.g. {@code overall} and the model's dimension codes. */
    List<String> outcomes();

    /** Observations of {@code outcome} for the given firms, in any order. Unknown outcome → empty list. */
    List<OutcomeObservation> observations(Collection<Long> firmIds, String outcome);
}
