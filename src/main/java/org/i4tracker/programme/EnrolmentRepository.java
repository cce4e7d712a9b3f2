package org.i4tracker.programme;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface EnrolmentRepository extends PageableRepository<Enrolment, Long> {
    Page<Enrolment> findByProgrammeId(Long programmeId, Pageable pageable);

    Page<Enrolment> findByProgrammeIdAndFirmIdIn(Long programmeId, java.util.Collection<Long> firmIds, Pageable pageable);

    Page<Enrolment> findByFirmId(Long firmId, Pageable pageable);

    Page<Enrolment> findByFirmIdAndProgrammeIdIn(Long firmId, java.util.Collection<Long> programmeIds, Pageable pageable);

    List<Enrolment> findByProgrammeIdOrderByEnrolledOn(Long programmeId);

    /** The programme of every enrolment in the programmes (one row per enrolment: a projection, no enrolment is loaded). */
    List<Long> findProgrammeIdByProgrammeIdIn(java.util.Collection<Long> programmeIds);

    /** The same, for the enrolments not withdrawn on {@code day} (withdrawn later or never). */
    @Query("SELECT programme_id FROM enrolment WHERE programme_id IN (:programmeIds) "
            + "AND (withdrawn_on IS NULL OR withdrawn_on > :day)")
    List<Long> activeProgrammeIds(java.util.Collection<Long> programmeIds, java.time.LocalDate day);

    List<Enrolment> findByFirmIdAndWithdrawnOnIsNullOrderByProgrammeId(Long firmId);

    Optional<Enrolment> findByIdAndProgrammeId(Long id, Long programmeId);

    boolean existsByProgrammeIdAndFirmId(Long programmeId, Long firmId);

    boolean existsByProgrammeId(Long programmeId);
}
