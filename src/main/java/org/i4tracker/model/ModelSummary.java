package org.i4tracker.model;

import io.micronaut.core.annotation.Introspected;

import java.time.Instant;

/** A published model version as listed by the API. */
@Introspected
public record ModelSummary(String id, String version, String name, String origin, boolean inUse,
                           String publishedBy, Instant publishedAt) {

    static ModelSummary of(PublishedModel m) {
        return new ModelSummary(m.modelId(), m.modelVersion(), m.name(), m.origin(), m.inUse(), m.publishedBy(), m.publishedAt());
    }
}
