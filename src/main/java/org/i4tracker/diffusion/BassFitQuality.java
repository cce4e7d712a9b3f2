package org.i4tracker.diffusion;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How far to trust a Bass fit, in words an analyst reads next to it. A fit is flagged when
 * <ul>
 * <li>it rests on fewer than {@code minAdopters} adopters or {@code minPeriods} periods (three parameters from a
 *     handful of points fit almost anything);</li>
 * <li>it has no standard errors (3 periods leave no residual degree of freedom, or the information matrix is
 *     singular);</li>
 * <li>a standard error is at least as large as its estimate: a 95 % interval θ ± 1.96·SE then includes 0, so
 *     the data do not pin the parameter down;</li>
 * <li>the market potential sits at the adopters already counted, the lower bound of {@link BassEstimator}'s
 *     search: the data say nothing about adopters still to come.</li>
 * </ul>
 *
 * @param minAdopters fewest adopters for a fit not to be flagged
 * @param minPeriods  fewest periods for a fit not to be flagged
 */
public record BassFitQuality(int minAdopters, int minPeriods) {

    public BassFitQuality {
        org.i4tracker.common.Check.that(minAdopters >= 1, "minAdopters", "must be at least 1");
        org.i4tracker.common.Check.that(minPeriods >= BassEstimator.MIN_PERIODS, "minPeriods", "must be at least 3");
    }

    /** The warnings for {@code fit} of {@code adopters} adopters over {@code periods} periods; empty = none. */
    public List<String> warnings(BassFit fit, int adopters, int periods) {
        List<String> out = new ArrayList<>();
        if (adopters < minAdopters) {
            out.add("only " + adopters + " adopters (fewer than " + minAdopters + "): the fit is fragile");
        }
        if (periods < minPeriods) {
            out.add("only " + periods + " periods (fewer than " + minPeriods + "): the fit is fragile");
        }
        BassStandardErrors se = fit.standardErrors();
        if (se == null) {
            out.add("no standard errors: the fit's precision is unknown");
        } else {
            List<String> loose = new ArrayList<>();
            if (se.m() >= fit.m()) {
                loose.add("m");
            }
            if (se.p() >= fit.p()) {
                loose.add("p");
            }
            if (se.q() >= fit.q()) {
                loose.add("q");
            }
            if (!loose.isEmpty()) {
                out.add("standard error at least as large as the estimate for " + String.join(", ", loose)
                        + ": the data do not determine " + (loose.size() == 1 ? "it" : "them"));
            }
        }
        if (fit.m() <= adopters * (1 + 1e-6)) {
            out.add(String.format(Locale.ROOT, "market potential m = %.1f equals the adopters already counted: "
                    + "the data do not show how many more will adopt", fit.m()));
        }
        return out;
    }
}
