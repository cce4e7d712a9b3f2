package org.i4tracker.telemetry;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface PlantRepository extends PageableRepository<Plant, Long> {
    boolean existsByCode(String code);

    boolean existsByCodeAndIdNotEqual(String code, Long id);

    Page<Plant> findByFirmId(Long firmId, Pageable pageable);

    Page<Plant> findByFirmIdIn(java.util.Collection<Long> firmIds, Pageable pageable);
}
