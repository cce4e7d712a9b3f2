package org.i4tracker.diffusion;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import org.i4tracker.common.AdoptionObserved;

import java.time.LocalDate;

/** One piece of evidence that a firm uses a technology; all are kept as the adoption's history. */
@MappedEntity("adoption_observation")
record AdoptionObservation(@Id @GeneratedValue @Nullable Long id, Long firmId, String technologyCode, LocalDate observedOn,
                           AdoptionObserved.Source source, @Nullable Long programmeId, @Nullable String reference,
                           @Version @Nullable Long version) {
}
