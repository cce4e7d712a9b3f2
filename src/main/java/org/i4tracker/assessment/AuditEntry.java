package org.i4tracker.assessment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One change of an assessment: who, what, when, and the affected state before and after as JSON. */
@MappedEntity(value = "assessment_audit", escape = false)
record AuditEntry(@Id @GeneratedValue @Nullable Long id,
                  Long assessmentId,
                  String actor,
                  String action,
                  Instant changedAt,
                  @Nullable String beforeJson,
                  @Nullable String afterJson) {
}
