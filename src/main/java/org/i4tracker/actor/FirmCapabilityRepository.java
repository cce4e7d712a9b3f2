package org.i4tracker.actor;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface FirmCapabilityRepository extends CrudRepository<FirmCapability, Long> {
    List<FirmCapability> findByFirmIdInOrderById(Collection<Long> firmIds);

    List<FirmCapability> findByFirmIdOrderById(Long firmId);

    void deleteByFirmId(Long firmId);
}
