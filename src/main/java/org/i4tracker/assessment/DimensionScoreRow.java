package org.i4tracker.assessment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A dimension score frozen when the assessment was validated; null score = nothing applicable answered. */
@MappedEntity(value = "assessment_score", escape = false)
record DimensionScoreRow(@Id @GeneratedValue @Nullable Long id,
                         Long assessmentId,
                         String dimensionCode,
                         @Nullable Double score,
                         @Nullable String band) {
}
