package org.i4tracker.programme;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ProgrammeRepository extends PageableRepository<Programme, Long> {
    Page<Programme> findByRegionId(Long regionId, Pageable pageable);

    List<Programme> findByParentId(Long parentId);

    List<Programme> findByRegionIdInOrderById(java.util.Collection<Long> regionIds);

    boolean existsByCode(String code);

    boolean existsByCodeAndIdNotEqual(String code, Long id);

    boolean existsByParentId(Long parentId);

    /** The programme, its row locked until the transaction ends ({@code SELECT … FOR UPDATE}). */
    java.util.Optional<Programme> findByIdForUpdate(Long id);
}
