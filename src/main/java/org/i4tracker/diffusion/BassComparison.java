package org.i4tracker.diffusion;

import org.hipparchus.special.Erf;
import org.i4tracker.common.Check;

/**
 * The difference between two Bass fits of the same technology on the same periods — programme participants
 * minus non-participants — in the coefficients of innovation p and imitation q: "did the programme speed up
 * diffusion?".
 * <p>
 * Standard errors by the delta method: the two fits come from disjoint sets of firms, so their estimates are
 * independent and Var(θ₁ − θ₂) = Var(θ₁) + Var(θ₂), i.e. SE(diff) = √(SE₁² + SE₂²), with each SE the fit's
 * asymptotic standard error ({@link BassEstimator}). z = diff / SE(diff) and the two-sided p-value
 * 2(1 − Φ(|z|)) = erfc(|z|/√2) rely on the asymptotic normality of the estimates, which a short series does
 * not earn: read them with the fits' trust warnings ({@link BassFitQuality}). When either fit has no standard
 * errors, only the difference is given.
 *
 * @param method the estimation method of both fits
 * @param p      participants' p minus non-participants' p
 * @param q      participants' q minus non-participants' q
 */
public record BassComparison(BassMethod method, Difference p, Difference q) {

    /**
     * One difference.
     *
     * @param estimate θ₁ − θ₂ (per period)
     * @param se       √(SE₁² + SE₂²), or null without standard errors
     * @param z        estimate / se, or null
     * @param pValue   two-sided p-value of "no difference" under normality, or null
     */
    public record Difference(double estimate, Double se, Double z, Double pValue) {
    }

    /** Participants' fit {@code first} against non-participants' fit {@code second}, both by one method. */
    public static BassComparison of(BassFit first, BassFit second) {
        Check.that(first.method() == second.method(), "method", "both fits must use the same method");
        BassStandardErrors a = first.standardErrors();
        BassStandardErrors b = second.standardErrors();
        boolean withSe = a != null && b != null;
        return new BassComparison(first.method(),
                difference(first.p() - second.p(), withSe ? Math.hypot(a.p(), b.p()) : null),
                difference(first.q() - second.q(), withSe ? Math.hypot(a.q(), b.q()) : null));
    }

    private static Difference difference(double estimate, Double se) {
        if (se == null || !(se > 0) || !Double.isFinite(se)) {
            return new Difference(estimate, se != null && Double.isFinite(se) ? se : null, null, null);
        }
        double z = estimate / se;
        return new Difference(estimate, se, z, Erf.erfc(Math.abs(z) / Math.sqrt(2)));
    }
}
