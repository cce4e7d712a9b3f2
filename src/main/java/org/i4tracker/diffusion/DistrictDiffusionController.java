package org.i4tracker.diffusion;

import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import org.i4tracker.access.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Diffusion analytics over the stored adoptions of a district's firms. */
@Tag(name = "Diffusion")
@Secured({Role.ADMIN_ROLE, Role.RTI, Role.AGENCY})
@Controller("/api/v1/districts/{id}")
class DistrictDiffusionController {

    private final DistrictDiffusion diffusion;

    DistrictDiffusionController(DistrictDiffusion diffusion) {
        this.diffusion = diffusion;
    }

    @Operation(summary = "Diffusion curve of a technology in a district",
            description = "Adopters, cumulative adopters and share of the district's firms per YEAR or QUARTER; hazard; Bass fits "
                    + "(OLS, NLS) with standard errors and a forecast to saturation, or bassUnavailable reasons; Rogers categories.")
    @Get("/diffusion")
    DistrictDiffusion.Report diffusion(long id, @QueryValue @Nullable String technology, @QueryValue @Nullable String period) {
        return diffusion.report(id, technology, DiffusionPeriod.parse(period));
    }
}
