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
     * "method":"DR"|"REG"|"IPW"}}; {@code x} optional, time-invariant per unit; {@code method} defaults to DR.
     */
    record AttGtRequest(List<Observation> observations, @Nullable ControlGroup control, @Nullable EstimationMethod method) {
        AttGtRequest {
            Check.notNull(observations, "observations");
            observations = List.copyOf(observations);
            control = control == null ? ControlGroup.NEVER_TREATED : control;
            method = method == null ? EstimationMethod.DR : method;
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

    record AttGtResponse(List<AttGtRow> attGt, StaggeredDidResult.Effect simple, List<StaggeredDidResult.EventTime> dynamic,
                         @Nullable StaggeredDidResult.PreTest preTest) {
        record AttGtRow(int cohort, int period, double att, double se) {
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
        List<PanelObservation> rows = request.observations().stream()
                .map(o -> new PanelObservation(o.unit(), o.period(), o.cohort(), o.y(), o.x())).toList();
        StaggeredDidResult r = limits.compute("the ATT(g,t) estimate",
                () -> new StaggeredDid(request.control()).withMethod(request.method()).estimate(rows));
        return new AttGtResponse(
                r.attGt().stream().map(c -> new AttGtResponse.AttGtRow(c.cohort(), c.period(), c.att(), c.se())).toList(),
                r.simple(), r.dynamic(), r.preTest());
    }
}
