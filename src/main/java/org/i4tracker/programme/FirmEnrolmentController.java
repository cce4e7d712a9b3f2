package org.i4tracker.programme;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.i4tracker.access.FirmAccess;
import org.i4tracker.access.Role;
import org.i4tracker.web.PageQuery;
import org.i4tracker.web.PageResponse;

import java.util.Set;

/**
 * The programmes a firm is enrolled in, read from the firm's side: how a firm user learns its enrolments (and so which
 * consents it can grant), since the programme routes are not open to firm users.
 */
@Tag(name = "Programmes")
@Controller("/api/v1/firms/{id}/enrolments")
class FirmEnrolmentController {

    private static final Set<String> SORTABLE = Set.of("id", "enrolledOn", "programmeId");

    private final FirmAccess access;
    private final ProgrammeScope scope;
    private final EnrolmentRegistry enrolments;

    FirmEnrolmentController(FirmAccess access, ProgrammeScope scope, EnrolmentRegistry enrolments) {
        this.access = access;
        this.scope = scope;
        this.enrolments = enrolments;
    }

    /**
     * The firm's enrolments, newest first by default; 404 unless the caller may see the firm ({@link FirmAccess}). An
     * agency analyst, who sees a firm because it consented to one of its region's programmes, is shown the enrolments
     * in its own region's programmes only.
     */
    @Operation(summary = "A firm's programme enrolments",
            description = "Each with the programme by code and name, the services used, the withdrawal and the consent state. "
                    + "Sortable by id, enrolledOn, programmeId.")
    @Secured({Role.ADMIN_ROLE, Role.AGENCY, Role.RTI, Role.FIRM})
    @Get
    PageResponse<EnrolmentView> list(long id, @QueryValue @Nullable Integer page, @QueryValue @Nullable Integer size,
                                     @QueryValue @Nullable String sort) {
        access.require(id);
        return enrolments.ofFirm(id, scope.listedRegion(null), PageQuery.of(page, size, sort, SORTABLE, "enrolledOn,desc"));
    }
}
