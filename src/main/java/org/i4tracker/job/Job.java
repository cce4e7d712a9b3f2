package org.i4tracker.job;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A unit of long work with its progress ({@code done} of {@code total}) and, once finished, its result. */
@MappedEntity("job")
record Job(@Id @GeneratedValue @Nullable Long id,
           String kind,
           Status status,
           long total,
           long done,
           boolean cancelRequested,
           @Nullable String createdBy,
           Instant createdAt,
           @Nullable Instant startedAt,
           @Nullable Instant finishedAt,
           @Nullable String message,
           @Nullable String resultJson) {

    enum Status { QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

        boolean finished() {
            return this == SUCCEEDED || this == FAILED || this == CANCELLED;
        }
    }
}
