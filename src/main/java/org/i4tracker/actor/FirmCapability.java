package org.i4tracker.actor;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** One entry of a firm's capability profile (seed 003's capability database). */
@MappedEntity("firm_capability")
record FirmCapability(@Id @GeneratedValue @Nullable Long id, Long firmId, Kind kind, String name) {

    enum Kind { PROCESS, CERTIFICATION, TECHNOLOGY }
}
