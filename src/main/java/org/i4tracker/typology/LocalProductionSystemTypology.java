package org.i4tracker.typology;

import org.i4tracker.common.Check;
import org.i4tracker.common.DomainException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Location quotients, industry shares, the locational Gini and the typology of local production
 * systems of one industry i across regions j (DESIGN.md §7; seed 001, Suzigan et al.'s method for
 * identifying and classifying LPS in Brazil):
 * <pre>
 *   LQ_ij = (E_ij / E_j) / (E_i / E)        P_ij = E_ij / E_i
 *   Gini_i: order regions by LQ descending, cumulate X_k = Σ E_j/E and Y_k = Σ E_ij/E_i (X_0 = Y_0 = 0),
 *           G = Σ_k (X_k − X_{k−1})(Y_k + Y_{k−1}) − 1
 * </pre>
 * E is national total employment and E_i the industry's national employment. G is twice the area
 * between the concentration curve and the diagonal: 0 when the industry is spread like employment, close
 * to 1 when it sits in one small region. When the listed regions do not exhaust the national totals the
 * rest of the country enters the Gini as one more region (its LQ from the remainders), so that both
 * cumulative shares end at 1; it is not classified.
 *
 * <p>Classification: EXCLUDED unless LQ ≥ minLq, P ≥ minShare and establishments ≥ minEstablishments;
 * otherwise importance to the region is high when LQ ≥ highLq and to the industry when P ≥ highShare:
 * high/high CENTRE, low/high ADVANCED_VECTOR, high/low LOCAL_DEVELOPMENT_VECTOR, low/low EMBRYONIC.
 *
 * <p>Bad input (INVALID): non-positive national totals, industry above total, an empty region list,
 * duplicate ids, a region above the national totals, or regions summing above them.
 */
public final class LocalProductionSystemTypology {

    private static final double SUM_TOLERANCE = 1e-9;

    private final TypologyThresholds thresholds;

    public LocalProductionSystemTypology(TypologyThresholds thresholds) {
        this.thresholds = Check.notNull(thresholds, "thresholds");
    }

    public LocalProductionSystemTypology withThresholds(TypologyThresholds thresholds) {
        return new LocalProductionSystemTypology(thresholds);
    }

    public TypologyThresholds thresholds() {
        return thresholds;
    }

    public TypologyResult classify(double nationalTotalEmployment, double nationalIndustryEmployment, List<RegionIndustry> regions) {
        Check.finite(nationalTotalEmployment, "nationalTotalEmployment");
        Check.that(nationalTotalEmployment > 0, "nationalTotalEmployment", "must be positive");
        Check.finite(nationalIndustryEmployment, "nationalIndustryEmployment");
        Check.that(nationalIndustryEmployment > 0, "nationalIndustryEmployment", "must be positive");
        Check.that(nationalIndustryEmployment <= nationalTotalEmployment, "nationalIndustryEmployment",
                "must not exceed nationalTotalEmployment");
        Check.minSize(regions, 1, "regions");
        double sumTotal = 0;
        double sumIndustry = 0;
        var ids = new java.util.HashSet<String>();
        for (int k = 0; k < regions.size(); k++) {
            RegionIndustry r = Check.notNull(regions.get(k), "regions[" + k + "]");
            Check.that(ids.add(r.id()), "regions[" + k + "].id", "duplicate region id " + r.id());
            Check.that(r.totalEmployment() <= nationalTotalEmployment, "regions[" + k + "].totalEmployment",
                    "exceeds nationalTotalEmployment");
            Check.that(r.industryEmployment() <= nationalIndustryEmployment, "regions[" + k + "].industryEmployment",
                    "exceeds nationalIndustryEmployment");
            sumTotal += r.totalEmployment();
            sumIndustry += r.industryEmployment();
        }
        Check.that(sumTotal <= nationalTotalEmployment * (1 + SUM_TOLERANCE), "regions",
                "total employment of the regions (" + sumTotal + ") exceeds nationalTotalEmployment");
        Check.that(sumIndustry <= nationalIndustryEmployment * (1 + SUM_TOLERANCE), "regions",
                "industry employment of the regions (" + sumIndustry + ") exceeds nationalIndustryEmployment");

        List<TypologyResult.RegionType> types = new ArrayList<>(regions.size());
        List<double[]> curve = new ArrayList<>(); // {lq, x share, y share}
        for (RegionIndustry r : regions) {
            // (E_ij·E)/(E_j·E_i) is the same quotient with one rounding less, so that a figure exactly on a
            // threshold (LQ = 1.5 for 15/100 against 100/1000) is classified as on it.
            double lq = (r.industryEmployment() * nationalTotalEmployment) / (r.totalEmployment() * nationalIndustryEmployment);
            double share = r.industryEmployment() / nationalIndustryEmployment;
            types.add(new TypologyResult.RegionType(r.id(), lq, share, classify(lq, share, r.establishments())));
            curve.add(new double[]{lq, r.totalEmployment() / nationalTotalEmployment, share});
        }
        double restTotal = nationalTotalEmployment - sumTotal;
        double restIndustry = Math.max(0, nationalIndustryEmployment - sumIndustry);
        if (restTotal > nationalTotalEmployment * SUM_TOLERANCE) {
            double lq = (restIndustry * nationalTotalEmployment) / (restTotal * nationalIndustryEmployment);
            curve.add(new double[]{lq, restTotal / nationalTotalEmployment, restIndustry / nationalIndustryEmployment});
        }
        return new TypologyResult(gini(curve), types);
    }

    LpsType classify(double lq, double share, int establishments) {
        if (lq < thresholds.minLq() || share < thresholds.minShare() || establishments < thresholds.minEstablishments()) {
            return LpsType.EXCLUDED;
        }
        boolean region = lq >= thresholds.highLq();
        boolean sector = share >= thresholds.highShare();
        if (region && sector) {
            return LpsType.CENTRE;
        }
        if (sector) {
            return LpsType.ADVANCED_VECTOR;
        }
        return region ? LpsType.LOCAL_DEVELOPMENT_VECTOR : LpsType.EMBRYONIC;
    }

    private static double gini(List<double[]> curve) {
        List<double[]> ordered = new ArrayList<>(curve);
        ordered.sort(Comparator.comparingDouble((double[] c) -> c[0]).reversed());
        double x = 0;
        double y = 0;
        double sum = 0;
        for (double[] c : ordered) {
            double nextX = x + c[1];
            double nextY = y + c[2];
            sum += (nextX - x) * (nextY + y);
            x = nextX;
            y = nextY;
        }
        double g = sum - 1;
        if (!Double.isFinite(g)) {
            throw DomainException.unprocessable("regions", "the locational Gini is not defined for these figures");
        }
        return Math.max(0, g);
    }
}
