package org.i4tracker.diffusion;

import org.i4tracker.common.Check;
import java.time.LocalDate;
import java.util.Set;
import org.i4tracker.programme.ProgrammeParticipants;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import org.i4tracker.access.FirmAccess;
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
    private final DistrictNetworks networks;
    private final FirmAccess access;
    private final ProgrammeParticipants participants;

    DistrictDiffusionController(DistrictDiffusion diffusion, DistrictNetworks networks, FirmAccess access,
                                ProgrammeParticipants participants) {
        this.diffusion = diffusion;
        this.participants = participants;
        this.access = access;
        this.networks = networks;
    }

    @Operation(summary = "Network exposure of a district's firms to adopters of a technology",
            description = "E_i(t) = sum_j w_ij a_j(t-1) / sum_j w_ij over firm-firm ties active in t, per YEAR or QUARTER from the "
                    + "first adoption to today, and the adoption rate of firms at risk by exposure band. Weights by link type "
                    + "from i4.diffusion.link-weights.*; agency analysts get the table without the per-firm series.")
    @Get("/exposure")
    DistrictNetworks.ExposureReport exposure(long id, @QueryValue @Nullable String technology, @QueryValue @Nullable String period) {
        access.requireDistrict(id);
        return networks.exposure(id, technology, DiffusionPeriod.parse(period), LocalDate.now());
    }

    @Operation(summary = "Cooperation networks of a district (seed 003)",
            description = "Groups of at least minFirms firms joined by joint projects whose mutual ties cover at least "
                    + "minActivities kinds of activity (defaults 3 and 2).")
    @Get("/networks")
    DistrictNetworks.NetworksReport networks(long id, @QueryValue(defaultValue = "3") int minFirms,
                                             @QueryValue(defaultValue = "2") int minActivities) {
        Check.that(minFirms >= 2, "minFirms", "must be at least 2");
        Check.that(minActivities >= 1, "minActivities", "must be at least 1");
        access.requireDistrict(id);
        return networks.networks(id, minFirms, minActivities, LocalDate.now());
    }

    @Operation(summary = "Diffusion curve of a technology in a district",
            description = "Adopters, cumulative adopters and share of the district's firms per YEAR or QUARTER; hazard; Bass fits "
                    + "(OLS, NLS) with standard errors and a forecast to saturation, or bassUnavailable reasons; Rogers categories "
                    + "counted over every adopter, listing by name only the adopters in the caller's scope. Periods run from the "
                    + "first adoption to the current period; each fit carries trust warnings in words. split=programme:{id} adds "
                    + "the curves and Bass fits of the programme's participants and of the other firms of the district, and the "
                    + "difference in p and q (participants minus others) with SE = sqrt(SE1^2 + SE2^2); each group needs at "
                    + "least k firms (privacy floor).")
    @Get("/diffusion")
    DistrictDiffusion.Report diffusion(long id, @QueryValue @Nullable String technology, @QueryValue @Nullable String period,
                                       @QueryValue @Nullable String split) {
        access.requireDistrict(id);
        Long programmeId = splitProgramme(split);
        Set<Long> enrolled = programmeId == null ? null : participants.analysedProgramme(programmeId);
        DistrictDiffusion.Report report = diffusion.report(id, technology, DiffusionPeriod.parse(period), LocalDate.now(),
                programmeId, enrolled);
        return report.listing(access.visible(report.categories().adopters(), DistrictDiffusion.AdopterView::firmId), diffusion.kFloor());
    }

    /** {@code programme:{id}} → the id; blank → null; anything else → 400 naming {@code split}. */
    static Long splitProgramme(String split) {
        if (split == null || split.isBlank()) {
            return null;
        }
        String value = split.strip();
        Check.that(value.matches("programme:[0-9]{1,18}"), "split", "must be programme:{programmeId}, e.g. programme:7");
        return Long.parseLong(value.substring("programme:".length()));
    }
}
