package org.i4tracker.diffusion;

import java.util.ArrayList;
import java.util.List;

/**
 * A fitted Bass model.
 *
 * @param method          how it was estimated
 * @param m               market potential (unit of the sales series)
 * @param p               coefficient of innovation (per period)
 * @param q               coefficient of imitation (per period)
 * @param standardErrors  asymptotic standard errors, or null when they are not defined (exactly three
 *                        periods leave no residual degree of freedom, or the information matrix is singular)
 * @param sse             sum of squared residuals of the fitted per-period sales
 * @param peakPeriod      t* = ln(q/p)/(p+q) from t = 0, 0 when q ≤ p
 * @param fitted          fitted per-period sales, one per observed period
 */
public record BassFit(BassMethod method, double m, double p, double q, BassStandardErrors standardErrors,
                      double sse, double peakPeriod, List<Double> fitted) {

    public BassFit {
        fitted = List.copyOf(fitted);
    }

    public BassCurve curve() {
        return new BassCurve(m, p, q);
    }

    /**
     * Projects the fitted curve until {@code saturationShare} of m has adopted, at most
     * {@code maxPeriods} periods beyond the last observed one (a very slow curve is cut there).
     */
    public BassForecast forecast(double saturationShare, int maxPeriods) {
        BassCurve curve = curve();
        int observed = fitted.size();
        int saturation = curve.periodReaching(saturationShare);
        int last = Math.min(saturation, observed + maxPeriods);
        List<Double> projected = new ArrayList<>();
        for (int t = observed + 1; t <= last; t++) {
            projected.add(curve.adoptersInPeriod(t));
        }
        return new BassForecast(saturationShare, saturation, Math.max(0, saturation - observed), projected);
    }
}
