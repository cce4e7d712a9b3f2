package org.i4tracker.diffusion;

import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import org.i4tracker.access.Role;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.i4tracker.common.Check;
import org.i4tracker.web.AnalyticsLimits;

import java.util.List;

/** Stateless diffusion analytics over the numbers in the request body (DESIGN.md §9). */
@Tag(name = "Analytics")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Controller("/api/v1/analytics")
class DiffusionAnalyticsController {

    record BassRequest(List<Double> sales, BassMethod method) {
        BassRequest {
            Check.notNull(sales, "sales");
            Check.notNull(method, "method");
        }
    }

    record HazardRequest(Double population, List<Double> adoptersPerPeriod) {
        HazardRequest {
            Check.notNull(population, "population");
            Check.notNull(adoptersPerPeriod, "adoptersPerPeriod");
        }
    }

    record HazardResponse(List<Double> hazard) {
    }

    record AdopterCategoriesRequest(List<Double> adoptionTimes) {
        AdopterCategoriesRequest {
            Check.notNull(adoptionTimes, "adoptionTimes");
        }
    }

    private final AnalyticsLimits limits;
    private final BassEstimator estimator;

    DiffusionAnalyticsController(AnalyticsLimits limits) {
        this.limits = limits;
        this.estimator = new BassEstimator().withMaxIterations(limits.maxIterations());
    }

    @Operation(summary = "Fit the Bass diffusion model",
            description = "OLS (Bass 1969) or NLS (Srinivasan & Mason 1986) on adopters per period; 422 when the series "
                    + "cannot be estimated (all zeros, no real OLS root, NLS not converging) or exceeds i4.analytics.max-periods "
                    + "or i4.analytics.max-wall-time.")
    @Post("/bass")
    BassFit bass(@Body BassRequest request) {
        limits.periods(request.sales(), "sales");
        return limits.compute("the Bass fit", () -> estimator.fit(request.sales(), request.method()));
    }

    @Operation(summary = "Hazard of adoption per period", description = "adopters in t / (population − adopters before t); null where nobody is left at risk.")
    @Post("/hazard")
    HazardResponse hazard(@Body HazardRequest request) {
        limits.periods(request.adoptersPerPeriod(), "adoptersPerPeriod");
        return new HazardResponse(HazardRates.of(request.population(), request.adoptersPerPeriod()));
    }

    @Operation(summary = "Rogers adopter categories", description = "By mean and sample standard deviation of the adoption times, in input order.")
    @Post("/adopter-categories")
    AdopterCategories adopterCategories(@Body AdopterCategoriesRequest request) {
        limits.observations(request.adoptionTimes(), "adoptionTimes");
        return AdopterCategories.of(request.adoptionTimes());
    }
}
