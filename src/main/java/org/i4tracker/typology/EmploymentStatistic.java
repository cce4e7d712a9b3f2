package org.i4tracker.typology;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

/** Employment of one industry (NACE) in one region in one year, with the region's total employment. */
@MappedEntity("employment_statistic")
record EmploymentStatistic(@Id @GeneratedValue @Nullable Long id, String regionCode, String naceCode, int referenceYear,
                           long totalEmployment, long industryEmployment, int establishments, @Version @Nullable Long version) {
}
