package org.i4tracker.assessment;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.micronaut.security.annotation.Secured;
import org.i4tracker.access.FirmAccess;
import org.i4tracker.access.Role;
import org.i4tracker.common.Check;

@Tag(name = "Assessments")
@Secured({Role.ADMIN_ROLE, Role.RTI, Role.FIRM, Role.AGENCY})
@Controller("/api/v1/assessment-history")
class AssessmentHistoryController {

    private final AssessmentScores scores;
    private final AssessmentService service;
    private final FirmAccess access;

    AssessmentHistoryController(AssessmentScores scores, AssessmentService service, FirmAccess access) {
        this.scores = scores;
        this.service = service;
        this.access = access;
    }

    @Operation(summary = "A firm's validated scores per dimension per wave on one model, with deltas to the previous and the first wave")
    @Get
    FirmHistory history(@QueryValue Long firm, @QueryValue String model) {
        Check.notNull(firm, "firm");
        Check.notBlank(model, "model", 64);
        access.require(firm);
        service.requireFirm(firm, "firm");
        return FirmHistory.of(firm, model, scores.firmHistory(firm, model));
    }
}
