package org.i4tracker.programme;

import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import org.i4tracker.access.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.i4tracker.evaluation.ControlGroup;
import org.i4tracker.evaluation.EstimationMethod;
import org.i4tracker.evaluation.MultiplierBootstrap;
import org.i4tracker.common.Check;
import org.i4tracker.web.AnalyticsLimits;

@Tag(name = "Programmes")
@Secured({Role.ADMIN_ROLE, Role.AGENCY, Role.RTI})
@Controller("/api/v1/programmes/{id}/evaluation")
class ProgrammeEvaluationController {

    private final ProgrammeEvaluation evaluation;

    private final ProgrammeScope scope;
    private final ProgrammeRegistry programmes;
    private final AnalyticsLimits limits;

    ProgrammeEvaluationController(ProgrammeEvaluation evaluation, ProgrammeScope scope, ProgrammeRegistry programmes,
                                  AnalyticsLimits limits) {
        this.limits = limits;
        this.evaluation = evaluation;
        this.scope = scope;
        this.programmes = programmes;
    }

    @Operation(summary = "Programme effect on an outcome",
            description = "outcome = overall or a dimension code; design = DID (waves pre/post, default first/last), SPILLOVER "
                    + "(non-participants linked to a participant vs unlinked non-participants, same 2x2 DiD) or "
                    + "STAGGERED (Callaway & Sant'Anna ATT(g,t) by enrolment wave); control = NEVER_TREATED or NOT_YET_TREATED; "
                    + "covariates = any of size, sector, baseline (log employees, NACE division indicators, overall score at T0) "
                    + "to condition on, adjusted for by method = DR (default, doubly robust), REG or IPW. "
                    + "outcome = adoption (with technology = a catalogue code) is 1 once the firm has adopted the technology by "
                    + "31 December of a year, else 0; outcome = technologies counts the catalogue technologies adopted by then; "
                    + "their waves are the years from..to (default: two years before the programme's start or first enrolment, "
                    + "whichever is earlier, to the current year); cohorts are enrolment years. bootstrap = true adds the "
                    + "simultaneous bands of the staggered design (multiplier bootstrap, iterations default 1000, Rademacher "
                    + "weights, seed default 1 for reproducible bands).")
    @Get
    EvaluationReport evaluate(long id, @QueryValue @Nullable String outcome,
                              @QueryValue @Nullable EvaluationReport.Design design,
                              @QueryValue @Nullable ControlGroup control,
                              @QueryValue @Nullable Integer pre, @QueryValue @Nullable Integer post,
                              @QueryValue @Nullable String covariates, @QueryValue @Nullable EstimationMethod method,
                              @QueryValue @Nullable String technology, @QueryValue @Nullable Integer from,
                              @QueryValue @Nullable Integer to, @QueryValue("bootstrap") @Nullable @Schema(type = "boolean") String bootstrapFlag,
                              @QueryValue @Nullable Integer iterations, @QueryValue @Nullable Long seed) {
        Boolean bootstrap = Check.optionalFlag(bootstrapFlag, "bootstrap");
        scope.requireAnalyse(programmes.require(id));
        MultiplierBootstrap draws = null;
        if (Boolean.TRUE.equals(bootstrap)) {
            int count = iterations == null ? MultiplierBootstrap.DEFAULT_ITERATIONS : iterations;
            Check.that(count >= 2, "iterations", "must be at least 2");
            limits.bootstrapIterations(count, "iterations");
            draws = new MultiplierBootstrap(count, seed == null ? 1L : seed, MultiplierBootstrap.Weights.RADEMACHER,
                    MultiplierBootstrap.DEFAULT_ALPHA);
        } else {
            Check.that(iterations == null && seed == null, iterations != null ? "iterations" : "seed", "applies only with bootstrap=true");
        }
        return evaluation.evaluate(id, outcome, design == null ? EvaluationReport.Design.DID : design,
                control == null ? ControlGroup.NEVER_TREATED : control, pre, post, covariates,
                method == null ? EstimationMethod.DR : method, technology, from, to, draws);
    }
}
