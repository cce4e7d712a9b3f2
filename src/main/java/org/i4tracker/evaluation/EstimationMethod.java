package org.i4tracker.evaluation;


/**
 * How a group-time effect adjusts for covariates under conditional parallel trends (Sant'Anna
 * &amp; Zhao 2020, "Doubly robust difference-in-differences estimators", J. Econometrics 219(1),
 * 101–122; Callaway &amp; Sant'Anna 2021, §4). The names are those of R {@code did}'s
 * {@code est_method}. With no covariates (an intercept only) all three reduce to the
 * unconditional difference in differences.
 */
public enum EstimationMethod {
    /** Doubly robust: outcome regression and inverse probability weighting together ({@code DRDID::drdid_panel}); consistent if either model is right. */
    DR,
    /** Outcome regression ({@code DRDID::reg_did_panel}): the controls' ΔY regressed on the covariates, predicted for the treated. */
    REG,
    /** Normalised inverse probability weighting ({@code DRDID::std_ipw_did_panel}) with a logit propensity score. */
    IPW
}
