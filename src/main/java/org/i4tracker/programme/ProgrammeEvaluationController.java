package org.i4tracker.programme;

import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import org.i4tracker.access.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.i4tracker.evaluation.ControlGroup;
import org.i4tracker.evaluation.EstimationMethod;

@Tag(name = "Programmes")
@Secured({Role.ADMIN_ROLE, Role.AGENCY, Role.RTI})
@Controller("/api/v1/programmes/{id}/evaluation")
class ProgrammeEvaluationController {

    private final ProgrammeEvaluation evaluation;

    private final ProgrammeScope scope;
    private final ProgrammeRegistry programmes;

    ProgrammeEvaluationController(ProgrammeEvaluation evaluation, ProgrammeScope scope, ProgrammeRegistry programmes) {
        this.evaluation = evaluation;
        this.scope = scope;
        this.programmes = programmes;
    }

    @Operation(summary = "Programme effect on an outcome",
            description = "outcome = overall or a dimension code; design = DID (waves pre/post, default first/last), SPILLOVER "
                    + "(non-participants linked to a participant vs unlinked non-participants, same 2x2 DiD) or "
                    + "STAGGERED (Callaway & Sant'Anna ATT(g,t) by enrolment wave); control = NEVER_TREATED or NOT_YET_TREATED; "
                    + "covariates = any of size, sector, baseline (log employees, NACE division indicators, overall score at T0) "
                    + "to condition on, adjusted for by method = DR (default, doubly robust), REG or IPW.")
    @Get
    EvaluationReport evaluate(long id, @QueryValue @Nullable String outcome,
                              @QueryValue @Nullable EvaluationReport.Design design,
                              @QueryValue @Nullable ControlGroup control,
                              @QueryValue @Nullable Integer pre, @QueryValue @Nullable Integer post,
                              @QueryValue @Nullable String covariates, @QueryValue @Nullable EstimationMethod method) {
        scope.requireAnalyse(programmes.require(id));
        return evaluation.evaluate(id, outcome, design == null ? EvaluationReport.Design.DID : design,
                control == null ? ControlGroup.NEVER_TREATED : control, pre, post, covariates,
                method == null ? EstimationMethod.DR : method);
    }
}
