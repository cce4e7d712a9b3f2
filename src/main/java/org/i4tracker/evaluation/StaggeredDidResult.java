package org.i4tracker.evaluation;

import java.util.List;

/**
 * Result of {@link StaggeredDid}: every group-time effect and the four aggregations of the R
 * package {@code did} ({@code aggte} types "simple", "dynamic", "group" and "calendar"), each with its
 * analytic standard error.
 *
 * @param attGt          ATT(g,t) for each cohort g and period t after the first period
 * @param simple         post-treatment cells averaged with weights proportional to cohort size
 * @param dynamic        one effect per event time e = t − g (negative e are pre-trend checks)
 * @param dynamicOverall mean of the dynamic effects over e ≥ 0; null when the event window has no e ≥ 0
 * @param byCohort       per cohort, the mean of its post-treatment cells
 * @param cohortOverall  cohort effects averaged with weights proportional to cohort size
 * @param calendar       per calendar period from the first cohort on, the cohort-size-weighted mean of the
 *                       cells treated by then ({@code aggte(type = "calendar")})
 * @param calendarOverall mean of the calendar effects
 * @param units          number of units used (always-treated units excluded)
 * @param method         how covariates were adjusted for (irrelevant when {@code covariates} is empty)
 * @param covariates     covariate names used, in design order (empty = unconditional)
 * @param preTest        Wald pre-test of parallel trends over the pre-treatment cells; null when there
 *                       is no pre-treatment cell or their covariance is singular
 * @param bands          simultaneous bands by the multiplier bootstrap; null unless asked for
 */
public record StaggeredDidResult(List<GroupTime> attGt, Effect simple, List<EventTime> dynamic,
                                 Effect dynamicOverall, List<Cohort> byCohort, Effect cohortOverall,
                                 List<Period> calendar, Effect calendarOverall,
                                 int units, EstimationMethod method, List<String> covariates, PreTest preTest,
                                 Bands bands) {

    /**
     * Simultaneous (1 − {@code alpha}) bands from one multiplier bootstrap per family, each aligned by index
     * with its list: {@code attGt} with {@link #attGt()}, {@code dynamic} with {@link #dynamic()},
     * {@code byCohort} with {@link #byCohort()}, {@code calendar} with {@link #calendar()}.
     */
    public record Bands(int iterations, long seed, MultiplierBootstrap.Weights weights, double alpha,
                        MultiplierBootstrap.Band attGt, MultiplierBootstrap.Band dynamic,
                        MultiplierBootstrap.Band byCohort, MultiplierBootstrap.Band calendar) {
    }

    /** Average effect in calendar period {@code period} over the cohorts treated by then. */
    public record Period(int period, double att, double se) {
    }

    /**
     * H₀: every pre-treatment ATT(g,t) is zero. {@code statistic} W = n â'V̂⁻¹â, χ² with
     * {@code degreesOfFreedom} = number of pre-treatment cells under H₀; {@code pValue} = P(χ² &gt; W).
     * A small p-value says the cohorts already diverged from their comparison units before treatment.
     */
    public record PreTest(double statistic, int degreesOfFreedom, double pValue) {
    }

    /** An aggregated effect and its standard error. */
    public record Effect(double att, double se) {
    }

    /** ATT(g,t), estimated against {@code basePeriod}. */
    public record GroupTime(int cohort, int period, int basePeriod, double att, double se) {
    }

    /** Average effect {@code eventTime} periods after (or, if negative, before) first treatment. */
    public record EventTime(int eventTime, double att, double se) {
    }

    /** Average post-treatment effect for one cohort. */
    public record Cohort(int cohort, double att, double se) {
    }
}
