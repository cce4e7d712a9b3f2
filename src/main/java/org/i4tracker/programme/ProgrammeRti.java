package org.i4tracker.programme;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** An RTI delivering a programme. */
@MappedEntity("programme_rti")
record ProgrammeRti(@Id @GeneratedValue @Nullable Long id, Long programmeId, Long institutionId) {
}
