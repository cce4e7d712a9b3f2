package org.i4tracker.evaluation;

/**
 * A 2×2 difference-in-differences estimate.
 *
 * @param att average treatment effect on the treated, in the unit of the outcome
 * @param se  analytic standard error from the influence function (see {@link DiffInDiff})
 * @param n   number of units used
 */
public record DidEstimate(double att, double se, int n) {
}
