package org.i4tracker.diffusion;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AdoptionObservationRepository extends CrudRepository<AdoptionObservation, Long> {

    List<AdoptionObservation> findByFirmIdAndTechnologyCodeOrderByObservedOn(Long firmId, String technologyCode);
}
