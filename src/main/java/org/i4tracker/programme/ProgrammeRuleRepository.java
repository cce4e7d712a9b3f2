package org.i4tracker.programme;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ProgrammeRuleRepository extends CrudRepository<ProgrammeRule, Long> {
    List<ProgrammeRule> findByProgrammeIdInOrderById(Collection<Long> programmeIds);

    void deleteByProgrammeId(Long programmeId);
}
