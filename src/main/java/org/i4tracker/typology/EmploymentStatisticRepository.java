package org.i4tracker.typology;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface EmploymentStatisticRepository extends CrudRepository<EmploymentStatistic, Long> {

    List<EmploymentStatistic> findByNaceCodeAndReferenceYearOrderByRegionCode(String naceCode, int referenceYear);

    List<EmploymentStatistic> findByReferenceYear(int referenceYear);

    Optional<EmploymentStatistic> findByRegionCodeAndNaceCodeAndReferenceYear(String regionCode, String naceCode, int referenceYear);
}
