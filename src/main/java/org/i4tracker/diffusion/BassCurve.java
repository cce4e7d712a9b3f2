package org.i4tracker.diffusion;

/**
 * The Bass (1969) diffusion curve in closed form, as used by Srinivasan &amp; Mason (1986):
 * <pre>
 *   F(t) = (1 − e^{−(p+q)t}) / (1 + (q/p)·e^{−(p+q)t}),   N(t) = m·F(t),
 *   adopters in period t  S(t) = m·[F(t) − F(t−1)],   t = 1 for the first period, F(0) = 0,
 *   peak of S at t* = ln(q/p) / (p+q)   (counted from t = 0).
 * </pre>
 * m is the market potential (same unit as the sales), p the coefficient of innovation and q the
 * coefficient of imitation (both per period). Requires p &gt; 0 and q ≥ 0.
 */
public record BassCurve(double m, double p, double q) {

    public BassCurve {
        if (!(m > 0 && p > 0 && q >= 0) || !Double.isFinite(m + p + q)) {
            throw new IllegalArgumentException("Bass curve needs m > 0, p > 0, q >= 0; got m=" + m + " p=" + p + " q=" + q);
        }
    }

    /** Cumulative share F(t) of the market potential adopted by time t (t ≥ 0). */
    public double cumulativeShare(double t) {
        double e = Math.exp(-(p + q) * t);
        return (1 - e) / (1 + (q / p) * e);
    }

    /** Adopters in period t (t = 1 for the first period): m·[F(t) − F(t−1)]. */
    public double adoptersInPeriod(int t) {
        return m * (cumulativeShare(t) - cumulativeShare(t - 1));
    }

    /**
     * The time of peak adoption t* = ln(q/p)/(p+q), counted from t = 0 just before the first
     * period. When q ≤ p the curve falls from launch on and the peak is reported as 0.
     */
    public double peakPeriod() {
        return q <= p ? 0.0 : Math.log(q / p) / (p + q);
    }

    /**
     * The first whole period T with F(T) ≥ share, i.e. T = ⌈ −ln((1 − s)/(1 + (q/p)s)) / (p+q) ⌉,
     * the closed-form inverse of F.
     *
     * @param share saturation level s in (0, 1), e.g. 0.95
     */
    public int periodReaching(double share) {
        if (!(share > 0 && share < 1)) {
            throw new IllegalArgumentException("share must be in (0, 1)");
        }
        double t = -Math.log((1 - share) / (1 + (q / p) * share)) / (p + q);
        int period = (int) Math.ceil(t - 1e-9);
        return Math.max(period, 1);
    }
}
