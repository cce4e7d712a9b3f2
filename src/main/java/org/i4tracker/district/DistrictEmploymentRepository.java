package org.i4tracker.district;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DistrictEmploymentRepository extends CrudRepository<DistrictEmployment, Long> {
    List<DistrictEmployment> findByDistrictIdOrderByReferenceYear(Long districtId);

    Optional<DistrictEmployment> findByDistrictIdAndReferenceYear(Long districtId, int referenceYear);
}
