package org.i4tracker.district;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;

import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RegionRepository extends PageableRepository<Region, Long> {
    boolean existsByCode(String code);

    boolean existsByCodeAndIdNotEqual(String code, Long id);

    boolean existsByParentId(Long parentId);

    List<Region> findByIdIn(Collection<Long> ids);
}
