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

    /** One piece of evidence; {@code file} describes the uploaded file of a FILE (null for links, notes and a FILE without one). */
    @Introspected
    record EvidenceView(Long id, Evidence.Kind kind, String ref, String note, String addedBy, Instant addedAt, FileView file) {
        static EvidenceView of(Evidence e, EvidenceFiles.StoredFile file) {
            return new EvidenceView(e.id(), e.kind(), e.ref(), e.note(), e.addedBy(), e.addedAt(),
                    file == null ? null : FileView.of(e.assessmentId(), file));
        }
    }

    /**
     * An uploaded evidence file: its safe name, the content type sniffed from its bytes, size in bytes, SHA-256 (hex)
     * and where to download it ({@code GET /api/v1/assessments/{id}/evidence/{evidenceId}/file}).
     */
    @Introspected
    record FileView(String name, String contentType, long size, String sha256, String href) {
        static FileView of(long assessmentId, EvidenceFiles.StoredFile file) {
            return new FileView(file.name(), file.contentType(), file.size(), file.sha256(),
                    "/api/v1/assessments/" + assessmentId + "/evidence/" + file.evidenceId() + "/file");
        }
    }

    static AssessmentView of(Assessment a, List<AnswerView> answers, ScoreReport score) {
        return new AssessmentView(a.id(), a.firmId(), a.modelId(), a.modelVersion(), a.wave(), a.assessedOn(), a.status(),
                a.revision(), a.revisionOf(), a.revisionReason(), a.clonedFrom(), a.supersededBy(), a.createdBy(), a.createdAt(),
                a.selfAssessment(), a.validatedBy(), a.validatedAt(), a.version(), answers, score);
    }
}
