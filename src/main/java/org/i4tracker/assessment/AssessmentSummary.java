package org.i4tracker.assessment;

import io.micronaut.core.annotation.Introspected;

import java.time.LocalDate;

/** An assessment in a list: no answers, the overall score only once validated; {@code selfAssessment} when the firm started it. */
@Introspected
record AssessmentSummary(Long id, Long firmId, String modelId, String modelVersion, String wave, LocalDate date,
                         AssessmentStatus status, int revision, Long supersededBy, Double overallScore, String overallBand,
                         boolean selfAssessment, Long version) {

    static AssessmentSummary of(Assessment a) {
        return new AssessmentSummary(a.id(), a.firmId(), a.modelId(), a.modelVersion(), a.wave(), a.assessedOn(), a.status(),
                a.revision(), a.supersededBy(), a.overallScore(), a.overallBand(), a.selfAssessment(), a.version());
    }
}
