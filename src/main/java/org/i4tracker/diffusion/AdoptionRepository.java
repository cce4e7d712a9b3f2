package org.i4tracker.diffusion;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AdoptionRepository extends PageableRepository<Adoption, Long> {

    Optional<Adoption> findByFirmIdAndTechnologyCode(Long firmId, String technologyCode);

    List<Adoption> findByFirmId(Long firmId);

    List<Adoption> findByFirmIdIn(Collection<Long> firmIds);

    List<Adoption> findByTechnologyCode(String technologyCode);

    List<Adoption> findByTechnologyCodeAndFirmIdIn(String technologyCode, Collection<Long> firmIds);
}
