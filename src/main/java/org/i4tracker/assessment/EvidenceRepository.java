package org.i4tracker.assessment;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface EvidenceRepository extends CrudRepository<Evidence, Long> {

    List<Evidence> findByAssessmentIdOrderById(Long assessmentId);
}
