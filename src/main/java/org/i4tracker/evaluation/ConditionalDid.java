package org.i4tracker.evaluation;


import java.util.List;
import java.util.Locale;

/**
 * The 2×2 panel difference in differences under conditional parallel trends — one ATT(g,t) cell
 * of {@link StaggeredDid} — as the R package {@code DRDID} computes it (Sant'Anna &amp; Zhao 2020,
 * "Doubly robust difference-in-differences estimators", J. Econometrics 219(1), 101–122, §3 and
 * Appendix; Callaway &amp; Sant'Anna 2021, eq. 2.3–2.6). Inputs over the m units of the cell:
 * ΔY = Y_t − Y_b, D = 1 for the cohort, 0 for its comparison units, and x = (1, covariates).
 * <ul>
 * <li><b>REG</b> ({@code reg_did_panel}): β̂ = OLS of ΔY on x among D = 0, μ̂(x) = x'β̂;
 *     ATT = mean_{D=1}(ΔY) − mean_{D=1}(μ̂(x)).</li>
 * <li><b>IPW</b> ({@code std_ipw_did_panel}): p̂(x) = logit propensity score ({@link LogisticRegression});
 *     w₁ = D, w₀ = p̂(1 − D)/(1 − p̂); ATT = Σw₁ΔY/Σw₁ − Σw₀ΔY/Σw₀ (normalised, Hájek weights).</li>
 * <li><b>DR</b> ({@code drdid_panel}, the "traditional" doubly robust estimator of eq. 3.1):
 *     ATT = Σw₁(ΔY − μ̂(x))/Σw₁ − Σw₀(ΔY − μ̂(x))/Σw₀ with the IPW weights above.</li>
 * </ul>
 * Influence functions (DRDID's {@code att.inf.func}, mean zero, SE = √(Σψ²)/m): with
 * η₁, η₀ the two weighted means, w̄ the sample mean of a weight, OLS linear representation
 * ℓ_OLS,i = (1 − Dᵢ)(ΔYᵢ − μ̂(xᵢ)) xᵢ' (X₀'X₀/m)⁻¹ and logit representation
 * ℓ_ps,i = (Dᵢ − p̂ᵢ) xᵢ' m (X'ŴX)⁻¹:
 * <ul>
 * <li>REG: ψ = [w₁ΔY − w₁η₁]/w̄₁ − [w₁μ̂ − w₁η₀ + ℓ_OLS·mean(w₁x)]/w̄₁;</li>
 * <li>IPW: ψ = [w₁ΔY − w₁η₁]/w̄₁ − [w₀ΔY − w₀η₀ + ℓ_ps·mean(w₀(ΔY − η₀)x)]/w̄₀;</li>
 * <li>DR, with r = ΔY − μ̂: ψ = [w₁r − w₁η₁ − ℓ_OLS·mean(w₁x)]/w̄₁
 *     − [w₀r − w₀η₀ + ℓ_ps·mean(w₀(r − η₀)x) − ℓ_OLS·mean(w₀x)]/w̄₀.</li>
 * </ul>
 * As in DRDID, p̂ is capped at 1 − 1e-6 and comparison units with p̂ ≥ {@value #TRIM} get weight 0.
 * <p>
 * Not estimable ({@link NotEstimable}, a reason without the cohort, which the caller adds):
 * collinear covariates among the comparison units (OLS) or overall (logit), a propensity model
 * that does not converge, no overlap — every treated unit outside the comparison units' range on
 * some covariate, or a treated unit with p̂ ≥ {@value #NO_OVERLAP} (checked for IPW and DR).
 */
final class ConditionalDid {

    /** Comparison units at or above this propensity are trimmed (DRDID's {@code trim.level}). */
    static final double TRIM = 0.995;
    /** A treated unit at or above this propensity has no comparable comparison unit. */
    static final double NO_OVERLAP = 0.999;

    /** Why a cell cannot be estimated; the caller names the cohort and period. */
    static final class NotEstimable extends RuntimeException {
        NotEstimable(String reason) {
            super(reason, null, false, false);
        }
    }

    /** ATT and the influence function over the m units of the cell (mean zero). */
    record Estimate(double att, double[] influence) {
    }

    private ConditionalDid() {
    }

    /**
     * @param dy     ΔY per unit
     * @param d      1 for treated, 0 for comparison units
     * @param x      design rows, column 0 the intercept
     * @param names  covariate names of columns 1.., for messages
     */
    static Estimate estimate(double[] dy, double[] d, double[][] x, List<String> names, EstimationMethod method) {
        requireOverlapInRange(d, x, names);
        return switch (method) {
            case REG -> regression(dy, d, x);
            case IPW -> weighting(dy, d, x);
            case DR -> doublyRobust(dy, d, x);
        };
    }

    private static Estimate regression(double[] dy, double[] d, double[][] x) {
        int m = d.length;
        Ols ols = Ols.fit(dy, d, x);
        double meanD = mean(d);
        double eta1 = 0;
        double eta0 = 0;
        for (int i = 0; i < m; i++) {
            eta1 += d[i] * dy[i];
            eta0 += d[i] * ols.fitted[i];
        }
        eta1 /= meanD * m;
        eta0 /= meanD * m;
        double[] olsDirection = ols.direction(weightedMeanOfX(d, x));
        double[] psi = new double[m];
        for (int i = 0; i < m; i++) {
            double treated = (d[i] * dy[i] - d[i] * eta1) / meanD;
            double control = (d[i] * ols.fitted[i] - d[i] * eta0 + ols.representation(i, olsDirection)) / meanD;
            psi[i] = treated - control;
        }
        return new Estimate(eta1 - eta0, psi);
    }

    private static Estimate weighting(double[] dy, double[] d, double[][] x) {
        int m = d.length;
        Propensity ps = Propensity.fit(d, x);
        double eta1 = weightedMean(ps.w1, dy);
        double eta0 = weightedMean(ps.w0, dy);
        double[] moment = new double[m];
        for (int i = 0; i < m; i++) {
            moment[i] = ps.w0[i] * (dy[i] - eta0);
        }
        double[] psDirection = ps.direction(weightedMeanOfX(moment, x));
        double meanW1 = mean(ps.w1);
        double meanW0 = mean(ps.w0);
        double[] psi = new double[m];
        for (int i = 0; i < m; i++) {
            double treated = (ps.w1[i] * dy[i] - ps.w1[i] * eta1) / meanW1;
            double control = (ps.w0[i] * dy[i] - ps.w0[i] * eta0 + ps.representation(i, psDirection)) / meanW0;
            psi[i] = treated - control;
        }
        return new Estimate(eta1 - eta0, psi);
    }

    private static Estimate doublyRobust(double[] dy, double[] d, double[][] x) {
        int m = d.length;
        Propensity ps = Propensity.fit(d, x);
        Ols ols = Ols.fit(dy, d, x);
        double[] r = new double[m];
        for (int i = 0; i < m; i++) {
            r[i] = dy[i] - ols.fitted[i];
        }
        double eta1 = weightedMean(ps.w1, r);
        double eta0 = weightedMean(ps.w0, r);
        double[] moment = new double[m];
        for (int i = 0; i < m; i++) {
            moment[i] = ps.w0[i] * (r[i] - eta0);
        }
        double[] psDirection = ps.direction(weightedMeanOfX(moment, x));
        double[] olsTreated = ols.direction(weightedMeanOfX(ps.w1, x));
        double[] olsControl = ols.direction(weightedMeanOfX(ps.w0, x));
        double meanW1 = mean(ps.w1);
        double meanW0 = mean(ps.w0);
        double[] psi = new double[m];
        for (int i = 0; i < m; i++) {
            double treated = (ps.w1[i] * r[i] - ps.w1[i] * eta1 - ols.representation(i, olsTreated)) / meanW1;
            double control = (ps.w0[i] * r[i] - ps.w0[i] * eta0 + ps.representation(i, psDirection)
                    - ols.representation(i, olsControl)) / meanW0;
            psi[i] = treated - control;
        }
        return new Estimate(eta1 - eta0, psi);
    }

    /** OLS of ΔY on x among the comparison units, with its linear representation. */
    private record Ols(double[] fitted, double[] residualOfControl, double[][] x, double[][] inverseMeanCrossProduct) {

        static Ols fit(double[] dy, double[] d, double[][] x) {
            int m = d.length;
            int k = x[0].length;
            double[][] xpx = new double[k][k];
            double[] xpy = new double[k];
            for (int i = 0; i < m; i++) {
                if (d[i] == 0) {
                    for (int a = 0; a < k; a++) {
                        xpy[a] += x[i][a] * dy[i] / m;
                        for (int b = 0; b < k; b++) {
                            xpx[a][b] += x[i][a] * x[i][b] / m;
                        }
                    }
                }
            }
            double[][] inverse = Cholesky.inverse(xpx);
            if (inverse == null) {
                throw new NotEstimable("the covariates are collinear among the comparison units "
                        + "(for example a covariate that does not vary among them), so the outcome regression has no unique fit");
            }
            double[] beta = Cholesky.times(inverse, xpy);
            double[] fitted = new double[m];
            double[] residual = new double[m];
            for (int i = 0; i < m; i++) {
                fitted[i] = Cholesky.dot(x[i], beta);
                residual[i] = (1 - d[i]) * (dy[i] - fitted[i]);
            }
            return new Ols(fitted, residual, x, inverse);
        }

        /** (X₀'X₀/m)⁻¹ M, so that ℓ_OLS,i · M = residualᵢ xᵢ'(X₀'X₀/m)⁻¹M. */
        double[] direction(double[] moment) {
            return Cholesky.times(inverseMeanCrossProduct, moment);
        }

        double representation(int i, double[] direction) {
            return residualOfControl[i] == 0 ? 0 : residualOfControl[i] * Cholesky.dot(x[i], direction);
        }
    }

    /** Logit propensity score, capped and trimmed as in DRDID, with the two weight vectors. */
    private record Propensity(double[] p, double[] w1, double[] w0, double[] d, double[][] x, double[][] hessianInverse) {

        static Propensity fit(double[] d, double[][] x) {
            int m = d.length;
            LogisticRegression.Fit fit = LogisticRegression.fit(x, d);
            double[] p = new double[m];
            double[] w1 = new double[m];
            double[] w0 = new double[m];
            for (int i = 0; i < m; i++) {
                p[i] = Math.min(fit.probability()[i], 1 - 1e-6);
                if (d[i] == 1 && p[i] >= NO_OVERLAP) {
                    throw new NotEstimable(String.format(Locale.ROOT, "no overlap: a treated unit has propensity score %.4f ≥ %s, "
                            + "so no comparison unit resembles it", p[i], NO_OVERLAP));
                }
                w1[i] = d[i];
                w0[i] = d[i] == 0 && p[i] < TRIM ? p[i] / (1 - p[i]) : 0;
            }
            if (mean(w0) == 0) {
                throw new NotEstimable("no overlap: every comparison unit has propensity score ≥ " + TRIM);
            }
            double[][] h = fit.inverseInformation();
            double[][] scaled = new double[h.length][h.length];
            for (int a = 0; a < h.length; a++) {
                for (int b = 0; b < h.length; b++) {
                    scaled[a][b] = h[a][b] * m;
                }
            }
            return new Propensity(p, w1, w0, d, x, scaled);
        }

        double[] direction(double[] moment) {
            return Cholesky.times(hessianInverse, moment);
        }

        double representation(int i, double[] direction) {
            return (d[i] - p[i]) * Cholesky.dot(x[i], direction);
        }
    }

    private static void requireOverlapInRange(double[] d, double[][] x, List<String> names) {
        for (int c = 1; c < x[0].length; c++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < d.length; i++) {
                if (d[i] == 0) {
                    min = Math.min(min, x[i][c]);
                    max = Math.max(max, x[i][c]);
                }
            }
            boolean anyInside = false;
            for (int i = 0; i < d.length && !anyInside; i++) {
                anyInside = d[i] == 1 && x[i][c] >= min && x[i][c] <= max;
            }
            if (!anyInside) {
                throw new NotEstimable("no overlap on covariate " + names.get(c - 1) + ": every treated unit lies outside "
                        + "the comparison units' range [" + min + ", " + max + "]");
            }
        }
    }

    /** mean over units of wᵢ xᵢ (a k-vector). */
    private static double[] weightedMeanOfX(double[] w, double[][] x) {
        int k = x[0].length;
        double[] out = new double[k];
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < k; j++) {
                out[j] += w[i] * x[i][j] / w.length;
            }
        }
        return out;
    }

    private static double weightedMean(double[] w, double[] v) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < w.length; i++) {
            num += w[i] * v[i];
            den += w[i];
        }
        return num / den;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e;
        }
        return s / v.length;
    }
}
