package org.i4tracker.diffusion;

import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;
import org.i4tracker.common.Check;
import org.i4tracker.common.DomainException;

import java.util.ArrayList;
import java.util.List;

/**
 * Estimates the Bass (1969) diffusion model from adopters (sales) per period.
 *
 * <h2>OLS — Bass (1969), "A new product growth model for consumer durables", Management Science 15(5)</h2>
 * Regress S_t = a + b·Y_{t−1} + c·Y_{t−1}² (Y_{t−1} = cumulative sales before period t, Y_0 = 0), then
 * <pre>  m = (−b − √(b² − 4ac)) / (2c),   p = a/m,   q = −m·c.</pre>
 * Standard errors come from the regression covariance σ²(XᵀX)⁻¹, σ² = SSE/(n−3), carried to (m, p, q)
 * by the delta method with the analytic gradient of the three formulas above. Fitted values are the
 * regression's fitted S_t and {@code sse} its residual sum of squares.
 *
 * <h2>NLS — Srinivasan &amp; Mason (1986), "Nonlinear least squares estimation of new product diffusion
 * models", Marketing Science 5(2)</h2>
 * Minimise Σ_t (S_t − m[F(t) − F(t−1)])² with F from {@link BassCurve}, t = 1 for the first period,
 * using Hipparchus' Levenberg–Marquardt optimiser with the analytic Jacobian. The search starts from
 * the OLS estimates; when OLS has no real root or gives m, p or q ≤ 0 it starts from fixed fallback
 * points scaled to the observed total. Standard errors: cov = σ²(JᵀJ)⁻¹ with J the Jacobian at the
 * optimum and σ² = SSE/(n−3).
 *
 * <h2>Market potential never below the adopters counted</h2>
 * m is the total number of eventual adopters, so m &lt; Σ S_t (the adopters already observed) is no estimate
 * of it. NLS searches m ≥ Σ S_t only (a bound in the parameter validator; at the bound the standard errors
 * are not those of an interior optimum); an OLS fit with m &lt; Σ S_t is refused (422).
 *
 * <h2>Failures</h2>
 * Fewer than 3 periods, negative or non-finite values: {@link DomainException} INVALID (HTTP 400) on
 * {@code sales}. All zeros, no real root of the OLS quadratic, OLS estimates outside the model's domain,
 * or NLS not converging to valid parameters: {@link DomainException} UNPROCESSABLE (HTTP 422).
 * With exactly 3 periods there is no residual degree of freedom and the standard errors are null.
 *
 * <p>Immutable and thread-safe; {@link #withMaxIterations} returns a copy.
 */
public final class BassEstimator {

    /** Minimum number of periods: three parameters need at least three observations. */
    public static final int MIN_PERIODS = 3;

    private static final double[][] FALLBACK_STARTS = {
            // {m as multiple of observed total, p, q}; typical durable-goods values (Sultan, Farley & Lehmann 1990: p≈0.03, q≈0.38)
            {1.5, 0.03, 0.38}, {3.0, 0.01, 0.5}, {1.1, 0.1, 0.1}, {10.0, 0.002, 0.8}};

    private final int maxIterations;

    public BassEstimator() {
        this(1000);
    }

    private BassEstimator(int maxIterations) {
        this.maxIterations = maxIterations;
    }

    public BassEstimator withMaxIterations(int maxIterations) {
        Check.that(maxIterations > 0, "maxIterations", "must be positive");
        return new BassEstimator(maxIterations);
    }

    public BassFit fit(List<? extends Number> sales, BassMethod method) {
        Check.notNull(sales, "sales");
        double[] s = new double[sales.size()];
        for (int i = 0; i < s.length; i++) {
            Number v = Check.notNull(sales.get(i), "sales[" + i + "]");
            s[i] = v.doubleValue();
        }
        return fit(s, method);
    }

    public BassFit fit(double[] sales, BassMethod method) {
        Check.notNull(method, "method");
        validate(sales);
        return method == BassMethod.OLS ? ols(sales) : nls(sales);
    }

    private static void validate(double[] sales) {
        Check.that(sales != null && sales.length >= MIN_PERIODS, "sales", "must contain at least " + MIN_PERIODS + " periods");
        double total = 0;
        for (int i = 0; i < sales.length; i++) {
            Check.finiteNonNegative(sales[i], "sales[" + i + "]");
            total += sales[i];
        }
        if (total <= 0) {
            throw DomainException.unprocessable("sales", "all values are zero: there is no diffusion to estimate");
        }
    }

    // ---------------------------------------------------------------- OLS

    private record Regression(double a, double b, double c, RealMatrix covariance, double[] fitted, double sse) {
    }

    private static Regression regress(double[] sales) {
        int n = sales.length;
        double[] before = new double[n];
        double cumulative = 0;
        for (int t = 0; t < n; t++) {
            before[t] = cumulative;
            cumulative += sales[t];
        }
        // Y is scaled to [0, 1] so that the Y² column does not swamp the QR decomposition.
        double scale = Math.max(before[n - 1], Double.MIN_NORMAL);
        double[][] x = new double[n][];
        for (int t = 0; t < n; t++) {
            double y = before[t] / scale;
            x[t] = new double[]{1, y, y * y};
        }
        RealMatrix design = new Array2DRowRealMatrix(x, false);
        double[] coef;
        RealMatrix pseudoInverse;
        try {
            var solver = new QRDecomposition(design, 1e-12).getSolver();
            coef = solver.solve(new ArrayRealVector(sales, false)).toArray();
            pseudoInverse = solver.getInverse();
        } catch (MathRuntimeException e) {
            throw DomainException.unprocessable("sales",
                    "the Bass regression is singular: cumulative sales take fewer than three distinct values before the last period");
        }
        double[] fitted = new double[n];
        double sse = 0;
        for (int t = 0; t < n; t++) {
            fitted[t] = coef[0] + coef[1] * x[t][1] + coef[2] * x[t][2];
            sse += (sales[t] - fitted[t]) * (sales[t] - fitted[t]);
        }
        // (XᵀX)⁻¹ = X⁺X⁺ᵀ; undo the scaling: b = b'/s, c = c'/s².
        RealMatrix unscale = new Array2DRowRealMatrix(new double[][]{{1, 0, 0}, {0, 1 / scale, 0}, {0, 0, 1 / (scale * scale)}}, false);
        RealMatrix xtxInverse = unscale.multiply(pseudoInverse.multiplyTransposed(pseudoInverse)).multiply(unscale);
        return new Regression(coef[0], coef[1] / scale, coef[2] / (scale * scale), xtxInverse, fitted, sse);
    }

    private static BassFit ols(double[] sales) {
        Regression r = regress(sales);
        double discriminant = r.b * r.b - 4 * r.a * r.c;
        if (!(r.c < 0) || !(discriminant >= 0)) {
            throw DomainException.unprocessable("sales", "the OLS quadratic a + bY + cY² = 0 has no real root with c < 0 (a="
                    + r.a + ", b=" + r.b + ", c=" + r.c + "): the series does not follow a Bass curve yet; try method NLS");
        }
        double root = Math.sqrt(discriminant);
        double m = (-r.b - root) / (2 * r.c);
        double p = r.a / m;
        double q = -m * r.c;
        if (!(m > 0 && p > 0 && q > 0) || !Double.isFinite(m + p + q)) {
            throw DomainException.unprocessable("sales", "the OLS estimates m=" + m + ", p=" + p + ", q=" + q
                    + " are outside the Bass model's domain (all must be positive); try method NLS");
        }
        double counted = total(sales);
        if (m < counted * (1 - 1e-9)) {
            throw DomainException.unprocessable("sales", "the OLS market potential m=" + m + " is below the " + counted
                    + " adopters already counted; try method NLS");
        }
        BassStandardErrors se = null;
        int n = sales.length;
        if (n > 3 && root > 0) {
            // Gradients of m, p, q with respect to (a, b, c).
            double dmDa = 1 / root;
            double dmDb = (-1 - r.b / root) / (2 * r.c);
            double dmDc = r.a / (r.c * root) - m / r.c;
            double[] gm = {dmDa, dmDb, dmDc};
            double[] gp = {1 / m - r.a / (m * m) * dmDa, -r.a / (m * m) * dmDb, -r.a / (m * m) * dmDc};
            double[] gq = {-r.c * dmDa, -r.c * dmDb, -r.c * dmDc - m};
            RealMatrix cov = r.covariance.scalarMultiply(r.sse / (n - 3));
            se = finiteOrNull(new BassStandardErrors(deltaSe(cov, gm), deltaSe(cov, gp), deltaSe(cov, gq)));
        }
        BassCurve curve = new BassCurve(m, p, q);
        return new BassFit(BassMethod.OLS, m, p, q, se, r.sse, curve.peakPeriod(), toList(r.fitted));
    }

    private static double total(double[] sales) {
        double total = 0;
        for (double v : sales) {
            total += v;
        }
        return total;
    }

    private static double deltaSe(RealMatrix cov, double[] gradient) {
        RealVector g = new ArrayRealVector(gradient, false);
        return Math.sqrt(g.dotProduct(cov.operate(g)));
    }

    // ---------------------------------------------------------------- NLS

    private BassFit nls(double[] sales) {
        double total = 0;
        for (double v : sales) {
            total += v;
        }
        List<double[]> starts = new ArrayList<>(FALLBACK_STARTS.length + 1);
        try {
            BassFit ols = ols(sales);
            starts.add(new double[]{ols.m(), ols.p(), ols.q()});
        } catch (DomainException e) {
            // no usable OLS start: the fallback starts below are tried instead
        }
        starts.addAll(fallbackStarts(total));
        for (double[] start : starts) {
            BassFit fit = nlsFrom(sales, start, total);
            if (fit != null) {
                return fit;
            }
        }
        throw DomainException.unprocessable("sales", "non-linear least squares did not converge to valid Bass parameters from "
                + starts.size() + " starting points");
    }

    static List<double[]> fallbackStarts(double total) {
        List<double[]> starts = new ArrayList<>(FALLBACK_STARTS.length);
        for (double[] f : FALLBACK_STARTS) {
            starts.add(new double[]{f[0] * total, f[1], f[2]});
        }
        return starts;
    }

    /** One Levenberg–Marquardt run from {@code start} = (m, p, q); null when it fails or leaves the domain. */
    BassFit nlsFrom(double[] sales, double[] start, double total) {
        int n = sales.length;
        double minM = total;
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .start(start)
                .target(sales)
                .model(point -> valueAndJacobian(point.toArray(), n))
                .parameterValidator(point -> {
                    double[] v = point.toArray();
                    v[0] = Math.max(v[0], minM);
                    v[1] = Math.min(Math.max(v[1], 1e-9), 1.0);
                    v[2] = Math.min(Math.max(v[2], 0.0), 10.0);
                    return new ArrayRealVector(v, false);
                })
                .maxEvaluations(maxIterations * 2)
                .maxIterations(maxIterations)
                .lazyEvaluation(false)
                .build();
        LeastSquaresOptimizer.Optimum optimum;
        try {
            optimum = new LevenbergMarquardtOptimizer().optimize(problem);
        } catch (MathRuntimeException e) {
            return null;
        }
        double[] x = optimum.getPoint().toArray();
        double m = x[0];
        double p = x[1];
        double q = x[2];
        if (!(m >= minM && p > 1e-9 && q >= 0 && p < 1.0 && q < 10.0) || !Double.isFinite(m + p + q)) {
            return null;
        }
        BassCurve curve = new BassCurve(m, p, q);
        double[] fitted = new double[n];
        double sse = 0;
        for (int t = 0; t < n; t++) {
            fitted[t] = curve.adoptersInPeriod(t + 1);
            sse += (sales[t] - fitted[t]) * (sales[t] - fitted[t]);
        }
        if (!Double.isFinite(sse)) {
            return null;
        }
        BassStandardErrors se = null;
        if (n > 3) {
            try {
                RealMatrix cov = optimum.getCovariances(1e-14).scalarMultiply(sse / (n - 3));
                se = finiteOrNull(new BassStandardErrors(Math.sqrt(cov.getEntry(0, 0)), Math.sqrt(cov.getEntry(1, 1)),
                        Math.sqrt(cov.getEntry(2, 2))));
            } catch (MathRuntimeException e) {
                se = null;
            }
        }
        return new BassFit(BassMethod.NLS, m, p, q, se, sse, curve.peakPeriod(), toList(fitted));
    }

    /** Model values m[F(t) − F(t−1)] for t = 1..n and their analytic Jacobian with respect to (m, p, q). */
    static Pair<RealVector, RealMatrix> valueAndJacobian(double[] point, int n) {
        double m = point[0];
        double p = point[1];
        double q = point[2];
        double[] value = new double[n];
        double[][] jacobian = new double[n][3];
        double[] previous = {0, 0, 0}; // F(0), dF/dp(0), dF/dq(0)
        for (int t = 1; t <= n; t++) {
            double[] current = shareAndDerivatives(t, p, q);
            value[t - 1] = m * (current[0] - previous[0]);
            jacobian[t - 1][0] = current[0] - previous[0];
            jacobian[t - 1][1] = m * (current[1] - previous[1]);
            jacobian[t - 1][2] = m * (current[2] - previous[2]);
            previous = current;
        }
        return new Pair<>(new ArrayRealVector(value, false), new Array2DRowRealMatrix(jacobian, false));
    }

    /** F(t) and its partial derivatives by p and q: F = N/D, N = 1 − E, D = 1 + (q/p)E, E = e^{−(p+q)t}. */
    private static double[] shareAndDerivatives(double t, double p, double q) {
        double e = Math.exp(-(p + q) * t);
        double r = q / p;
        double num = 1 - e;
        double den = 1 + r * e;
        double dNum = t * e; // same for p and q
        double dDenP = -(q / (p * p)) * e - r * t * e;
        double dDenQ = e / p - r * t * e;
        double den2 = den * den;
        return new double[]{num / den, (dNum * den - num * dDenP) / den2, (dNum * den - num * dDenQ) / den2};
    }

    private static BassStandardErrors finiteOrNull(BassStandardErrors se) {
        return Double.isFinite(se.m() + se.p() + se.q()) ? se : null;
    }

    private static List<Double> toList(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return list;
    }
}
