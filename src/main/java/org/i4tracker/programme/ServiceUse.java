package org.i4tracker.programme;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDate;

/** A service an enrolled firm used, and the day it first did (if known). */
@MappedEntity("enrolment_service_use")
record ServiceUse(@Id @GeneratedValue @Nullable Long id, Long enrolmentId, ProgrammeServiceType service,
                  @Nullable LocalDate usedOn) {
}
