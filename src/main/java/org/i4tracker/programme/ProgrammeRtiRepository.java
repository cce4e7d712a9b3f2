package org.i4tracker.programme;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ProgrammeRtiRepository extends CrudRepository<ProgrammeRti, Long> {
    List<ProgrammeRti> findByProgrammeIdInOrderById(Collection<Long> programmeIds);

    List<ProgrammeRti> findByInstitutionId(Long institutionId);

    boolean existsByProgrammeIdAndInstitutionId(Long programmeId, Long institutionId);

    void deleteByProgrammeId(Long programmeId);
}
