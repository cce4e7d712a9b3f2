package org.i4tracker.actor;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.PageableRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface FirmRepository extends PageableRepository<Firm, Long> {
    boolean existsByDistrictIdAndCode(Long districtId, String code);

    boolean existsByDistrictIdAndCodeAndIdNotEqual(Long districtId, String code, Long id);

    boolean existsByDistrictId(Long districtId);

    Optional<Firm> findByDistrictIdAndCode(Long districtId, String code);

    List<Firm> findByIdIn(Collection<Long> ids);

    /** The ids among {@code ids} that name stored firms (a projection: no firm is loaded). */
    List<Long> findIdByIdIn(Collection<Long> ids);

    List<Firm> findByDistrictId(Long districtId);

    long countByDistrictId(Long districtId);

    /** The ids of the firms whose lower-cased name or code matches the LIKE pattern (escape character {@code !}). */
    @Query("SELECT f.id FROM firm f WHERE LOWER(f.name) LIKE :pattern ESCAPE '!' OR LOWER(f.code) LIKE :pattern ESCAPE '!'")
    List<Long> findIdsByNameOrCodeLike(String pattern);
}
