package org.i4tracker.district;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.repository.PageableRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DistrictRepository extends PageableRepository<District, Long> {
    Page<District> findByRegionId(Long regionId, Pageable pageable);

    List<District> findByRegionId(Long regionId);

    boolean existsByRegionId(Long regionId);

    boolean existsByRegionIdAndName(Long regionId, String name);

    boolean existsByRegionIdAndNameAndIdNotEqual(Long regionId, String name, Long id);
}
