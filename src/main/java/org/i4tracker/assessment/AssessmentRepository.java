package org.i4tracker.assessment;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AssessmentRepository extends PageableRepository<Assessment, Long> {

    /** The current (not superseded) assessments of a firm for a model, any version. */
    List<Assessment> findByFirmIdAndModelIdAndSupersededByIsNull(Long firmId, String modelId);

    List<Assessment> findByRevisionOf(Long revisionOf);

    boolean existsByClonedFrom(Long clonedFrom);

    /** Current assessments in the given states, oldest first (the worklist narrows them to the caller's firms). */
    List<Assessment> findByStatusInAndSupersededByIsNullOrderByAssessedOnAsc(Collection<AssessmentStatus> statuses);

    /** Current assessments of a model, any version and status (the worklist's due waves). */
    List<Assessment> findByModelIdAndSupersededByIsNull(String modelId);

    /** The current assessments of a model, any version, of the given firms (imports check wave order with them). */
    List<Assessment> findByModelIdAndSupersededByIsNullAndFirmIdIn(String modelId, Collection<Long> firmIds);

    /** Validated, current assessments of a model version (benchmarks, evaluation). */
    @Query("SELECT * FROM assessment WHERE model_id = :modelId AND model_version = :modelVersion "
            + "AND status = 'VALIDATED' AND superseded_by IS NULL ORDER BY firm_id, wave_number")
    List<Assessment> findValidated(String modelId, String modelVersion);

    /** Validated, current assessments of the firms, any model. */
    @Query("SELECT * FROM assessment WHERE firm_id IN (:firmIds) AND status = 'VALIDATED' AND superseded_by IS NULL"
            + " ORDER BY model_id, model_version, firm_id, wave_number")
    List<Assessment> findValidatedOfFirms(Collection<Long> firmIds);

    List<Assessment> findByFirmIdAndModelIdAndStatusAndSupersededByIsNullOrderByWaveNumberAsc(
            Long firmId, String modelId, AssessmentStatus status);

    List<Assessment> findByIdIn(Collection<Long> ids);

    /**
     * The assessment, its row locked until the transaction ends ({@code SELECT … FOR UPDATE}): a write that checks the
     * assessment's status without changing the row (adding evidence) waits for a submission, validation or deletion in
     * progress and then sees its outcome.
     */
    Optional<Assessment> findByIdForUpdate(Long id);
}
