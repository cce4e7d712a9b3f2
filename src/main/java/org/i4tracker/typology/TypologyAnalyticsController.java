package org.i4tracker.typology;

import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import org.i4tracker.access.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.i4tracker.common.Check;
import org.i4tracker.common.DomainException;
import org.i4tracker.web.AnalyticsLimits;

import java.util.List;

/** Stateless typology of one industry across the regions in the request body (DESIGN.md §9). */
@Tag(name = "Analytics")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Controller("/api/v1/analytics")
class TypologyAnalyticsController {

    record RegionRequest(String id, Double totalEmployment, Double industryEmployment, Integer establishments) {
        RegionRequest {
            Check.notNull(totalEmployment, "totalEmployment");
            Check.notNull(industryEmployment, "industryEmployment");
            Check.notNull(establishments, "establishments");
            toRegion(id, totalEmployment, industryEmployment, establishments);
        }

        private static RegionIndustry toRegion(String id, double total, double industry, int establishments) {
            return new RegionIndustry(id, total, industry, establishments);
        }

        RegionIndustry toRegion() {
            return toRegion(id, totalEmployment, industryEmployment, establishments);
        }
    }

    /** Thresholds the caller overrides; absent ones come from configuration. Shares are fractions. */
    record ThresholdsRequest(@Nullable Double minLq, @Nullable Double minShare, @Nullable Integer minEstablishments,
                             @Nullable Double highLq, @Nullable Double highShare) {
        TypologyThresholds over(TypologyThresholds d) {
            return new TypologyThresholds(minLq == null ? d.minLq() : minLq, minShare == null ? d.minShare() : minShare,
                    minEstablishments == null ? d.minEstablishments() : minEstablishments,
                    highLq == null ? d.highLq() : highLq, highShare == null ? d.highShare() : highShare);
        }
    }

    record TypologyRequest(Double nationalTotalEmployment, Double nationalIndustryEmployment, List<RegionRequest> regions,
                           @Nullable ThresholdsRequest thresholds) {
        TypologyRequest {
            Check.notNull(nationalTotalEmployment, "nationalTotalEmployment");
            Check.notNull(nationalIndustryEmployment, "nationalIndustryEmployment");
            Check.minSize(regions, 1, "regions");
        }
    }

    private final TypologySettings settings;
    private final AnalyticsLimits limits;

    TypologyAnalyticsController(TypologySettings settings, AnalyticsLimits limits) {
        this.settings = settings;
        this.limits = limits;
    }

    @Operation(summary = "Location quotients, shares, locational Gini and LPS types of one industry",
            description = "Thresholds default to i4.typology.* (LQ ≥ 1, share ≥ 0.01, ≥ 5 establishments; high LQ 5, high share 0.20).")
    @Post("/typology")
    TypologyResult typology(@Body TypologyRequest request) {
        limits.units(request.regions().size(), "regions");
        TypologyThresholds thresholds = request.thresholds() == null ? settings.defaults() : thresholdsOf(request.thresholds());
        for (int k = 0; k < request.regions().size(); k++) {
            Check.notNull(request.regions().get(k), "regions[" + k + "]");
        }
        return new LocalProductionSystemTypology(thresholds).classify(request.nationalTotalEmployment(),
                request.nationalIndustryEmployment(), request.regions().stream().map(RegionRequest::toRegion).toList());
    }

    private TypologyThresholds thresholdsOf(ThresholdsRequest request) {
        try {
            return request.over(settings.defaults());
        } catch (DomainException e) {
            var error = e.errors().get(0);
            throw DomainException.invalid("thresholds." + error.field(), error.message());
        }
    }
}
