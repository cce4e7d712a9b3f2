package org.i4tracker.actor;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.repository.PageableRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface InstitutionRepository extends PageableRepository<Institution, Long> {
    Page<Institution> findByKind(Institution.Kind kind, Pageable pageable);

    Page<Institution> findByRegionId(Long regionId, Pageable pageable);

    Page<Institution> findByRegionIdAndKind(Long regionId, Institution.Kind kind, Pageable pageable);

    List<Institution> findByRegionId(Long regionId);

    boolean existsByRegionIdAndName(Long regionId, String name);

    boolean existsByRegionIdAndNameAndIdNotEqual(Long regionId, String name, Long id);

    boolean existsByDistrictId(Long districtId);
}
