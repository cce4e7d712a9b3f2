package org.i4tracker.district;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import org.i4tracker.common.Check;

/** Employment and establishments of a district's sector in one reference year. */
@MappedEntity("district_employment")
public record DistrictEmployment(@Id @GeneratedValue @Nullable Long id,
                                 Long districtId,
                                 int referenceYear,
                                 int totalEmployment,
                                 int establishments,
                                 @Version @Nullable Long version) {

    public DistrictEmployment {
        Check.notNull(districtId, "districtId");
        Check.range(referenceYear, 1900, 2100, "referenceYear");
        Check.that(totalEmployment >= 0, "totalEmployment", "must not be negative");
        Check.that(establishments >= 0, "establishments", "must not be negative");
    }
}
