package org.i4tracker.programme;

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

    List<Enrolment> findByProgrammeIdOrderByEnrolledOn(Long programmeId);

    List<Enrolment> findByFirmIdAndWithdrawnOnIsNullOrderByProgrammeId(Long firmId);

    Optional<Enrolment> findByIdAndProgrammeId(Long id, Long programmeId);

    boolean existsByProgrammeIdAndFirmId(Long programmeId, Long firmId);

    boolean existsByProgrammeId(Long programmeId);
}
