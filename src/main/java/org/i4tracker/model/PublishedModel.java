package org.i4tracker.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;

/** A stored model version: the document as published, where it came from, and whether an assessment uses it. */
@MappedEntity(value = "assessment_model", escape = false)
record PublishedModel(@Id @GeneratedValue @Nullable Long id,
                      String modelId,
                      String modelVersion,
                      String name,
                      String origin,
                      String content,
                      boolean inUse,
                      String publishedBy,
                      Instant publishedAt,
                      @Version @Nullable Long version) {
}
