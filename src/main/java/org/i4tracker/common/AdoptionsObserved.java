package org.i4tracker.common;

import java.util.List;

/**
 * Several pieces of adoption evidence published at once (a validated assessment, a batch of imported
 * assessments), so that the diffusion feature records them with a few set-based statements instead of
 * several queries per observation. Recording them is equivalent to recording each {@link AdoptionObserved}
 * in list order.
 *
 * @param observations the evidence, in the order it was observed; may be empty
 */
public record AdoptionsObserved(List<AdoptionObserved> observations) {

    public AdoptionsObserved {
        observations = List.copyOf(Check.notNull(observations, "observations"));
    }
}
