package org.i4tracker.evaluation;


/**
 * Inverse of a small symmetric positive-definite matrix (a cross-product X'WX or an influence
 * covariance) by the Cholesky factorisation A = LL'. Collinearity is detected relative to scale:
 * the matrix counts as singular when a pivot falls below 1e-10 times the diagonal element it came
 * from, i.e. when a column is a linear combination of the earlier ones up to about five significant
 * digits of its own variation. Cost O(k³) for a k × k matrix.
 */
final class Cholesky {

    static final double RELATIVE_PIVOT = 1e-10;

    private Cholesky() {
    }

    /** A⁻¹, or {@code null} when A is not (numerically) positive definite. */
    static double[][] inverse(double[][] a) {
        int k = a.length;
        double[][] l = new double[k][k];
        for (int j = 0; j < k; j++) {
            double pivot = a[j][j];
            for (int m = 0; m < j; m++) {
                pivot -= l[j][m] * l[j][m];
            }
            if (!(pivot > RELATIVE_PIVOT * Math.abs(a[j][j])) || a[j][j] <= 0) {
                return null;
            }
            l[j][j] = Math.sqrt(pivot);
            for (int i = j + 1; i < k; i++) {
                double s = a[i][j];
                for (int m = 0; m < j; m++) {
                    s -= l[i][m] * l[j][m];
                }
                l[i][j] = s / l[j][j];
            }
        }
        // L⁻¹ by forward substitution, then A⁻¹ = L⁻ᵀ L⁻¹
        double[][] li = new double[k][k];
        for (int c = 0; c < k; c++) {
            li[c][c] = 1 / l[c][c];
            for (int i = c + 1; i < k; i++) {
                double s = 0;
                for (int m = c; m < i; m++) {
                    s -= l[i][m] * li[m][c];
                }
                li[i][c] = s / l[i][i];
            }
        }
        double[][] inv = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int m = i; m < k; m++) {
                    s += li[m][i] * li[m][j];
                }
                inv[i][j] = s;
                inv[j][i] = s;
            }
        }
        return inv;
    }

    static double[] times(double[][] a, double[] v) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double s = 0;
            for (int j = 0; j < v.length; j++) {
                s += a[i][j] * v[j];
            }
            out[i] = s;
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
