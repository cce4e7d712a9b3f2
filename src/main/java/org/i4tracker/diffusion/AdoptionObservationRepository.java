package org.i4tracker.diffusion;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import org.i4tracker.common.AdoptionObserved;

import java.time.LocalDate;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AdoptionObservationRepository extends CrudRepository<AdoptionObservation, Long> {

    List<AdoptionObservation> findByFirmIdAndTechnologyCodeOrderByObservedOn(Long firmId, String technologyCode);

    boolean existsByFirmIdAndTechnologyCodeAndObservedOnAndSourceAndReference(Long firmId, String technologyCode, LocalDate observedOn,
                                                                            AdoptionObserved.Source source, String reference);

    boolean existsByFirmIdAndTechnologyCodeAndObservedOnAndSourceAndReferenceIsNull(Long firmId, String technologyCode,
                                                                                  LocalDate observedOn, AdoptionObserved.Source source);
}
