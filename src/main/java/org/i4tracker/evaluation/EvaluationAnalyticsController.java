package org.i4tracker.evaluation;

import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import org.i4tracker.access.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.i4tracker.common.Check;
import org.i4tracker.web.AnalyticsLimits;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stateless difference-in-differences for agencies bringing their own outcome data
 * (DESIGN.md §9). Nothing is stored; the response is computed from the request body.
 */
@Tag(name = "Analytics")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Controller("/api/v1/analytics")
class EvaluationAnalyticsController {

    /** {@code {"units":[{"id","treated","pre","post"}]}}. */
    record DidRequest(List<Unit> units) {
        DidRequest {
            Check.notNull(units, "units");
            units = List.copyOf(units);
        }

        record Unit(String id, Boolean treated, Double pre, Double post) {
            Unit {
                Check.notBlank(id, "id", 200);
                Check.notNull(treated, "treated");
                Check.finite(Check.notNull(pre, "pre"), "pre");
                Check.finite(Check.notNull(post, "post"), "post");
            }
        }
    }

    record DidResponse(double att, double se, int n) {
    }

    /**
     * {@code {"observations":[{"unit","period","cohort","y","x":{"name":value}}],"control":"NEVER_TREATED"|"NOT_YET_TREATED",
     * "method":"DR"|"REG"|"IPW","bootstrap":{"iterations":1000,"seed":0,"weights":"RADEMACHER"|"MAMMEN","alpha":0.05}}};
     * {@code x} optional, time-invariant per unit; {@code method} defaults to DR; {@code bootstrap} optional (absent = no
     * simultaneous bands), each of its fields optional with the defaults shown. Optional {@code minEventTime},
     * {@code maxEventTime}, {@code balanceEventTime} restrict and balance {@code dynamic} ({@link StaggeredDid.EventWindow}).
     */
    record AttGtRequest(List<Observation> observations, @Nullable ControlGroup control, @Nullable EstimationMethod method,
                        @Nullable Bootstrap bootstrap, @Nullable Integer minEventTime, @Nullable Integer maxEventTime,
                        @Nullable Integer balanceEventTime) {
        AttGtRequest {
            Check.notNull(observations, "observations");
            observations = List.copyOf(observations);
            control = control == null ? ControlGroup.NEVER_TREATED : control;
            method = method == null ? EstimationMethod.DR : method;
        }

        record Bootstrap(@Nullable Integer iterations, @Nullable Long seed, @Nullable MultiplierBootstrap.Weights weights,
                         @Nullable Double alpha) {
            Bootstrap {
                iterations = iterations == null ? MultiplierBootstrap.DEFAULT_ITERATIONS : iterations;
                Check.that(iterations >= 2, "bootstrap.iterations", "must be at least 2");
                seed = seed == null ? 0L : seed;
                weights = weights == null ? MultiplierBootstrap.Weights.RADEMACHER : weights;
                alpha = alpha == null ? MultiplierBootstrap.DEFAULT_ALPHA : alpha;
                Check.that(alpha > 0 && alpha < 1, "bootstrap.alpha", "must lie strictly between 0 and 1");
            }

            MultiplierBootstrap calculator() {
                return new MultiplierBootstrap(iterations, seed, weights, alpha);
            }
        }

        record Observation(String unit, Integer period, Integer cohort, Double y, @Nullable Map<String, Double> x) {
            Observation {
                Check.notBlank(unit, "unit", 200);
                Check.notNull(period, "period");
                Check.that(Check.notNull(cohort, "cohort") >= 0, "cohort", "must be 0 (never treated) or the first treated period");
                Check.finite(Check.notNull(y, "y"), "y");
                x = x == null ? Map.of() : x;
                Check.that(x.size() <= PanelObservation.MAX_COVARIATES, "x",
                        "must contain at most " + PanelObservation.MAX_COVARIATES + " covariates");
                x.forEach((name, value) -> {
                    Check.notBlank(name, "x", 100);
                    Check.finite(Check.notNull(value, "x." + name), "x." + name);
                });
            }
        }
    }

    /** Bands are null unless the request asked for {@code bootstrap}. */
    record AttGtResponse(List<AttGtRow> attGt, StaggeredDidResult.Effect simple, List<StaggeredDidResult.EventTime> dynamic,
                         List<StaggeredDidResult.Cohort> group, List<StaggeredDidResult.Period> calendar,
                         @Nullable StaggeredDidResult.PreTest preTest, @Nullable UniformBand uniformBand,
                         @Nullable Band<EventTimeBounds> dynamicBand, @Nullable Band<CohortBounds> groupBand,
                         @Nullable Band<PeriodBounds> calendarBand) {
        record AttGtRow(int cohort, int period, double att, double se) {
        }

        /** Simultaneous band over all ATT(g,t): every cell's true effect lies in its bounds with probability 1 − alpha. */
        record UniformBand(double criticalValue, int iterations, long seed, MultiplierBootstrap.Weights weights, double alpha,
                           List<CellBounds> cells) {
        }

        /** Simultaneous band over one aggregation (its own critical value). */
        record Band<T>(double criticalValue, List<T> bounds) {
        }

        record CellBounds(int cohort, int period, double lower, double upper) {
        }

        record EventTimeBounds(int eventTime, double lower, double upper) {
        }

        record CohortBounds(int cohort, double lower, double upper) {
        }

        record PeriodBounds(int period, double lower, double upper) {
        }

        static AttGtResponse of(StaggeredDidResult r) {
            List<AttGtRow> rows = r.attGt().stream().map(c -> new AttGtRow(c.cohort(), c.period(), c.att(), c.se())).toList();
            StaggeredDidResult.Bands b = r.bands();
            if (b == null) {
                return new AttGtResponse(rows, r.simple(), r.dynamic(), r.byCohort(), r.calendar(), r.preTest(),
                        null, null, null, null);
            }
            List<CellBounds> cells = new ArrayList<>();
            for (int k = 0; k < rows.size(); k++) {
                cells.add(new CellBounds(rows.get(k).cohort(), rows.get(k).period(), b.attGt().lower()[k], b.attGt().upper()[k]));
            }
            List<EventTimeBounds> events = new ArrayList<>();
            for (int k = 0; k < r.dynamic().size(); k++) {
                events.add(new EventTimeBounds(r.dynamic().get(k).eventTime(), b.dynamic().lower()[k], b.dynamic().upper()[k]));
            }
            List<CohortBounds> cohorts = new ArrayList<>();
            for (int k = 0; k < r.byCohort().size(); k++) {
                cohorts.add(new CohortBounds(r.byCohort().get(k).cohort(), b.byCohort().lower()[k], b.byCohort().upper()[k]));
            }
            List<PeriodBounds> periods = new ArrayList<>();
            for (int k = 0; k < r.calendar().size(); k++) {
                periods.add(new PeriodBounds(r.calendar().get(k).period(), b.calendar().lower()[k], b.calendar().upper()[k]));
            }
            return new AttGtResponse(rows, r.simple(), r.dynamic(), r.byCohort(), r.calendar(), r.preTest(),
                    new UniformBand(b.attGt().criticalValue(), b.iterations(), b.seed(), b.weights(), b.alpha(), cells),
                    new Band<>(b.dynamic().criticalValue(), events), new Band<>(b.byCohort().criticalValue(), cohorts),
                    new Band<>(b.calendar().criticalValue(), periods));
        }
    }

    private final AnalyticsLimits limits;

    EvaluationAnalyticsController(AnalyticsLimits limits) {
        this.limits = limits;
    }

    @Post("/did")
    DidResponse did(@Body DidRequest request) {
        limits.units(request.units().size(), "units");
        List<DidUnit> units = request.units().stream().map(u -> new DidUnit(u.id(), u.treated(), u.pre(), u.post())).toList();
        DidEstimate e = limits.compute("the difference-in-differences estimate", () -> new DiffInDiff().estimate(units));
        return new DidResponse(e.att(), e.se(), e.n());
    }

    @Post("/att-gt")
    AttGtResponse attGt(@Body AttGtRequest request) {
        limits.observations(request.observations(), "observations");
        limits.units(request.observations().stream().map(AttGtRequest.Observation::unit).distinct().count(), "observations[].unit");
        limits.panelPeriods(request.observations().stream().map(AttGtRequest.Observation::period).distinct().count(), "observations[].period");
        MultiplierBootstrap bootstrap = null;
        if (request.bootstrap() != null) {
            limits.bootstrapIterations(request.bootstrap().iterations(), "bootstrap.iterations");
            bootstrap = request.bootstrap().calculator();
        }
        List<PanelObservation> rows = request.observations().stream()
                .map(o -> new PanelObservation(o.unit(), o.period(), o.cohort(), o.y(), o.x())).toList();
        StaggeredDid estimator = new StaggeredDid(request.control()).withMethod(request.method()).withBootstrap(bootstrap)
                .withEventWindow(new StaggeredDid.EventWindow(request.minEventTime(), request.maxEventTime(), request.balanceEventTime()));
        return AttGtResponse.of(limits.compute("the ATT(g,t) estimate", () -> estimator.estimate(rows)));
    }
}
