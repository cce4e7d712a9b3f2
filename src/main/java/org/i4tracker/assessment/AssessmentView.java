package org.i4tracker.assessment;

import io.micronaut.core.annotation.Introspected;
import org.i4tracker.model.Confidence;
import org.i4tracker.model.ScoreReport;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An assessment with its answers, their evidence and its current score report. */
@Introspected
public record AssessmentView(Long id, Long firmId, String modelId, String modelVersion, String wave, LocalDate date,
                             AssessmentStatus status, int revision, Long revisionOf, String revisionReason, Long clonedFrom,
                             Long supersededBy, String createdBy, Instant createdAt, boolean selfAssessment, String validatedBy, Instant validatedAt,
                             Long version, List<AnswerView> answers, ScoreReport score) {

    @Introspected
    record AnswerView(String item, Object value, boolean notApplicable, Confidence confidence, String remark,
                      List<EvidenceView> evidence) {
    }

    @Introspected
    record EvidenceView(Long id, Evidence.Kind kind, String ref, String note, String addedBy, Instant addedAt) {
        static EvidenceView of(Evidence e) {
            return new EvidenceView(e.id(), e.kind(), e.ref(), e.note(), e.addedBy(), e.addedAt());
        }
    }

    static AssessmentView of(Assessment a, List<AnswerView> answers, ScoreReport score) {
        return new AssessmentView(a.id(), a.firmId(), a.modelId(), a.modelVersion(), a.wave(), a.assessedOn(), a.status(),
                a.revision(), a.revisionOf(), a.revisionReason(), a.clonedFrom(), a.supersededBy(), a.createdBy(), a.createdAt(),
                a.selfAssessment(), a.validatedBy(), a.validatedAt(), a.version(), answers, score);
    }
}
