package org.i4tracker.programme;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

/** One offered service or one eligibility value of a programme (table {@code programme_rule}). */
@MappedEntity("programme_rule")
record ProgrammeRule(@Id @GeneratedValue @Nullable Long id,
                     Long programmeId,
                     Kind kind,
                     @MappedProperty("rule_value") String value) {

    enum Kind { SERVICE, REGION, DISTRICT, NACE_PREFIX, SIZE_CLASS }
}
