package org.i4tracker.diffusion;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import org.i4tracker.common.AdoptionObserved;

import java.time.LocalDate;

/**
 * The adoption event of a technology by a firm: the earliest observation wins (a firm adopts a
 * technology once); source, programme and reference are those of that earliest observation.
 */
@MappedEntity("adoption")
public record Adoption(@Id @GeneratedValue @Nullable Long id, Long firmId, String technologyCode, LocalDate adoptedOn,
                       AdoptionObserved.Source source, @Nullable Long programmeId, @Nullable String reference,
                       @Version @Nullable Long version) {
}
