package org.i4tracker.telemetry;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface MachineRepository extends PageableRepository<Machine, Long> {
    Page<Machine> findByPlantId(Long plantId, Pageable pageable);

    Optional<Machine> findByIdAndPlantId(Long id, Long plantId);

    boolean existsByPlantIdAndCode(Long plantId, String code);

    boolean existsByPlantIdAndCodeAndIdNotEqual(Long plantId, String code, Long id);

    /** Machines of the plant that have stored telemetry (their first sample arrived). */
    long countByPlantIdAndFirstTelemetryAtIsNotNull(Long plantId);
}
