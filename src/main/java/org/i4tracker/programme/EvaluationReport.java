package org.i4tracker.programme;

import io.micronaut.core.annotation.Nullable;
import org.i4tracker.evaluation.ControlGroup;
import org.i4tracker.evaluation.DidEstimate;
import org.i4tracker.evaluation.EstimationMethod;
import org.i4tracker.evaluation.GainEstimate;
import org.i4tracker.evaluation.StaggeredDidResult;

import java.util.List;

/**
 * Effect estimate of a programme on one outcome. Waves, cohorts and periods are assessment
 * wave numbers (0 = T0) for score outcomes and calendar years for adoption outcomes
 * ({@code waveUnit}). Firms lacking an outcome in a wave the design needs are left out and
 * counted in {@code excludedFirms}.
 *
 * @param design        DID (two waves) or STAGGERED (all waves, Callaway &amp; Sant'Anna)
 * @param control       comparison group of the staggered design (null for DID)
 * @param waves         waves used
 * @param firms         firms in the estimation
 * @param treatedFirms  participants among them (enrolled between the waves used)
 * @param did           2×2 estimate (DID design)
 * @param gains         participants' mean gain with 95 % CI (DID design, ≥ 2 participants)
 * @param staggered     ATT(g,t) and aggregations (STAGGERED design), with the parallel-trends pre-test
 * @param covariates    firm covariates conditioned on ({@code size}, {@code sector}, {@code baseline}); empty = none
 * @param method        how they were adjusted for (DR, REG, IPW); null without covariates
 * @param technology    the catalogue technology of {@code outcome=adoption}; null for other outcomes
 * @param waveUnit      what a wave number is: an assessment wave or a calendar year
 */
public record EvaluationReport(long programmeId, String outcome, Design design, @Nullable ControlGroup control,
                               List<Integer> waves, int firms, int treatedFirms, int excludedFirms,
                               @Nullable DidEstimate did, @Nullable GainEstimate gains,
                               @Nullable StaggeredDidResult staggered, List<String> covariates,
                               @Nullable EstimationMethod method, @Nullable String technology, WaveUnit waveUnit) {

    /** A report without covariates; {@link #withCovariates} records them. */
    public EvaluationReport(long programmeId, String outcome, Design design, @Nullable ControlGroup control,
                            List<Integer> waves, int firms, int treatedFirms, int excludedFirms,
                            @Nullable DidEstimate did, @Nullable GainEstimate gains, @Nullable StaggeredDidResult staggered) {
        this(programmeId, outcome, design, control, waves, firms, treatedFirms, excludedFirms, did, gains, staggered, List.of(), null,
                null, WaveUnit.ASSESSMENT_WAVE);
    }

    EvaluationReport withCovariates(List<String> names, @Nullable EstimationMethod adjustedBy) {
        return new EvaluationReport(programmeId, outcome, design, control, waves, firms, treatedFirms, excludedFirms, did, gains,
                staggered, List.copyOf(names), adjustedBy, technology, waveUnit);
    }

    EvaluationReport withAdoption(@Nullable String technologyCode, WaveUnit unit) {
        return new EvaluationReport(programmeId, outcome, design, control, waves, firms, treatedFirms, excludedFirms, did, gains,
                staggered, covariates, method, technologyCode, unit);
    }

    /** ASSESSMENT_WAVE: 0 = T0, 1 = T1, …; YEAR: calendar years (adoption outcomes, observed on 31 December). */
    public enum WaveUnit { ASSESSMENT_WAVE, YEAR }

    /**
     * DID: participants vs eligible non-participants; STAGGERED: Callaway–Sant'Anna by enrolment
     * cohort; SPILLOVER: the 2×2 DiD among non-participants, those linked to a participant vs the rest.
     */
    public enum Design { DID, STAGGERED, SPILLOVER }
}
