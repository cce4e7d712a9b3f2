package org.i4tracker.assessment;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AnswerRepository extends CrudRepository<AnswerRow, Long> {

    List<AnswerRow> findByAssessmentIdOrderByItemCode(Long assessmentId);

    List<AnswerRow> findByAssessmentIdInOrderByItemCode(Collection<Long> assessmentIds);
}
