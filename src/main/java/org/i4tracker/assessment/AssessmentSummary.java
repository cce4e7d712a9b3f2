package org.i4tracker.assessment;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.LocalDate;

/**
 * An assessment in a list: no answers, the overall score only once validated; {@code selfAssessment} when the firm started it.
 * {@code firmName} is given in lists (null in the audit trail's snapshots of an assessment).
 */
@Introspected
record AssessmentSummary(Long id, Long firmId, @Nullable String firmName, String modelId, String modelVersion, String wave, LocalDate date,
                         AssessmentStatus status, int revision, Long supersededBy, Double overallScore, String overallBand,
                         boolean selfAssessment, Long version) {

    static AssessmentSummary of(Assessment a) {
        return of(a, null);
    }

    static AssessmentSummary of(Assessment a, @Nullable String firmName) {
        return new AssessmentSummary(a.id(), a.firmId(), firmName, a.modelId(), a.modelVersion(), a.wave(), a.assessedOn(), a.status(),
                a.revision(), a.supersededBy(), a.overallScore(), a.overallBand(), a.selfAssessment(), a.version());
    }
}
