package org.i4tracker.evaluation;

/**
 * Standard errors from influence functions, the convention of the R packages {@code did}
 * and {@code DRDID} (Callaway &amp; Sant'Anna 2021; Sant'Anna &amp; Zhao 2020).
 * <p>
 * For an estimator θ̂ with influence function ψ over n units, √n(θ̂ − θ) → N(0, E[ψ²]), so
 * SE = √(mean(ψ²) / n) = sd(ψ)/√n where sd uses the divisor <b>n</b> (not n − 1). Every
 * influence function built in this package has an exact sample mean of zero (each group's
 * deviations are taken from that group's own mean), so mean(ψ²) is the plug-in variance with
 * divisor n. The divisor n is what {@code did::getSE} and {@code DRDID} use, which lets the
 * results be checked digit for digit against them; the n − 1 divisor would inflate the SE by
 * √(n/(n−1)), below 0.1 % from n = 500 on.
 */
final class InfluenceFunction {

    private InfluenceFunction() {
    }

    /** √(Σψ²)/n; zero when every ψ is zero (no variation), never NaN for n ≥ 1. */
    static double standardError(double[] psi) {
        double sum = 0;
        for (double v : psi) {
            sum += v * v;
        }
        return Math.sqrt(sum) / psi.length;
    }
}
