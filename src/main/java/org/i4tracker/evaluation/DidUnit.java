package org.i4tracker.evaluation;

import org.i4tracker.common.Check;

/**
 * One unit (a firm) of a two-period comparison: whether it was treated (took part in the
 * programme) and its outcome before and after.
 *
 * @param id      identifier, unique within one estimation
 * @param treated true for a participant, false for a comparison unit
 * @param pre     outcome in the period before treatment (e.g. an overall maturity score 0..100)
 * @param post    outcome in the period after treatment, in the same unit as {@code pre}
 */
public record DidUnit(String id, boolean treated, double pre, double post) {

    public DidUnit {
        id = Check.notBlank(id, "id", 200);
        Check.finite(pre, "pre");
        Check.finite(post, "post");
    }

    /** The change ΔY = post − pre. */
    public double change() {
        return post - pre;
    }
}
