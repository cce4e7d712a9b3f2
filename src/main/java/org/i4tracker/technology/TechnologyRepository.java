package org.i4tracker.technology;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface TechnologyRepository extends PageableRepository<Technology, Long> {
    Optional<Technology> findByCode(String code);

    boolean existsByCode(String code);

}
