package org.i4tracker.diffusion;

import org.i4tracker.common.DomainException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reference values. The original tables of Bass (1969) and Srinivasan &amp; Mason (1986) were not
 * available to us in machine-readable form, so the references are:
 * <ul>
 *   <li>OLS: the worked class exercise "durable good, first 5 years: 0.517, 1.169, 1.604, 2.044, 2.286
 *   (millions)" with published answer p = 0.0626032, q = 0.73766359, M = 10.5036768 (MIT 2.555A brand
 *   management course notes, GitHub aoyingxue/GitNote, Module_1_InClass.md).</li>
 *   <li>NLS and all standard errors: an independent implementation — SciPy 1.17.1
 *   {@code scipy.optimize.least_squares(method='lm')} (MINPACK) on the same discrete model
 *   S_t = m[F(t) − F(t−1)], numerical Jacobian, cov = SSE/(n−3)·(JᵀJ)⁻¹; OLS SEs by NumPy lstsq with a
 *   finite-difference delta method. Script in the commit message of this test.</li>
 *   <li>The 10-period series 840 … 5890 is the textbook example shipped with R Bass tutorials
 *   (chengjun, rpubs.com/chengjun/bass_model; DIMORA::BASS.standard example).</li>
 * </ul>
 */
class BassEstimatorTest {

    private static final BassEstimator ESTIMATOR = new BassEstimator();
    private static final double[] EXERCISE = {0.517, 1.169, 1.604, 2.044, 2.286};
    private static final double[] TEXTBOOK = {840, 1470, 2110, 4000, 7590, 10950, 10530, 9470, 7790, 5890};

    private static void near(double expected, double actual, double relTol, String what) {
        assertEquals(expected, actual, Math.abs(expected) * relTol, what);
    }

    @Test
    void olsMatchesPublishedExerciseAnswer() {
        BassFit fit = ESTIMATOR.fit(EXERCISE, BassMethod.OLS);
        near(10.5036768, fit.m(), 1e-7, "m: course answer 10.5036768, rel. tol 1e-7 (8 digits given)");
        near(0.0626032, fit.p(), 1e-6, "p: course answer 0.0626032, rel. tol 1e-6 (7 digits given)");
        near(0.73766359, fit.q(), 1e-7, "q: course answer 0.73766359, rel. tol 1e-7");
        near(0.05884729861133939, fit.sse(), 1e-9, "regression SSE: NumPy lstsq, rel. tol 1e-9");
        assertNotNull(fit.standardErrors());
        near(1.950697769431, fit.standardErrors().m(), 1e-5, "SE(m): NumPy + finite-difference delta method, rel. tol 1e-5");
        near(0.013084953366, fit.standardErrors().p(), 1e-5, "SE(p): same, rel. tol 1e-5");
        near(0.147204087274, fit.standardErrors().q(), 1e-5, "SE(q): same, rel. tol 1e-5");
        assertEquals(5, fit.fitted().size());
        assertEquals(BassMethod.OLS, fit.method());
    }

    @Test
    void olsOnTextbookSeriesMatchesNumpy() {
        BassFit fit = ESTIMATOR.fit(TEXTBOOK, BassMethod.OLS);
        near(62665.446909277445, fit.m(), 1e-9, "m: NumPy lstsq, rel. tol 1e-9");
        near(0.021646782830424836, fit.p(), 1e-9, "p: NumPy lstsq, rel. tol 1e-9");
        near(0.6805250432708425, fit.q(), 1e-9, "q: NumPy lstsq, rel. tol 1e-9");
        near(2397.210411809, fit.standardErrors().m(), 1e-5, "SE(m): NumPy delta method, rel. tol 1e-5");
        near(0.01012789031773, fit.standardErrors().p(), 1e-5, "SE(p), rel. tol 1e-5");
        near(0.07116965677892, fit.standardErrors().q(), 1e-5, "SE(q), rel. tol 1e-5");
    }

    @Test
    void nlsMatchesScipyLevenbergMarquardt() {
        BassFit fit = ESTIMATOR.fit(TEXTBOOK, BassMethod.NLS);
        near(67660.02546770732, fit.m(), 1e-6, "m: SciPy least_squares(lm), rel. tol 1e-6");
        near(0.008788963075052147, fit.p(), 1e-6, "p: SciPy, rel. tol 1e-6");
        near(0.6421588913727133, fit.q(), 1e-6, "q: SciPy, rel. tol 1e-6");
        near(3672146.264377503, fit.sse(), 1e-8, "SSE: SciPy, rel. tol 1e-8");
        near(3070.905526567, fit.standardErrors().m(), 1e-4, "SE(m): SciPy Jacobian, rel. tol 1e-4");
        near(0.001776446957792, fit.standardErrors().p(), 1e-4, "SE(p): SciPy Jacobian, rel. tol 1e-4");
        near(0.04257123188779, fit.standardErrors().q(), 1e-4, "SE(q): SciPy Jacobian, rel. tol 1e-4");
        near(6.592446691069576, fit.peakPeriod(), 1e-6, "t* = ln(q/p)/(p+q) from SciPy's estimates, rel. tol 1e-6");

        BassFit small = ESTIMATOR.fit(EXERCISE, BassMethod.NLS);
        near(13.247340740795002, small.m(), 1e-6, "m: SciPy, rel. tol 1e-6");
        near(0.035314726908276126, small.p(), 1e-6, "p: SciPy, rel. tol 1e-6");
        near(0.618067408583824, small.q(), 1e-6, "q: SciPy, rel. tol 1e-6");
        near(1.995621495899, small.standardErrors().m(), 1e-4, "SE(m): SciPy, rel. tol 1e-4");
    }

    @Test
    void nlsRecoversTheParametersOfAnExactCurve() {
        BassCurve truth = new BassCurve(1000, 0.03, 0.38); // Sultan, Farley & Lehmann (1990) mean p and q
        double[] sales = new double[12];
        for (int t = 1; t <= 12; t++) {
            sales[t - 1] = truth.adoptersInPeriod(t);
        }
        BassFit fit = ESTIMATOR.fit(sales, BassMethod.NLS);
        near(1000, fit.m(), 1e-7, "exact data: m recovered to rel. 1e-7");
        near(0.03, fit.p(), 1e-7, "exact data: p recovered to rel. 1e-7");
        near(0.38, fit.q(), 1e-7, "exact data: q recovered to rel. 1e-7");
        assertTrue(fit.sse() < 1e-12, "exact data leaves no residual");
        near(Math.log(0.38 / 0.03) / 0.41, fit.peakPeriod(), 1e-7, "t* formula, rel. 1e-7");
    }

    @Test
    void olsWithoutRealRootFailsAndNlsFallsBack() {
        // Series built exactly on S = 1 + 0.1·Y + 0.01·Y²: b² − 4ac = 0.01 − 0.04 < 0, no real root.
        double[] convex = new double[6];
        double cumulative = 0;
        for (int t = 0; t < convex.length; t++) {
            convex[t] = 1 + 0.1 * cumulative + 0.01 * cumulative * cumulative;
            cumulative += convex[t];
        }
        var noRoot = assertThrows(DomainException.class, () -> ESTIMATOR.fit(convex, BassMethod.OLS));
        assertEquals(DomainException.Kind.UNPROCESSABLE, noRoot.kind());
        assertTrue(noRoot.getMessage().contains("no real root"), noRoot.getMessage());
        // NLS then starts from the fallback points. On this early, still-accelerating series m is not
        // identified (SciPy's least_squares(lm) from the same starts ends anywhere between m = 5 391 and 7 526,
        // SE(m) ≈ 8.6e5), so the optimiser does not converge and the request cannot be estimated.
        var notConverged = assertThrows(DomainException.class, () -> ESTIMATOR.fit(convex, BassMethod.NLS));
        assertEquals(DomainException.Kind.UNPROCESSABLE, notConverged.kind());
        assertTrue(notConverged.getMessage().contains("did not converge"), notConverged.getMessage());

        // Every fallback start reaches the true parameters of an exact early-stage curve.
        BassCurve truth = new BassCurve(500, 0.002, 0.7);
        double[] sales = new double[8];
        double total = 0;
        for (int t = 1; t <= 8; t++) {
            sales[t - 1] = truth.adoptersInPeriod(t);
            total += sales[t - 1];
        }
        for (double[] start : BassEstimator.fallbackStarts(total)) {
            BassFit fromFallback = ESTIMATOR.nlsFrom(sales, start, total);
            assertNotNull(fromFallback, "converges from " + java.util.Arrays.toString(start));
            near(500, fromFallback.m(), 1e-5, "exact data: m recovered to rel. 1e-5");
            near(0.7, fromFallback.q(), 1e-5, "exact data: q recovered to rel. 1e-5");
        }
        BassFit fit = ESTIMATOR.fit(sales, BassMethod.NLS);
        near(500, fit.m(), 1e-5, "exact early-stage data: m recovered to rel. 1e-5");
        near(0.7, fit.q(), 1e-5, "q recovered to rel. 1e-5");
    }

    @Test
    void threePeriodsFitExactlyWithoutStandardErrors() {
        BassFit fit = ESTIMATOR.fit(new double[]{10, 20, 25}, BassMethod.OLS);
        assertNull(fit.standardErrors(), "n − 3 = 0 degrees of freedom");
        assertTrue(fit.sse() < 1e-18);
    }

    @Test
    void forecastRunsToSaturation() {
        BassCurve curve = new BassCurve(1000, 0.03, 0.38);
        int period = curve.periodReaching(0.95);
        assertTrue(curve.cumulativeShare(period) >= 0.95 && curve.cumulativeShare(period - 1) < 0.95,
                "first whole period at or above 95 %");
        BassFit fit = new BassFit(BassMethod.NLS, 1000, 0.03, 0.38, null, 0, curve.peakPeriod(), List.of(30.0, 40.0, 50.0));
        BassForecast forecast = fit.forecast(0.95, 100);
        assertEquals(period, forecast.saturationPeriod());
        assertEquals(period - 3, forecast.periodsToSaturation());
        assertEquals(period - 3, forecast.projectedAdopters().size());
        assertEquals(curve.adoptersInPeriod(4), forecast.projectedAdopters().get(0), 1e-12);
    }

    @Test
    void badSeriesAreRejectedNamingTheField() {
        var tooShort = assertThrows(DomainException.class, () -> ESTIMATOR.fit(new double[]{1, 2}, BassMethod.NLS));
        assertEquals(DomainException.Kind.INVALID, tooShort.kind());
        assertEquals("sales", tooShort.errors().get(0).field());
        var negative = assertThrows(DomainException.class, () -> ESTIMATOR.fit(new double[]{1, -2, 3}, BassMethod.NLS));
        assertEquals("sales[1]", negative.errors().get(0).field());
        var zeros = assertThrows(DomainException.class, () -> ESTIMATOR.fit(new double[]{0, 0, 0, 0}, BassMethod.NLS));
        assertEquals(DomainException.Kind.UNPROCESSABLE, zeros.kind());
        var nan = assertThrows(DomainException.class, () -> ESTIMATOR.fit(new double[]{1, Double.NaN, 3}, BassMethod.OLS));
        assertEquals(DomainException.Kind.INVALID, nan.kind());
    }

    /*
     * A series that has nearly saturated and then picks up again: the OLS quadratic's root is m = 51.593 (NumPy lstsq
     * on S_t = a + bY + cY², tolerance 1e-3) while 55 firms have already adopted. A market potential below the adopters
     * counted is no estimate: OLS refuses the fit, NLS keeps m at or above 55, and the fit says it sits at that bound.
     */
    @Test
    void marketPotentialIsNeverBelowTheAdoptersAlreadyCounted() {
        double[] rebound = {1, 4, 10, 16, 12, 5, 2, 1, 1, 3};
        DomainException ols = assertThrows(DomainException.class, () -> ESTIMATOR.fit(rebound, BassMethod.OLS));
        assertTrue(ols.getMessage().contains("below the 55.0 adopters already counted"), ols.getMessage());
        BassFit nls = ESTIMATOR.fit(rebound, BassMethod.NLS);
        assertTrue(nls.m() >= 55.0, "m = " + nls.m());
        for (double[] series : new double[][]{TEXTBOOK, EXERCISE, {2, 6, 14, 20, 12, 4, 1, 0, 0, 0}, {5, 10, 20, 10, 0, 0, 0, 0}}) {
            double total = java.util.Arrays.stream(series).sum();
            assertTrue(ESTIMATOR.fit(series, BassMethod.NLS).m() >= total, "NLS m below the total of " + total);
        }
        List<String> warnings = new BassFitQuality(10, 6).warnings(nls, 55, rebound.length);
        assertEquals(nls.m() <= 55 * (1 + 1e-6), warnings.stream().anyMatch(w -> w.contains("equals the adopters already counted")),
                warnings.toString());
    }

    @Test
    void trustWarningsNameTooFewAdoptersPeriodsAndLooseEstimates() {
        BassFit exact = new BassFit(BassMethod.NLS, 9, 0.1, 0.3, null, 0, 3, List.of(1.0, 2.0, 1.0));
        List<String> warnings = new BassFitQuality(10, 6).warnings(exact, 4, 3);
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("only 4 adopters")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("only 3 periods")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("no standard errors")), warnings.toString());
        BassFit textbook = ESTIMATOR.fit(TEXTBOOK, BassMethod.NLS);
        assertEquals(List.of(), new BassFitQuality(10, 6).warnings(textbook, (int) java.util.Arrays.stream(TEXTBOOK).sum(), TEXTBOOK.length),
                "a long, well-determined series is not flagged");
        BassFit loose = new BassFit(BassMethod.NLS, 100, 0.01, 0.5, new BassStandardErrors(20, 0.02, 0.1), 1, 5, List.of(1.0, 2.0, 3.0));
        assertTrue(new BassFitQuality(1, 3).warnings(loose, 50, 10).get(0).contains("for p:"));
    }

    /*
     * Differences of two fits: SE(diff) = √(SE₁² + SE₂²) as the fits are independent. Here p: 0.03 − 0.01 = 0.02,
     * SE √(0.003² + 0.004²) = 0.005, z = 4, two-sided p = 2(1 − Φ(4)) = 6.334248e-5 (R: 2*pnorm(-4), tolerance 1e-9).
     */
    @Test
    void comparisonOfTwoFitsAddsVariances() {
        BassFit a = new BassFit(BassMethod.NLS, 100, 0.03, 0.5, new BassStandardErrors(5, 0.003, 0.05), 1, 5, List.of(1.0));
        BassFit b = new BassFit(BassMethod.NLS, 300, 0.01, 0.4, new BassStandardErrors(9, 0.004, 0.12), 1, 5, List.of(1.0));
        BassComparison c = BassComparison.of(a, b);
        assertEquals(0.02, c.p().estimate(), 1e-15);
        assertEquals(0.005, c.p().se(), 1e-15);
        assertEquals(4.0, c.p().z(), 1e-12);
        assertEquals(6.334248e-5, c.p().pValue(), 1e-9);
        assertEquals(0.1, c.q().estimate(), 1e-12);
        assertEquals(0.13, c.q().se(), 1e-12);
        BassFit noSe = new BassFit(BassMethod.NLS, 300, 0.01, 0.4, null, 1, 5, List.of(1.0));
        assertNull(BassComparison.of(a, noSe).q().se());
        assertEquals(0.1, BassComparison.of(a, noSe).q().estimate(), 1e-12);
    }
}
