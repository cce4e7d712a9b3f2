package org.i4tracker.evaluation;


/**
 * Maximum-likelihood logit P(D = 1 | x) = 1/(1 + exp(−x'β)) by Newton–Raphson (equivalently
 * IRLS, as R's {@code glm(family = binomial)}): β ← β + (X'WX)⁻¹X'(D − p), W = diag(p(1 − p)),
 * from β = 0 until every coefficient moves by less than 1e-10 × max(1, |β_j|), at most
 * {@value #MAX_ITERATIONS} iterations. Returns the fitted probabilities and (X'WX)⁻¹ at the
 * optimum (R's {@code vcov} of the fit). The design must contain the intercept column.
 * <p>
 * Fails with {@link ConditionalDid.NotEstimable} when the likelihood has no finite maximum —
 * covariates that separate the two groups drive β to infinity, so the iterations do not settle —
 * or when X'WX is singular (collinear covariates, or probabilities numerically 0 or 1).
 */
final class LogisticRegression {

    static final int MAX_ITERATIONS = 50;

    record Fit(double[] probability, double[][] inverseInformation, int iterations) {
    }

    private LogisticRegression() {
    }

    static Fit fit(double[][] x, double[] d) {
        int n = x.length;
        int k = x[0].length;
        double[] beta = new double[k];
        for (int iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
            double[] p = probabilities(x, beta);
            double[][] inverse = inverseInformation(x, p);
            double[] score = new double[k];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    score[j] += x[i][j] * (d[i] - p[i]);
                }
            }
            double[] step = Cholesky.times(inverse, score);
            boolean settled = true;
            for (int j = 0; j < k; j++) {
                if (!Double.isFinite(step[j])) {
                    throw notConverged(iteration);
                }
                beta[j] += step[j];
                settled &= Math.abs(step[j]) <= 1e-10 * Math.max(1, Math.abs(beta[j]));
            }
            if (settled) {
                double[] fitted = probabilities(x, beta);
                return new Fit(fitted, inverseInformation(x, fitted), iteration);
            }
        }
        throw notConverged(MAX_ITERATIONS);
    }

    private static double[] probabilities(double[][] x, double[] beta) {
        double[] p = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double eta = Cholesky.dot(x[i], beta);
            p[i] = eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
        }
        return p;
    }

    private static double[][] inverseInformation(double[][] x, double[] p) {
        int k = x[0].length;
        double[][] info = new double[k][k];
        for (int i = 0; i < x.length; i++) {
            double w = p[i] * (1 - p[i]);
            for (int a = 0; a < k; a++) {
                for (int b = 0; b <= a; b++) {
                    info[a][b] += w * x[i][a] * x[i][b];
                }
            }
        }
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < a; b++) {
                info[b][a] = info[a][b];
            }
        }
        double[][] inverse = Cholesky.inverse(info);
        if (inverse == null) {
            throw new ConditionalDid.NotEstimable("the propensity-score model is singular: covariates are collinear, "
                    + "or they separate treated from comparison units (fitted probabilities of 0 or 1)");
        }
        return inverse;
    }

    private static ConditionalDid.NotEstimable notConverged(int iterations) {
        return new ConditionalDid.NotEstimable("the propensity-score model did not converge in " + iterations
                + " Newton iterations: the covariates (nearly) separate treated from comparison units");
    }
}
