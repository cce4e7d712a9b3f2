package org.i4tracker.assessment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One assessment of a firm against one model version in one wave. A correction of a validated
 * assessment is a new row ({@code revisionOf}, {@code revisionReason}); the corrected one keeps its
 * answers and points to its successor through {@code supersededBy}. The answers are one JSON document
 * in the row ({@link StoredAnswer}). {@code selfAssessment} marks an assessment its firm started itself: the only
 * kind the firm's users may answer and submit (see {@link AssessmentLifecycle#requireFirmMayChange}).
 */
@MappedEntity(value = "assessment", escape = false)
record Assessment(@Id @GeneratedValue @Nullable Long id,
                  Long firmId,
                  String modelId,
                  String modelVersion,
                  String wave,
                  int waveNumber,
                  LocalDate assessedOn,
                  AssessmentStatus status,
                  int revision,
                  @Nullable Long revisionOf,
                  @Nullable String revisionReason,
                  @Nullable Long clonedFrom,
                  @Nullable Long supersededBy,
                  String createdBy,
                  Instant createdAt,
                  boolean selfAssessment,
                  @Nullable String validatedBy,
                  @Nullable Instant validatedAt,
                  @Nullable Double overallScore,
                  @Nullable String overallBand,
                  String answerDocument,
                  @Nullable String scoreDocument,
                  @Version @Nullable Long version) {

    /** The answers, read from the answer document (see {@link StoredAnswer}), by item code. */
    List<StoredAnswer> answers() {
        return StoredAnswer.fromDocument(answerDocument);
    }

    /** The dimension scores frozen at validation, in model order; none before. */
    List<FrozenScore> frozenScores() {
        return FrozenScore.fromDocument(scoreDocument);
    }

    /** This assessment as the wave rule sees it ({@link AssessmentLifecycle#checkWave}). */
    AssessmentLifecycle.WaveSlot waveSlot() {
        return new AssessmentLifecycle.WaveSlot(wave, waveNumber, assessedOn, "assessment " + id);
    }

    Assessment withAnswers(List<StoredAnswer> answers) {
        return new Assessment(id, firmId, modelId, modelVersion, wave, waveNumber, assessedOn, status, revision, revisionOf,
                revisionReason, clonedFrom, supersededBy, createdBy, createdAt, selfAssessment, validatedBy, validatedAt, overallScore, overallBand,
                StoredAnswer.document(answers), scoreDocument, version);
    }

    Assessment withDate(LocalDate on) {
        return new Assessment(id, firmId, modelId, modelVersion, wave, waveNumber, on, status, revision, revisionOf,
                revisionReason, clonedFrom, supersededBy, createdBy, createdAt, selfAssessment, validatedBy, validatedAt, overallScore, overallBand,
                answerDocument, scoreDocument, version);
    }

    Assessment withStatus(AssessmentStatus newStatus) {
        return new Assessment(id, firmId, modelId, modelVersion, wave, waveNumber, assessedOn, newStatus, revision, revisionOf,
                revisionReason, clonedFrom, supersededBy, createdBy, createdAt, selfAssessment, validatedBy, validatedAt, overallScore, overallBand, answerDocument,
                scoreDocument, version);
    }

    static Assessment draft(long firmId, String modelId, String modelVersion, Wave wave, LocalDate on, int revision,
                            Long revisionOf, String reason, Long clonedFrom, List<StoredAnswer> answers, String by, Instant at,
                            boolean selfAssessment) {
        return new Assessment(null, firmId, modelId, modelVersion, wave.code(), wave.number(), on, AssessmentStatus.DRAFT, revision,
                revisionOf, reason, clonedFrom, null, by, at, selfAssessment, null, null, null, null, StoredAnswer.document(answers), null, null);
    }
}
